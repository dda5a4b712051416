/**
 * Moving a sandbox snapshot in time. The site builds each lesson's start state once, at build
 * time, on a virtual clock (installing the cluster and replaying earlier lessons costs a reader's
 * browser about half a second); a reader's worker then only moves that snapshot to the present
 * and restores it. Moving means shifting every absolute time the snapshot holds by the same
 * whole number of seconds:
 *  - in cluster objects, Kubernetes' time fields (metav1.Time: `creationTimestamp`,
 *    `startTime`, `lastTransitionTime`...), which are RFC 3339 UTC strings;
 *  - in container logs, the UTC timestamps each line starts with or carries (Envoy's
 *    `[2018-06-18T13:22:58.317Z]`, zap's `2018-06-18T13:22:58.317448Z`, Mixer's `"time"`);
 *  - the clock itself, which becomes the reader's wall clock.
 * Nothing else in a snapshot is a time (metrics are counters; Prometheus samples, traces and
 * the mesh graph are not kept in snapshots). tests/unit/lessons/rebase.test.ts checks that a
 * start state built at one time and moved to another equals the one built at that other time.
 */
import type { SandboxSnapshot } from "../sandbox.ts";
import type { KubeObject } from "../cluster/objects.ts";

/** The metav1.Time fields of the objects the emulated cluster writes (Kubernetes 1.10 names). */
const TIME_FIELDS = new Set([
  "creationTimestamp", "deletionTimestamp", "startTime", "completionTime", "startedAt", "finishedAt",
  "lastProbeTime", "lastTransitionTime", "lastUpdateTime", "lastHeartbeatTime", "firstTimestamp", "lastTimestamp",
  "lastScheduleTime",
]);

/** An RFC 3339 UTC time as the runtime prints them: seconds, optionally a fraction, then `Z`. */
const UTC_TIME = /(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z/g;

/** `text` with every UTC time in it moved by `seconds` (fractions kept as written). */
export function shiftUtcTimes(text: string, seconds: number): string {
  if (seconds === 0) return text;
  return text.replace(UTC_TIME, (_all, y: string, mo: string, d: string, h: string, mi: string, s: string, fraction: string | undefined) => {
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) + seconds * 1000;
    return `${new Date(ms).toISOString().slice(0, 19)}${fraction ?? ""}Z`;
  });
}

/**
 * `value` with the time fields of every object in it moved by `seconds`: copies only what
 * changes (unchanged branches are shared with `value`, which is never modified).
 */
function shiftTimeFields<T>(value: T, seconds: number): T {
  if (!value || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const shifted = shiftTimeFields(value[i], seconds);
      if (shifted !== value[i]) (out ??= value.slice())[i] = shifted;
    }
    return (out ?? value) as T;
  }
  let out: Record<string, unknown> | undefined;
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    const shifted = typeof v === "string" ? (TIME_FIELDS.has(key) ? shiftUtcTimes(v, seconds) : v) : shiftTimeFields(v, seconds);
    if (shifted !== v) (out ??= { ...(value as Record<string, unknown>) })[key] = shifted;
  }
  return (out ?? value) as T;
}

/** An object with its metav1.Time fields moved: they live in `metadata` and `status` (spec holds none). */
function shiftObjectTimes(object: KubeObject, seconds: number): KubeObject {
  const metadata = shiftTimeFields(object.metadata, seconds);
  const status = shiftTimeFields(object.status, seconds);
  return metadata === object.metadata && status === object.status ? object : { ...object, metadata, status };
}

/**
 * The snapshot moved so that its clock reads `nowMicros` (to the whole second: fractions of
 * seconds in its times stay as they were), running on the wall clock from then on. The
 * snapshot passed in is not changed.
 */
export function rebaseSnapshot(snapshot: SandboxSnapshot, nowMicros: number): SandboxSnapshot {
  const seconds = Math.round((nowMicros - snapshot.clockMicros) / 1_000_000);
  const logs: Record<string, string[]> = {};
  for (const [container, lines] of Object.entries(snapshot.logs)) logs[container] = lines.map((l) => shiftUtcTimes(l, seconds));
  return {
    ...snapshot,
    clockMicros: snapshot.clockMicros + seconds * 1_000_000,
    virtualClock: false,
    store: {
      ...snapshot.store,
      objects: snapshot.store.objects.map(([key, object]): [string, KubeObject] => [key, shiftObjectTimes(object, seconds)]),
    },
    logs,
  };
}
