/**
 * The objects of `-f FILE` arguments, the way kubectl 1.10's resource builder streams them:
 * files in order (`-` is stdin, named "STDIN" in messages), documents in order; a YAML syntax
 * or validation error ends that file (documents before it still count), an unknown kind or a
 * namespace mismatch fails only that document.
 */
import type { KubeObject } from "../../cluster/objects.ts";
import { kindOfManifest, type KindInfo } from "../../config/kinds.ts";
import { kubectlParseErrorMessage, ManifestSyntaxError, parseManifestStream } from "../../config/manifests.ts";
import type { VerbContext } from "./context.ts";
import { KubectlError } from "./errors.ts";

export interface InputItem {
  source: string;
  object?: KubeObject;
  info?: KindInfo;
  error?: KubectlError;
}

const NO_FILES =
  "You must provide one or more resources by argument or filename.\n" +
  "Example resource specifications include:\n" +
  "   '-f rsrc.yaml'\n" +
  "   '--filename=rsrc.json'\n" +
  "   '<resource> <name>'\n" +
  "   '<resource>'";

export { NO_FILES };

function parseError(source: string, err: unknown): KubectlError {
  if (err instanceof ManifestSyntaxError) return new KubectlError(kubectlParseErrorMessage(source, err).replace(/^error: /, ""));
  const msg = err instanceof Error ? err.message : String(err);
  if (msg.startsWith("error parsing ")) return new KubectlError(msg);
  if (msg.startsWith("yaml: ")) return new KubectlError(`error parsing ${source}: error converting YAML to JSON: ${msg}`);
  return new KubectlError(`error parsing ${source}: ${msg}`);
}

/** The documents of one text, in order, and the error that ended the stream early (if any). */
function parseStream(ctx: VerbContext, text: string, source: string): { objects: KubeObject[]; error?: KubectlError } {
  if (ctx.deps.parseManifests) {
    try {
      return { objects: ctx.deps.parseManifests(text).map((m) => m.object) };
    } catch (e) {
      return { objects: [], error: parseError(source, e) };
    }
  }
  const { manifests, error } = parseManifestStream(text);
  return { objects: manifests.map((m) => m.object as unknown as KubeObject), error: error ? parseError(source, error) : undefined };
}

function validationError(ctx: VerbContext, obj: KubeObject, source: string): KubectlError | undefined {
  if (ctx.flags.values.get("validate") === false) return undefined;
  let reason = ctx.deps.validate?.(obj, source);
  if (reason === undefined && !ctx.deps.validate) {
    const missing = [!obj.apiVersion && "apiVersion not set", !obj.kind && "kind not set"].filter(Boolean) as string[];
    if (missing.length) reason = missing.length === 1 ? missing[0] : `[${missing.join(", ")}]`;
  }
  if (reason === undefined) return undefined;
  if (reason.startsWith("error validating")) return new KubectlError(reason);
  return new KubectlError(
    `error validating "${source}": error validating data: ${reason}; if you choose to ignore these errors, turn validation off with --validate=false`,
  );
}

/** Reads every `-f` argument into items; per-item errors are in `error`. */
export async function readInputs(ctx: VerbContext, filenames: string[]): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for (const f of filenames) {
    const source = f === "-" ? "STDIN" : f;
    let text: string;
    if (f === "-") {
      text = ctx.io.stdin;
    } else {
      try {
        text = await ctx.io.readFile(f);
      } catch {
        items.push({ source, error: new KubectlError(`the path "${f}" does not exist`) });
        continue;
      }
    }
    const { objects, error } = parseStream(ctx, text, source);
    let stopped = false;
    for (const object of objects) {
      const invalid = validationError(ctx, object, source);
      if (invalid) {
        items.push({ source, error: invalid });
        stopped = true;
        break;
      }
      items.push(resolveItem(ctx, object, source));
    }
    if (error && !stopped) items.push({ source, error });
  }
  return items;
}

function resolveItem(ctx: VerbContext, object: KubeObject, source: string): InputItem {
  const info = kindOfManifest(String(object.kind ?? ""), String(object.apiVersion ?? ""));
  if (!info) {
    return { source, error: new KubectlError(`unable to recognize "${source}": no matches for kind "${object.kind}" in version "${object.apiVersion}"`) };
  }
  object.metadata = object.metadata ?? ({} as KubeObject["metadata"]);
  if (info.namespaced) {
    const own = object.metadata.namespace;
    if (own && ctx.namespaceExplicit && own !== ctx.namespace) {
      return {
        source,
        error: new KubectlError(
          `the namespace from the provided object "${own}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${own}' to perform this operation.`,
        ),
      };
    }
    object.metadata.namespace = own || ctx.namespace;
  }
  return { source, object, info };
}
