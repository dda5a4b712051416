/**
 * Mixer's config names. Every handler, instance and rule has a full name `name.kind.namespace`;
 * a rule may refer to `name.kind` (the rule's namespace is appended) or to a full name.
 */

/** The config default namespace: rules here apply to every request, mesh-wide. */
export const DEFAULT_CONFIG_NAMESPACE = "istio-system";

export function fullName(name: string, kind: string, namespace: string): string {
  return `${name}.${kind}.${namespace}`;
}

/** 0.8 `canonicalize`: a `name.kind` reference gets the referring rule's namespace. */
export function canonicalize(reference: string, namespace: string): string {
  let dots = 0;
  for (let i = 0; i < reference.length; i++) if (reference.charCodeAt(i) === 46) dots++;
  return dots === 1 ? `${reference}.${namespace}` : reference;
}

/**
 * The namespace Mixer routes a request by: the second label of the identity attribute
 * `destination.service` (`istio-egressgateway.istio-system.svc.cluster.local` -> `istio-system`).
 */
export function namespaceOfService(service: string): string {
  // Every Mixer call asks for the same few services: slicing anew would make a new string to
  // hash in the routing table's lookup each time.
  let namespace = serviceNamespaces.get(service);
  if (namespace === undefined) {
    namespace = sliceNamespace(service);
    if (serviceNamespaces.size >= 1024) serviceNamespaces.clear();
    serviceNamespaces.set(service, namespace);
  }
  return namespace;
}

const serviceNamespaces = new Map<string, string>();

function sliceNamespace(service: string): string {
  const first = service.indexOf(".");
  if (first < 0) return "";
  const second = service.indexOf(".", first + 1);
  return second < 0 ? service.slice(first + 1) : service.slice(first + 1, second);
}
