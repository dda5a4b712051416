/**
 * What kubectl needs from the sandbox. Everything behavioural (the API server's storage, the
 * clock for AGE, container logs, running a command in a container, port forwarding) arrives
 * here, so kubectl itself is only argument parsing, API calls and printing.
 */
import type { ObjectStore } from "../../cluster/store.ts";
import type { ClusterLogs } from "../../cluster/logs.ts";
import type { KubeObject } from "../../cluster/objects.ts";
import type { Clock } from "../../clock.ts";
import type { CommandIO, CommandResult } from "../command.ts";

export interface ParsedManifest {
  object: KubeObject;
  /** 1-based line of the document's first line in the parsed text. */
  line: number;
}

export interface KubectlDeps {
  store: ObjectStore;
  clock: Clock;
  logs: ClusterLogs;
  /**
   * Optional override of the manifest parser: parses a YAML/JSON stream into objects, throwing
   * an Error whose message is the reason (`yaml: line 3: ...`; kubectl adds `error parsing
   * <source>: error converting YAML to JSON: `). Leave it unset to use config/manifests.ts's
   * stream parser, which keeps the documents before a syntax error (kubectl acts on them).
   */
  parseManifests?(text: string): ParsedManifest[];
  /**
   * kubectl's client-side schema validation of one object. Returns undefined when valid, else
   * the reason (`apiVersion not set`); kubectl wraps it as `error validating "<source>":
   * error validating data: <reason>; if you choose to ignore these errors, turn validation
   * off with --validate=false`. A message already starting with `error validating` is used as is.
   */
  validate?(obj: KubeObject, source: string): string | undefined;
  /** Runs argv in a container; its exit code is the remote command's. */
  execInContainer(namespace: string, pod: string, container: string, argv: string[], io: CommandIO): Promise<CommandResult>;
  /**
   * Registers a forward of localhost:localPort to the pod's remotePort. Returns an error
   * message when it cannot listen (kubectl prints `error: <message>`), else "" or undefined.
   */
  portForward(namespace: string, pod: string, localPort: number, remotePort: number): string | undefined | void;
  /** The kubeconfig's namespace (defaults to "default"). */
  defaultNamespace?: string;
}
