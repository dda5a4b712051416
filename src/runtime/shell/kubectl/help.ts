/**
 * `kubectl --help` and `kubectl <verb> --help`: kubectl 1.10's texts, listing only the verbs the
 * lab has (a verb shown here must work: the reader will try it).
 */

export const ROOT_HELP = `kubectl controls the Kubernetes cluster manager.

Find more information at: https://kubernetes.io/docs/reference/kubectl/overview/

Basic Commands (Beginner):
  create         Create a resource from a file or from stdin.

Basic Commands (Intermediate):
  get            Display one or many resources
  delete         Delete resources by filenames, stdin, resources and names, or by resources and label selector

Troubleshooting and Debugging Commands:
  describe       Show details of a specific resource or group of resources
  logs           Print the logs for a container in a pod
  exec           Execute a command in a container
  port-forward   Forward one or more local ports to a pod

Advanced Commands:
  apply          Apply a configuration to a resource by filename or stdin
  replace        Replace a resource by filename or stdin

Settings Commands:
  label          Update the labels on a resource
  annotate       Update the annotations on a resource

Other Commands:
  version        Print the client and server version information

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** The `Usage:` line of each verb (kubectl 1.10's cobra `Use`). */
export const USAGE: Record<string, string> = {
  get: "kubectl get [(-o|--output=)json|yaml|wide|custom-columns=...|custom-columns-file=...|go-template=...|go-template-file=...|jsonpath=...|jsonpath-file=...] (TYPE [NAME | -l label] | TYPE/NAME ...) [flags] [options]",
  describe: "kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]",
  create: "kubectl create -f FILENAME [options]",
  apply: "kubectl apply -f FILENAME [options]",
  replace: "kubectl replace -f FILENAME [options]",
  delete: "kubectl delete ([-f FILENAME] | TYPE [(NAME | -l label | --all)]) [options]",
  label: "kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
  annotate: "kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
  logs: "kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]",
  exec: "kubectl exec POD [-c CONTAINER] -- COMMAND [args...] [options]",
  "port-forward": "kubectl port-forward TYPE/NAME [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N] [options]",
  version: "kubectl version [flags] [options]",
};

export const SHORT: Record<string, string> = {
  get: "Display one or many resources",
  describe: "Show details of a specific resource or group of resources",
  create: "Create a resource from a file or from stdin.",
  apply: "Apply a configuration to a resource by filename or stdin",
  replace: "Replace a resource by filename or stdin",
  delete: "Delete resources by filenames, stdin, resources and names, or by resources and label selector",
  label: "Update the labels on a resource",
  annotate: "Update the annotations on a resource",
  logs: "Print the logs for a container in a pod",
  exec: "Execute a command in a container",
  "port-forward": "Forward one or more local ports to a pod",
  version: "Print the client and server version information",
};

export function verbHelp(verb: string): string {
  return `${SHORT[verb] ?? ""}\n\nUsage:\n  ${USAGE[verb] ?? `kubectl ${verb} [options]`}\n\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n`;
}
