// The matcher lives with the lesson engine (UI-free, shared with the site); tests import it from here.
export { matchOutput, matchTranscript, type MatchResult } from "../../src/runtime/lessons/outputMatch.ts";
