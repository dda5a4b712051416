/**
 * Tab completion for the lab's terminal, as bash-completion gives it for kubectl and istioctl:
 * commands in command position, verbs, flags, resource kinds, object names from the cluster,
 * environment variables after `$`, and file names everywhere else.
 */
import { KINDS, findKind, type KindInfo } from "../runtime/config/kinds.ts";
import type { Completion } from "./protocol.ts";
import { resolvePath } from "./workstationFiles.ts";

/** What completion may ask the sandbox. */
export interface CompletionSource {
  /** Names of the objects of a kind (in `namespace` for namespaced kinds). */
  objectNames(kind: KindInfo, namespace: string): string[];
  env(): Readonly<Record<string, string>>;
  /** Entries of a directory (absolute path), directories with a trailing `/`. */
  listDirectory(dir: string): Promise<string[]>;
  cwd(): string;
}

const LAB_COMMANDS = ["kubectl", "istioctl", "curl", "killall"];
const SHELL_COMMANDS = [
  "cat", "cd", "clear", "cp", "echo", "env", "export", "grep", "head", "history", "jq", "ls", "mkdir", "mv",
  "printf", "pwd", "rm", "sed", "sleep", "sort", "tail", "touch", "tr", "uniq", "unset", "wc", "awk", "for", "while",
];

const KUBECTL_VERBS = ["apply", "create", "delete", "describe", "exec", "get", "label", "logs", "port-forward", "replace", "version"];
const KUBECTL_FLAGS = [
  "--all-namespaces", "--container", "--filename", "--label-columns", "--namespace", "--output", "--selector",
  "--show-labels", "--tail", "--follow", "-c", "-f", "-l", "-n", "-o", "-it", "-i", "-t",
];
const KUBECTL_KIND_VERBS = new Set(["get", "describe", "delete", "label"]);
const KUBECTL_POD_VERBS = new Set(["logs", "exec", "port-forward"]);

const ISTIOCTL_VERBS = ["create", "delete", "get", "kube-inject", "replace", "version"];
const ISTIOCTL_FLAGS = ["--filename", "--namespace", "--output", "--all-namespaces", "-f", "-n", "-o"];
const ISTIOCTL_KIND_VERBS = new Set(["get", "delete"]);

/** What a pod's container runs after `kubectl exec POD -c C --`. */
const CONTAINER_COMMANDS = ["bash", "curl", "fortio", "sh"];
const FORTIO_COMMANDS = ["curl", "load"];
const FORTIO_FLAGS = ["-H", "-allow-initial-errors", "-c", "-curl", "-httpbufferkb", "-loglevel", "-n", "-p", "-qps", "-quiet", "-t", "-timeout"];

const CURL_FLAGS = ["--head", "--include", "--location", "--output", "--silent", "--verbose", "--write-out", "-D", "-H", "-I", "-L", "-o", "-s", "-sL", "-v", "-w"];

/** Flags whose next word is a file. */
const FILE_FLAGS = new Set(["-f", "--filename"]);
const NAMESPACE_FLAGS = new Set(["-n", "--namespace"]);

const KUBECTL_KIND_NAMES = KINDS.filter((k) => k.family === "kube").map((k) => k.plural);
const ISTIO_KIND_NAMES = KINDS.filter((k) => k.family !== "kube").map((k) => k.plural);

/** Characters that end a word for completion purposes (bash's COMP_WORDBREAKS, roughly). */
const WORD_BREAK = /[\s|;&()<>=]/;

export async function complete(source: CompletionSource, line: string, cursor: number): Promise<Completion> {
  const before = line.slice(0, cursor);
  let from = before.length;
  while (from > 0 && !WORD_BREAK.test(before[from - 1])) from--;
  const word = before.slice(from);

  // `$VAR` or `${VAR`
  const dollar = word.match(/^(.*\$\{?)([A-Za-z_]\w*)?$/);
  if (dollar) {
    const prefix = dollar[1];
    const partial = dollar[2] ?? "";
    const close = prefix.endsWith("{") ? "}" : "";
    const names = Object.keys(source.env()).filter((n) => n.startsWith(partial)).sort();
    return { from, candidates: names.map((n) => prefix + n + close) };
  }

  const segment = lastSegment(before.slice(0, from));
  const words = segment.trim() ? segment.trim().split(/\s+/) : [];
  if (words.length === 0 && !word.includes("/")) {
    return { from, candidates: filter([...LAB_COMMANDS, ...SHELL_COMMANDS], word) };
  }
  const previous = words[words.length - 1];
  const command = words[0];
  if (previous && FILE_FLAGS.has(previous)) return { from, candidates: await files(source, word) };
  if (previous && NAMESPACE_FLAGS.has(previous)) return { from, candidates: filter(source.objectNames(findKind("namespace")!, ""), word) };

  const dashDash = command === "kubectl" ? words.indexOf("--") : -1;
  if (dashDash >= 0) return { from, candidates: await inContainer(source, words.slice(dashDash + 1), word) };

  if (command === "kubectl" || command === "istioctl") {
    const isKubectl = command === "kubectl";
    if (word.startsWith("-")) return { from, candidates: filter(isKubectl ? KUBECTL_FLAGS : ISTIOCTL_FLAGS, word) };
    const args = positional(words.slice(1));
    const namespace = namespaceOf(words) ?? "default";
    if (args.length === 0) return { from, candidates: filter(isKubectl ? KUBECTL_VERBS : ISTIOCTL_VERBS, word) };
    const verb = args[0];
    if (isKubectl && KUBECTL_POD_VERBS.has(verb) && args.length === 1) {
      return { from, candidates: filter(source.objectNames(findKind("pod")!, namespace), word) };
    }
    if (isKubectl ? KUBECTL_KIND_VERBS.has(verb) : ISTIOCTL_KIND_VERBS.has(verb)) {
      if (args.length === 1) return { from, candidates: filter(isKubectl ? [...KUBECTL_KIND_NAMES, ...ISTIO_KIND_NAMES] : ISTIO_KIND_NAMES, word) };
      const kind = findKind(args[1].split(",")[0]);
      if (kind) return { from, candidates: filter(source.objectNames(kind, namespace), word) };
    }
    return { from, candidates: await files(source, word) };
  }
  if (command === "curl" && word.startsWith("-")) return { from, candidates: filter(CURL_FLAGS, word) };
  return { from, candidates: await files(source, word) };
}

/** Completion of the command `kubectl exec ... --` runs in the container. */
async function inContainer(source: CompletionSource, words: string[], word: string): Promise<string[]> {
  if (words.length === 0) return filter(CONTAINER_COMMANDS, word);
  if (words[0] === "fortio") {
    if (words.length === 1 && !word.startsWith("-")) return filter(FORTIO_COMMANDS, word);
    if (word.startsWith("-")) return filter(FORTIO_FLAGS, word);
  }
  if (words[0] === "curl" && word.startsWith("-")) return filter(CURL_FLAGS, word);
  return files(source, word);
}

/** The text after the last command separator: completion only looks at the current command. */
function lastSegment(text: string): string {
  const m = text.match(/.*(?:\|\||&&|[|;(`]|\$\()/s);
  return m ? text.slice(m[0].length) : text;
}

/** Words that are neither flags nor the values of flags that take one. */
function positional(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === "--") break;
    if (w.startsWith("-")) {
      if (!w.includes("=") && VALUE_FLAGS.has(w)) i++;
      continue;
    }
    out.push(w);
  }
  return out;
}

const VALUE_FLAGS = new Set(["-n", "--namespace", "-o", "--output", "-l", "--selector", "-c", "--container", "-f", "--filename", "--tail"]);

function namespaceOf(words: string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    if (NAMESPACE_FLAGS.has(words[i])) return words[i + 1];
    const m = words[i].match(/^--namespace=(.+)$/);
    if (m) return m[1];
  }
  return undefined;
}

function filter(candidates: readonly string[], word: string): string[] {
  return [...new Set(candidates.filter((c) => c.startsWith(word)))].sort();
}

async function files(source: CompletionSource, word: string): Promise<string[]> {
  const slash = word.lastIndexOf("/");
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : "";
  const namePart = word.slice(slash + 1);
  const dir = dirPart ? resolvePath(source.cwd(), dirPart) : source.cwd();
  const entries = await source.listDirectory(dir);
  return entries.filter((e) => e.startsWith(namePart) && (namePart.startsWith(".") || !e.startsWith("."))).map((e) => dirPart + e);
}
