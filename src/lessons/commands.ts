/**
 * How a lesson's commands are shown and offered: Istio docs' `@samples/...@` notation becomes the
 * plain path, and a command that pipes a heredoc manifest into a tool can open that manifest in
 * the editor. Used at build time by the lesson page, and by tests.
 */

/** Istio docs write release files as `@samples/sleep/sleep.yaml@`; a shell wants the path. */
export function plainCommand(command: string): string {
  return command.replace(/@((?:samples|install)\/[^@\s]+)@/g, "$1");
}

export interface HeredocManifest {
  /** The manifest text between `<<EOF` and `EOF`. */
  body: string;
  /** The tool the manifest is piped into (`istioctl create -f -`). */
  tool: string;
}

const HEREDOC_PIPE = /^cat <<-?\s*(['"]?)(\w+)\1\s*\|\s*((?:istioctl|kubectl)\s.*-f\s+-)\s*$/;

/** The manifest of `cat <<EOF | istioctl create -f -` ... `EOF`, or undefined for other commands. */
export function heredocManifest(command: string): HeredocManifest | undefined {
  const lines = command.split("\n");
  const m = lines[0].match(HEREDOC_PIPE);
  if (!m) return undefined;
  const end = lines.lastIndexOf(m[2]);
  if (end <= 0) return undefined;
  return { body: lines.slice(1, end).join("\n") + "\n", tool: m[3] };
}

/** The accessible name's subject: the first line (a heredoc also names the file it would open as). */
export function commandSummary(command: string): string {
  return command.split("\n")[0];
}
