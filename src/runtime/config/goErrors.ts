/**
 * Go error values as the 2018 tools print them. Istio's validators build errors with
 * hashicorp/go-multierror (pinned at b7773ae2, Dec 2017), whose text depends on how the error
 * was built: a single plain error prints bare, anything that went through `multierror.Append`
 * prints as a list. Keeping that distinction is what makes `configuration is invalid: ...`
 * read exactly like istioctl 0.8.
 */

/** An error as Go code holds it: one message, or a flattened go-multierror list. */
export type GoError = string | MultiError;

export class MultiError {
  constructor(readonly errors: string[]) {}

  /** go-multierror's ListFormatFunc of that era. */
  toString(): string {
    if (this.errors.length === 1) return `1 error occurred:\n\n* ${this.errors[0]}`;
    return `${this.errors.length} errors occurred:\n\n${this.errors.map((e) => `* ${e}`).join("\n")}`;
  }
}

function flatten(err: GoError): string[] {
  return typeof err === "string" ? [err] : err.errors;
}

/** `multierror.Append(err, errs...)`: always a list, nested lists flattened, nils dropped. */
export function multiAppend(err: GoError | undefined, ...errs: (GoError | undefined)[]): MultiError {
  const out: string[] = err === undefined ? [] : [...flatten(err)];
  for (const e of errs) if (e !== undefined) out.push(...flatten(e));
  return new MultiError(out);
}

/**
 * Istio's `appendErrors` helper: nil-preserving, and a single error stays a plain error;
 * only a second error turns the result into a multierror.
 */
export function appendErrors(err: GoError | undefined, ...errs: (GoError | undefined)[]): GoError | undefined {
  let acc = err;
  for (const e of errs) {
    if (e === undefined) continue;
    acc = acc === undefined ? e : multiAppend(acc, e);
  }
  return acc;
}

export function goErrorText(err: GoError): string {
  return typeof err === "string" ? err : err.toString();
}
