/**
 * The shape of API objects as the emulated API server stores them: plain JSON, exactly what
 * `kubectl get -o json` prints. Behaviour lives elsewhere; these are data.
 */

export interface ObjectMeta {
  name: string;
  namespace?: string;
  generateName?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Cluster-wide counter, as a string like etcd's (`"1234567"`). Set by the store. */
  resourceVersion?: string;
  uid?: string;
  /** RFC 3339 seconds, e.g. `2018-06-18T13:20:11Z`. Set by the store. */
  creationTimestamp?: string;
  generation?: number;
  ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
  deletionTimestamp?: string;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
  data?: Record<string, string>;
  [key: string]: unknown;
}

export function deepClone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
