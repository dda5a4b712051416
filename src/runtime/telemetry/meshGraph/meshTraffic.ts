/**
 * The mesh graph's data: fed once per finished request with its RequestTrace, it counts
 * requests per edge (source workload -> egress gateway -> external host, or straight to the
 * host when a pod bypasses its sidecar) by response class and code, in 5 s buckets of the
 * runtime clock, and answers "who talked to whom, how often, with which responses" for a window.
 *
 * Recording sits on the request path (the pipeline benchmark sends a million requests), so it
 * builds no strings: nodes are found by Map lookups on strings the trace already holds (pod
 * keys, hop names, the URL), edges by node objects, and counting is an index and an increment.
 * Caches of those lookups are dropped whenever Pilot's view of the pods changes.
 */
import type { HopTrace, RequestTrace } from "../../proxy/trace.ts";
import { BUCKET_MICROS, BucketRing, bucketOf } from "./bucketRing.ts";
import type { PodDirectory } from "./podDirectory.ts";
import type { CodeMix, EdgeHealth, MeshGraph, MeshGraphEdge, MeshGraphNode, MeshNodeKind, ResponseCount } from "./types.ts";

/** Columns of an edge's ring. */
const COL_2XX = 0;
const COL_ERROR = 4;
const COL_NO_ROUTE = 5;
const COL_DENIED = 6;
const COLUMNS = 7;

/** Response-code key of an upstream connection that failed behind a proxy (no curl exit code). */
const CONNECT_FAILURE = -1000;
/** Lookup caches keyed by per-request strings (upstream hop names, URLs) are bounded. */
const CACHE_LIMIT = 4096;
/** Kiali's default: an edge with at least this share of 5xx or failed connections is a failure. */
const FAILURE_SHARE = 0.2;

const KIND_ORDER: Record<MeshNodeKind, number> = { workstation: 0, workload: 1, gateway: 2, service: 3, host: 4, unknown: 5 };

interface NodeState {
  id: string;
  kind: MeshNodeKind;
  name: string;
  namespace?: string;
  /** Bucket of the last request a pod of this workload sent without a sidecar (-1: never). */
  lastSidecarless: number;
  routed: Map<NodeState, EdgeState>;
  bypassing: Map<NodeState, EdgeState>;
}

interface EdgeState {
  id: string;
  source: NodeState;
  target: NodeState;
  bypass: boolean;
  protocol: MeshGraphEdge["protocol"];
  ring: BucketRing;
  /** Per response code (status, -curl exit code, CONNECT_FAILURE): one ring each, made on first sight. */
  byCode: Map<number, BucketRing>;
}

interface RequestedHost {
  readonly host: string;
  readonly node: NodeState;
}

interface PodNode {
  node: NodeState;
  /** undefined when the pod is gone from the cluster (we only know its name). */
  sidecar: boolean | undefined;
}

export class MeshTraffic {
  private readonly nodes = new Map<string, NodeState>();
  private readonly edges: EdgeState[] = [];
  private readonly requests = new BucketRing(1);
  private readonly podNodes = new Map<string, PodNode>();
  private readonly upstreamNodes = new Map<string, NodeState>();
  private readonly urlHosts = new Map<string, RequestedHost>();
  private directoryVersion: unknown;

  constructor(private readonly directory: PodDirectory) {}

  /** Counts one finished request along every edge its trace crossed. */
  record(trace: RequestTrace): void {
    const version = this.directory.version();
    if (version !== this.directoryVersion) {
      this.directoryVersion = version;
      this.podNodes.clear();
      this.upstreamNodes.clear();
    }
    const bucket = bucketOf(trace.startMicros);
    if (!this.requests.add(bucket, 0)) return;

    const fromPod = trace.source !== "workstation";
    const source = this.podNode(trace.source);
    const hops = trace.hops;
    const first: HopTrace | undefined = hops[0];
    // Only the first hop can be the source's own: its sidecar, or a direct connection.
    const own = first !== undefined && (first.kind === "sidecar" || first.kind === "direct") ? first : undefined;
    if (fromPod && source.sidecar === false && source.node.lastSidecarless < bucket) source.node.lastSidecarless = bucket;
    let bypass = fromPod && (own === undefined ? source.sidecar === false : own.kind === "direct");
    let protocol: MeshGraphEdge["protocol"] = own === undefined || own.kind === "direct" ? "direct" : own.note !== undefined && own.note.startsWith("TCP proxy") ? "tcp" : "http";

    let from = source.node;
    // The proxy that answers for the segment leaving `from`: its status is what `from` got back.
    let proxy = own;
    let reached = false;
    for (let i = own ? 1 : 0; i < hops.length; i++) {
      const hop = hops[i];
      let to: NodeState;
      if (hop.kind === "gateway") to = this.podNode(hop.at).node;
      else if (hop.kind === "upstream") to = this.upstreamNode(hop);
      else continue;
      const status = hop.status ?? (proxy !== undefined && proxy.kind !== "direct" ? proxy.status : undefined);
      countRequest(this.edge(from, to, bypass && to.kind !== "gateway", protocol), bucket, status, failureKey(trace), false, false);
      from = to;
      bypass = false;
      protocol = "http";
      reached = hop.kind === "upstream";
      if (hop.kind === "gateway") proxy = hop;
    }
    if (reached) return;
    // Stopped before reaching anything that answers: at a proxy (no route, Mixer denied, a
    // local reply), or the connection failed. The edge goes to the host the client asked for.
    const requested = this.requestedHost(trace.url);
    const unresolved = hops.length === 0 && trace.transportError === 6;
    const target = unresolved ? this.node(`unknown:${requested.host}`, "unknown", requested.host) : requested.node;
    const status = proxy !== undefined && proxy.kind !== "direct" ? proxy.status : trace.status;
    const noRoute = proxy !== undefined && proxy.kind !== "direct" && proxy.route === undefined && proxy.responseFlags === "NR";
    const denied = proxy !== undefined && proxy.kind === "gateway" && trace.mixerCheck !== undefined && trace.mixerCheck.code !== "OK";
    countRequest(this.edge(from, target, bypass, protocol), bucket, status, failureKey(trace), noRoute, denied);
  }

  /** Nodes and edges with traffic in the `windowSeconds` before `nowMicros` (whole 5 s buckets). */
  graph(nowMicros: number, windowSeconds: number): MeshGraph {
    const last = bucketOf(nowMicros);
    const buckets = Math.max(1, Math.ceil((windowSeconds * 1_000_000) / BUCKET_MICROS));
    const seconds = windowSeconds > 0 ? windowSeconds : BUCKET_MICROS / 1_000_000;
    const edges: MeshGraphEdge[] = [];
    const rates = new Map<NodeState, { in: number; out: number }>();
    const sums = new Array<number>(COLUMNS);
    for (const e of this.edges) {
      sums.fill(0);
      e.ring.sum(last, buckets, sums);
      const codes: CodeMix = { "2xx": sums[COL_2XX], "3xx": sums[1], "4xx": sums[2], "5xx": sums[3], error: sums[COL_ERROR] };
      const total = codes["2xx"] + codes["3xx"] + codes["4xx"] + codes["5xx"] + codes.error;
      if (!total) continue;
      const responses: ResponseCount[] = [];
      for (const [code, ring] of e.byCode) {
        const one = [0];
        ring.sum(last, buckets, one);
        if (one[0]) responses.push({ code: codeName(code), count: one[0] });
      }
      responses.sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
      const rate = total / seconds;
      edges.push({
        id: e.id, source: e.source.id, target: e.target.id, total, rate, codes, responses,
        health: healthOf(codes, total), bypass: e.bypass, noRoute: sums[COL_NO_ROUTE], denied: sums[COL_DENIED], protocol: e.protocol,
      });
      for (const [n, dir] of [[e.source, "out"], [e.target, "in"]] as const) {
        let r = rates.get(n);
        if (!r) rates.set(n, (r = { in: 0, out: 0 }));
        r[dir] += rate;
      }
    }
    const nodes: MeshGraphNode[] = [];
    for (const [n, r] of rates) {
      const node: MeshGraphNode = { id: n.id, kind: n.kind, name: n.name, inRate: r.in, outRate: r.out };
      if (n.namespace !== undefined) node.namespace = n.namespace;
      if (n.kind === "workload") node.sidecar = !(n.lastSidecarless > last - buckets && n.lastSidecarless <= last);
      nodes.push(node);
    }
    nodes.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.namespace ?? "").localeCompare(b.namespace ?? "") || a.name.localeCompare(b.name));
    edges.sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target) || Number(a.bypass) - Number(b.bypass));
    const total = [0];
    this.requests.sum(last, buckets, total);
    return { nowMicros, windowSeconds, nodes, edges, requests: total[0] };
  }

  // --- nodes ---------------------------------------------------------------------------

  private node(id: string, kind: MeshNodeKind, name: string, namespace?: string): NodeState {
    let n = this.nodes.get(id);
    if (!n) {
      n = { id, kind, name, namespace, lastSidecarless: -1, routed: new Map(), bypassing: new Map() };
      this.nodes.set(id, n);
    }
    return n;
  }

  /** A pod (trace key `name.namespace`) as its workload's node; the workstation as itself. */
  private podNode(key: string): PodNode {
    let p = this.podNodes.get(key);
    if (p) return p;
    if (key === "workstation") p = { node: this.node("workstation", "workstation", "workstation"), sidecar: undefined };
    else {
      const facts = this.directory.pod(key);
      if (facts) {
        const kind = facts.gateway ? "gateway" : "workload";
        p = { node: this.node(`${kind}:${facts.namespace}/${facts.workload}`, kind, facts.workload, facts.namespace), sidecar: facts.sidecar };
      } else {
        const dot = key.lastIndexOf(".");
        const namespace = dot > 0 ? key.slice(dot + 1) : "default";
        const workload = (dot > 0 ? key.slice(0, dot) : key).replace(/-[a-z0-9]{8,10}-[a-z0-9]{5}$/, "");
        p = { node: this.node(`workload:${namespace}/${workload}`, "workload", workload, namespace), sidecar: undefined };
      }
    }
    this.podNodes.set(key, p);
    return p;
  }

  /** `edition.cnn.com (151.101.1.67:443)` -> the host; `prometheus-xxx.istio-system (10.x:9090)` -> its Service. */
  private upstreamNode(hop: HopTrace): NodeState {
    let n = this.upstreamNodes.get(hop.at);
    if (n) return n;
    const paren = hop.at.indexOf(" (");
    const name = paren > 0 ? hop.at.slice(0, paren) : hop.at;
    const pod = this.directory.pod(name);
    const served = hop.note?.match(/^served by ([^.:\s]+)\.([^.:\s]+):\d+/);
    if (served) n = this.node(`service:${served[2]}/${served[1]}`, "service", served[1], served[2]);
    else if (pod) n = this.podNode(name).node;
    else n = this.node(`host:${name}`, "host", name);
    if (this.upstreamNodes.size >= CACHE_LIMIT) this.upstreamNodes.clear();
    this.upstreamNodes.set(hop.at, n);
    return n;
  }

  /**
   * The host part of `http://edition.cnn.com:8080/politics`, and its host node: requests stopped
   * by a proxy (a Mixer denial in a curl loop) are counted against it, each one.
   */
  private requestedHost(url: string): RequestedHost {
    let requested = this.urlHosts.get(url);
    if (requested !== undefined) return requested;
    const scheme = url.indexOf("://");
    const start = scheme >= 0 ? scheme + 3 : 0;
    let end = start;
    while (end < url.length && url[end] !== "/" && url[end] !== ":" && url[end] !== "?") end++;
    const host = url.slice(start, end).toLowerCase() || "unknown";
    requested = { host, node: this.node(`host:${host}`, "host", host) };
    if (this.urlHosts.size >= CACHE_LIMIT) this.urlHosts.clear();
    this.urlHosts.set(url, requested);
    return requested;
  }

  // --- edges ---------------------------------------------------------------------------

  private edge(from: NodeState, to: NodeState, bypass: boolean, protocol: MeshGraphEdge["protocol"]): EdgeState {
    const byTarget = bypass ? from.bypassing : from.routed;
    let e = byTarget.get(to);
    if (!e) {
      e = { id: `${from.id} -> ${to.id}${bypass ? " (bypass)" : ""}`, source: from, target: to, bypass, protocol, ring: new BucketRing(COLUMNS), byCode: new Map() };
      byTarget.set(to, e);
      this.edges.push(e);
    }
    e.protocol = protocol;
    return e;
  }
}

/** One request on an edge: its HTTP status, or when it has none the failure key. */
function countRequest(e: EdgeState, bucket: number, status: number | undefined, failure: number, noRoute: boolean, denied: boolean): void {
  const column = status === undefined ? COL_ERROR : status < 300 ? COL_2XX : status < 400 ? 1 : status < 500 ? 2 : 3;
  if (!e.ring.add(bucket, column)) return;
  if (noRoute) e.ring.add(bucket, COL_NO_ROUTE);
  if (denied) e.ring.add(bucket, COL_DENIED);
  const code = status ?? failure;
  let ring = e.byCode.get(code);
  if (!ring) e.byCode.set(code, (ring = new BucketRing(1)));
  ring.add(bucket, 0);
}

/** What the client got when no HTTP status came back: curl's exit code, or a failed upstream connection. */
function failureKey(trace: RequestTrace): number {
  return trace.transportError !== undefined ? -trace.transportError : CONNECT_FAILURE;
}

function codeName(code: number): string {
  if (code === CONNECT_FAILURE) return "connect failure";
  return code < 0 ? `curl ${-code}` : String(code);
}

function healthOf(codes: CodeMix, total: number): EdgeHealth {
  const failed = codes["5xx"] + codes.error;
  if (failed / total >= FAILURE_SHARE) return "failure";
  if (failed || codes["4xx"]) return "degraded";
  return "healthy";
}
