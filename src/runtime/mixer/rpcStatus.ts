/**
 * google.rpc status codes as Mixer and the proxy's Mixer filter use them: numbers in handler
 * config (`status: {code: 7}`), names in the denial body, and the HTTP status the proxy replies
 * with (istio/proxy 0.8 `src/istio/utils/status.cc`).
 */
import type { RpcCode } from "./types.ts";

/** Indexed by the numeric code. */
export const RPC_CODES: readonly RpcCode[] = [
  "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
  "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
  "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
];

/** A code as written in config: a number (jsonpb's int32) or, leniently, the enum name. */
export function rpcCodeFrom(value: unknown): RpcCode | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return RPC_CODES[value] ?? "UNKNOWN";
  if (typeof value === "string") return RPC_CODES.find((c) => c === value);
  return undefined;
}

const HTTP_BY_CODE: Record<RpcCode, number> = {
  OK: 200,
  CANCELLED: 499,
  UNKNOWN: 500,
  INVALID_ARGUMENT: 400,
  DEADLINE_EXCEEDED: 504,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  PERMISSION_DENIED: 403,
  RESOURCE_EXHAUSTED: 429,
  FAILED_PRECONDITION: 400,
  ABORTED: 409,
  OUT_OF_RANGE: 400,
  UNIMPLEMENTED: 501,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  DATA_LOSS: 500,
  UNAUTHENTICATED: 401,
};

export function httpStatusOf(code: RpcCode): number {
  return HTTP_BY_CODE[code] ?? 500;
}

/** protobuf's `util::Status::ToString()`: `OK`, `CODE`, or `CODE:message`. It is the denial body. */
export function statusToString(code: RpcCode, message: string): string {
  if (code === "OK") return "OK";
  return message === "" ? code : `${code}:${message}`;
}
