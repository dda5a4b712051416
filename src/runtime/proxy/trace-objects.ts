/**
 * The trace and hop objects the pipeline fills in as a request goes along. A hop starts with
 * three fields and gains up to nine more on the way (route table, virtual host, cluster,
 * status...); a trace gains its Mixer results, status and size at the end. Made by object
 * literals, each added field would outgrow the literal's exact size and reallocate a separate
 * property store (3, then 6, then 9 slots): most of a hop's bytes were such garbage.
 *
 * Objects made by `new` of a plain function are laid out with room for the fields added after
 * construction (V8 sizes a constructor's objects by what its first instances ended up holding).
 * The functions' prototype is `Object.prototype`, so what they make is indistinguishable from
 * the literals they replace: same prototype, same `constructor`, same keys in the same order.
 */
import type { HopTrace, RequestTrace } from "./trace.ts";

interface HopConstructor {
  new (kind: HopTrace["kind"], at: string, listener: string): HopTrace;
}

const Hop = function (this: HopTrace, kind: HopTrace["kind"], at: string, listener: string) {
  this.kind = kind;
  this.at = at;
  this.listener = listener;
} as unknown as HopConstructor;
Hop.prototype = Object.prototype;

/** `{ kind, at, listener }`, with room for the fields the proxy adds later. */
export function newHop(kind: HopTrace["kind"], at: string, listener: string): HopTrace {
  return new Hop(kind, at, listener);
}

interface UpstreamHopConstructor {
  new (at: string, tlsOrigination: boolean): HopTrace;
}

const UpstreamHop = function (this: HopTrace, at: string, tlsOrigination: boolean) {
  this.kind = "upstream";
  this.at = at;
  this.tlsOrigination = tlsOrigination;
} as unknown as UpstreamHopConstructor;
UpstreamHop.prototype = Object.prototype;

/** `{ kind: "upstream", at, tlsOrigination }` (an origin on the internet), with room for its status. */
export function newUpstreamHop(at: string, tlsOrigination: boolean): HopTrace {
  return new UpstreamHop(at, tlsOrigination);
}

interface TraceConstructor {
  new (startMicros: number, source: string, sourceNamespace: string | undefined, method: string, url: string): RequestTrace;
}

const Trace = function (this: RequestTrace, startMicros: number, source: string, sourceNamespace: string | undefined, method: string, url: string) {
  this.id = "";
  this.startMicros = startMicros;
  this.durationMicros = 0;
  this.source = source;
  this.sourceNamespace = sourceNamespace;
  this.method = method;
  this.url = url;
  this.hops = [];
  this.why = "";
} as unknown as TraceConstructor;
Trace.prototype = Object.prototype;

/**
 * `{ id: "", startMicros, durationMicros: 0, source, sourceNamespace, method, url, hops: [], why: "" }`
 * (`sourceNamespace` present even when undefined), with room for what the pipeline adds later.
 */
export function newTrace(startMicros: number, source: string, sourceNamespace: string | undefined, method: string, url: string): RequestTrace {
  return new Trace(startMicros, source, sourceNamespace, method, url);
}
