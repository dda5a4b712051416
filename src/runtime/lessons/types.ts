/**
 * The lesson engine's view of a lesson: plain data, no zod, so it runs in the Web Worker and in
 * Node alike. src/lessons/schema.ts validates lesson files into exactly these shapes (a
 * type-level test keeps the two in step).
 */

/** How a step's expected output is compared with what its last command printed. */
export type MatchMode =
  /** Every line literally (CRLF counts as LF; a trailing newline is ignored). */
  | "exact"
  /** The expected lines appear, consecutively, somewhere in the output. */
  | "contains"
  /** istio.io style: `...` on a line of its own stands for any lines, `...` inside a line for any text; `{{n}}`, `{{time}}`, `{{*}}` placeholders. */
  | "elided"
  /** As `elided`, and also tolerant of pod-name suffixes, timestamps and numbers (sizes, revisions, durations). */
  | "like";

export interface ExpectedOutput {
  match: MatchMode;
  text: string;
}

/** Which requests a traffic check looks at (all fields optional: an empty filter takes every request). */
export interface RequestFilter {
  /** Namespace of the client pod. */
  namespace?: string;
  /** Client pod name, or its prefix followed by `*` (`sleep-*`). */
  pod?: string;
  /** Host of the requested URL (`edition.cnn.com`). */
  host?: string;
}

/** Mixer attribute values as authors write them in YAML; converted to each attribute's type. */
export type AttributeValues = Record<string, string | number | boolean>;

/**
 * A declarative predicate over the sandbox: its API objects, its environment, its logs and its
 * recent traffic. Exactly one key per check object.
 */
export type Check =
  | { object: ObjectCheck }
  | { lastRequests: LastRequestsCheck }
  | { mixerRule: MixerRuleCheck }
  | { mixerLog: LogCheck }
  | { gatewayLog: LogCheck }
  | { env: Record<string, string> }
  /** The reader ran a command containing this text (for steps that only look: `kubectl logs`). */
  | { ran: string }
  | { all: Check[] }
  | { any: Check[] }
  | { not: Check };

export interface ObjectCheck {
  /** Kind as kubectl accepts it: `VirtualService`, `virtualservices`, `rule`... */
  kind: string;
  name: string;
  /** Default `default` (ignored for cluster-scoped kinds). */
  namespace?: string;
  /** Default true: the object must exist (false: it must not). */
  exists?: boolean;
  /** A partial object the stored one must contain (maps: these keys; lists: each item somewhere in the list). */
  contains?: unknown;
}

export interface LastRequestsCheck {
  from?: RequestFilter;
  /** How many of the latest matching requests to look at (default: `statuses.length`, else 1). */
  count?: number;
  /** The statuses of those requests, oldest first (`0` for a transport failure). */
  statuses?: number[];
  /** Each of them must have had a Mixer check that denied it (true) or none that denied it (false). */
  deniedByMixer?: boolean;
}

export interface MixerRuleCheck {
  name: string;
  namespace?: string;
  /** Attributes for which the rule's match must be true. */
  matches?: AttributeValues;
  /** Attributes for which the rule's match must be false. */
  ignores?: AttributeValues;
  /** Handler names (`handler.kind` or just `handler`) the rule's actions must include. */
  handlers?: string[];
}

export interface LogCheck {
  /** A line of the log contains this text. */
  contains: string;
  /** At least this many lines contain it (default 1). */
  count?: number;
}

/** What a step check found: passed, or the reason it did not pass. */
export interface CheckOutcome {
  passed: boolean;
  reason: string;
}

export interface StepPlan {
  id: string;
  title: string;
  commands: string[];
  expected?: ExpectedOutput;
  check?: Check;
  /** What the reader sees when the check fails (the engine's detail is shown under it). */
  failure?: string;
  hints: string[];
  /** Commands that reach the step's end state (default: the step's commands). */
  solution: string[];
}

export type LessonStart = { from: "previous" } | { checkpoint: string };

export interface LessonPlan {
  /** The lesson's slug: `before-you-begin` (folder name without its number). */
  id: string;
  order: number;
  title: string;
  start: LessonStart;
  /** Commands run after the start state is reached, before the reader's first step. */
  setup: string[];
  steps: StepPlan[];
}

export type StepStatus = "pending" | "passed" | "failed";

export interface StepState {
  step: string;
  status: StepStatus;
  /** For failed steps: the author's failure text and the engine's detail. */
  reason?: string;
}
