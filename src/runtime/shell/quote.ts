/** Quoting argv back into a command line, as a shell would need to see it (`kubectl exec -- ...`). */

const SAFE = /^[A-Za-z0-9_\-+=/:.,@%]+$/;

export function quoteArg(arg: string): string {
  if (arg !== "" && SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function quoteArgv(argv: readonly string[]): string {
  return argv.map(quoteArg).join(" ");
}
