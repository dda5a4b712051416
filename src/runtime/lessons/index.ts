// The lesson engine's public face: the worker, the lesson tests and the scripts import from here.
export { LessonEngine, LessonError, LESSON_CLOCK_START, checkStep, type LessonEngineOptions } from "./engine.ts";
export { runCheck, describe as describeCheck } from "./checks.ts";
export { matchOutput, matchTranscript, type MatchResult } from "./outputMatch.ts";
export { configObjects, configYaml } from "./referenceConfig.ts";
export { verifyLesson, formatProblem, type StepProblem } from "./verify.ts";
export type * from "./types.ts";
