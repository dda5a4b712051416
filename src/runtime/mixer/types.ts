/**
 * The contract between the data plane (the egress gateway's Mixer filter) and Mixer.
 *
 * In 0.8 the sidecar's outbound Mixer filter is off; the egress gateway (proxy type Router)
 * calls Check before routing and Report after the response, exactly once per request.
 */

/** A Mixer attribute value. Types are carried statically by the vocabulary, not by the value:
 *  STRING/DNS_NAME/EMAIL/URI/IP_ADDRESS -> string, INT64/DOUBLE -> number, BOOL -> boolean,
 *  TIMESTAMP -> number (µs since epoch), DURATION -> number (nanoseconds),
 *  STRING_MAP -> Record<string, string>. */
export type AttributeValue = string | number | boolean | Readonly<Record<string, string>>;

/** The bag of attributes of one request. Absent attributes are simply not in the map. */
export type AttributeBag = ReadonlyMap<string, AttributeValue>;

/** google.rpc codes Mixer adapters answer with. */
export type RpcCode =
  | "OK" | "CANCELLED" | "UNKNOWN" | "INVALID_ARGUMENT" | "DEADLINE_EXCEEDED" | "NOT_FOUND"
  | "ALREADY_EXISTS" | "PERMISSION_DENIED" | "RESOURCE_EXHAUSTED" | "FAILED_PRECONDITION"
  | "ABORTED" | "OUT_OF_RANGE" | "UNIMPLEMENTED" | "INTERNAL" | "UNAVAILABLE" | "DATA_LOSS"
  | "UNAUTHENTICATED";

/** Why one rule did or did not take part in a Check or Report. */
export interface RuleEvaluation {
  /** `handle-cnn-access.rule.istio-system` style full name. */
  rule: string;
  /** The match expression as written (`""`/absent means "always"). */
  match: string;
  matched: boolean;
  /** When the match could not be evaluated (a missing attribute without `|`), Mixer's message. */
  error?: string;
  /** The attribute values the match expression read, so the UI can show what decided it. */
  inputs: Record<string, AttributeValue | null>;
  /** One entry per action (handler) the rule dispatched to, when it matched. */
  actions: AdapterVerdict[];
}

/** What one handler said about one instance. */
export interface AdapterVerdict {
  /** `path-checker.listchecker.istio-system` */
  handler: string;
  /** `request-path.listentry.istio-system` */
  instance: string;
  /** OK, or the code that denies. Report-only adapters (stdio, prometheus) always say OK. */
  code: RpcCode;
  /** The adapter's message, e.g. `/politics is not whitelisted`; empty for OK. */
  message: string;
  /** Human summary, e.g. `logged at level error`, `value "/sport" is whitelisted`, `skipped: ...`. */
  detail: string;
}

export interface CheckResult {
  code: RpcCode;
  /** `NOT_FOUND:path-checker.listchecker.istio-system:/politics is not whitelisted`; "" when OK. */
  message: string;
  /** The HTTP status the proxy replies with when the check denies (404 for NOT_FOUND...). */
  httpStatus: number;
  rules: RuleEvaluation[];
}

export interface ReportResult {
  rules: RuleEvaluation[];
}

/** What the data plane needs from Mixer. */
export interface MixerClient {
  check(attributes: AttributeBag): CheckResult;
  report(attributes: AttributeBag): ReportResult;
}
