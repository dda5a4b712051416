/**
 * kubectl's error reporting (cmdutil.CheckErr in 1.10): API errors print as
 * `Error from server (<Reason>): <message>`, other errors as `error: <message>`, and when a
 * command collected several errors (one per object of a `-f` stream) each prints on its own
 * line without the `error: ` prefix. Exit status 1.
 */
import { ApiError } from "../../cluster/store.ts";

/** An error with kubectl's wording; `apiReason` marks errors that came from the API server. */
export class KubectlError extends Error {
  constructor(message: string, readonly apiReason?: string) {
    super(message);
  }

  static fromApi(err: ApiError, verb?: string, source?: string): KubectlError {
    const msg = verb && source ? `error when ${verb} "${source}": ${err.message}` : err.message;
    return new KubectlError(msg, err.reason);
  }
}

/** Converts anything thrown inside a verb into kubectl's error (never a JS stack). */
export function toKubectlError(err: unknown, verb?: string, source?: string): KubectlError {
  if (err instanceof KubectlError) return err;
  if (err instanceof ApiError) return KubectlError.fromApi(err, verb, source);
  const msg = err instanceof Error ? err.message : String(err);
  return new KubectlError(msg);
}

function standardMessage(err: KubectlError): string | undefined {
  return err.apiReason ? `Error from server (${err.apiReason}): ${err.message}` : undefined;
}

/** The stderr text for the errors a command ended with ("" for none). */
export function formatErrors(errors: KubectlError[]): string {
  if (errors.length === 0) return "";
  if (errors.length === 1) {
    const e = errors[0];
    let msg = standardMessage(e) ?? (e.message.startsWith("error: ") ? e.message : `error: ${e.message}`);
    if (!msg.endsWith("\n")) msg += "\n";
    return msg;
  }
  return errors.map((e) => `${standardMessage(e) ?? e.message}\n`).join("");
}
