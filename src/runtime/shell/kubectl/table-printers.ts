/**
 * The human-readable tables of `kubectl get` (kubectl 1.10's printers/internalversion): the
 * columns of each kind, `-o wide` extras, and the NAME AGE fallback every other kind (custom
 * resources, CRDs) gets from the default table handler.
 */
import type { KubeObject } from "../../cluster/objects.ts";
import { podSummary } from "../../cluster/queries.ts";
import type { KindInfo } from "../../config/kinds.ts";
import { age } from "./duration.ts";

export interface RowContext {
  nowMicros: number;
}

export interface TableDef {
  columns: string[];
  /** Extra columns of `-o wide`. */
  wide?: string[];
  row(o: KubeObject, ctx: RowContext): string[];
  wideRow?(o: KubeObject, ctx: RowContext): string[];
}

const ageOf = (o: KubeObject, ctx: RowContext) => age(o.metadata.creationTimestamp, ctx.nowMicros);
const num = (v: unknown) => String(typeof v === "number" ? v : 0);
const none = (s: string | undefined) => (s ? s : "<none>");

function selectorString(sel: Record<string, string> | undefined): string {
  if (!sel || Object.keys(sel).length === 0) return "<none>";
  return Object.keys(sel).sort().map((k) => `${k}=${sel[k]}`).join(",");
}

/** A LabelSelector (`matchLabels` / `matchExpressions`) as `metav1.FormatLabelSelector` prints it. */
function labelSelectorString(sel: any): string {
  if (!sel) return "<none>";
  const parts: string[] = [];
  const ml: Record<string, string> = sel.matchLabels ?? {};
  for (const k of Object.keys(ml).sort()) parts.push(`${k}=${ml[k]}`);
  for (const e of sel.matchExpressions ?? []) {
    const op = String(e.operator ?? "").toLowerCase();
    if (op === "in" || op === "notin") parts.push(`${e.key} ${op} (${(e.values ?? []).join(",")})`);
    else if (op === "exists") parts.push(e.key);
    else if (op === "doesnotexist") parts.push(`!${e.key}`);
  }
  return parts.length ? parts.join(",") : "<none>";
}

function containersAndImages(podSpec: any): [string, string] {
  const cs: any[] = podSpec?.containers ?? [];
  return [cs.map((c) => c.name).join(","), cs.map((c) => c.image).join(",")];
}

function servicePorts(ports: any[] | undefined): string {
  if (!ports?.length) return "<none>";
  return ports
    .map((p) => {
      const proto = p.protocol ?? "TCP";
      return p.nodePort ? `${p.port}:${p.nodePort}/${proto}` : `${p.port}/${proto}`;
    })
    .join(",");
}

function serviceExternalIp(svc: KubeObject, wide: boolean): string {
  const spec = svc.spec ?? {};
  const type = spec.type ?? "ClusterIP";
  const external: string[] = spec.externalIPs ?? [];
  switch (type) {
    case "ClusterIP":
    case "NodePort":
      return external.length ? external.join(",") : "<none>";
    case "LoadBalancer": {
      const ingress: any[] = svc.status?.loadBalancer?.ingress ?? [];
      const ips = [...ingress.map((i) => i.ip || i.hostname).filter(Boolean), ...external];
      if (!ips.length) return "<pending>";
      if (!wide && ips.length > 2) return ips.slice(0, 2).join(",") + "...";
      return ips.join(",");
    }
    case "ExternalName":
      return spec.externalName ?? "<none>";
    default:
      return "<unknown>";
  }
}

/** `formatEndpoints`: up to three `ip:port` pairs, then `+ N more...`. */
function endpointsString(ep: KubeObject): string {
  const all: string[] = [];
  let count = 0;
  for (const subset of (ep as any).subsets ?? []) {
    const ports: any[] = subset.ports?.length ? subset.ports : [undefined];
    for (const port of ports) {
      for (const addr of subset.addresses ?? []) {
        if (all.length < 3) all.push(port ? `${addr.ip}:${port.port}` : addr.ip);
        count++;
      }
    }
  }
  if (!all.length) return "<none>";
  return count > all.length ? `${all.join(",")} + ${count - all.length} more...` : all.join(",");
}

function nodeStatus(node: KubeObject): string {
  const conds: any[] = node.status?.conditions ?? [];
  const ready = conds.find((c) => c.type === "Ready");
  let s = ready?.status === "True" ? "Ready" : ready ? "NotReady" : "Unknown";
  if (node.spec?.unschedulable) s += ",SchedulingDisabled";
  return s;
}

function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith("node-role.kubernetes.io/")) roles.add(k.slice("node-role.kubernetes.io/".length));
    else if (k === "kubernetes.io/role") roles.add(v);
  }
  return roles.size ? [...roles].sort().join(",") : "<none>";
}

const TABLES: Record<string, TableDef> = {
  pods: {
    columns: ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
    wide: ["IP", "NODE"],
    row: (o, ctx) => {
      const s = podSummary(o);
      return [o.metadata.name, s.ready, s.status, String(s.restarts), ageOf(o, ctx)];
    },
    wideRow: (o) => [none(o.status?.podIP), none(o.spec?.nodeName)],
  },
  services: {
    columns: ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"],
    wide: ["SELECTOR"],
    row: (o, ctx) => [
      o.metadata.name,
      o.spec?.type ?? "ClusterIP",
      none(o.spec?.clusterIP),
      serviceExternalIp(o, false),
      servicePorts(o.spec?.ports),
      ageOf(o, ctx),
    ],
    wideRow: (o) => [selectorString(o.spec?.selector)],
  },
  deployments: {
    columns: ["NAME", "DESIRED", "CURRENT", "UP-TO-DATE", "AVAILABLE", "AGE"],
    wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
    row: (o, ctx) => [
      o.metadata.name,
      num(o.spec?.replicas ?? 1),
      num(o.status?.replicas),
      num(o.status?.updatedReplicas),
      num(o.status?.availableReplicas),
      ageOf(o, ctx),
    ],
    wideRow: (o) => [...containersAndImages(o.spec?.template?.spec), labelSelectorString(o.spec?.selector)],
  },
  replicasets: {
    columns: ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
    wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
    row: (o, ctx) => [o.metadata.name, num(o.spec?.replicas ?? 1), num(o.status?.replicas), num(o.status?.readyReplicas), ageOf(o, ctx)],
    wideRow: (o) => [...containersAndImages(o.spec?.template?.spec), labelSelectorString(o.spec?.selector)],
  },
  jobs: {
    columns: ["NAME", "DESIRED", "SUCCESSFUL", "AGE"],
    wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
    row: (o, ctx) => [o.metadata.name, o.spec?.completions === undefined ? "<none>" : num(o.spec.completions), num(o.status?.succeeded), ageOf(o, ctx)],
    wideRow: (o) => [...containersAndImages(o.spec?.template?.spec), labelSelectorString(o.spec?.selector)],
  },
  namespaces: {
    columns: ["NAME", "STATUS", "AGE"],
    row: (o, ctx) => [o.metadata.name, o.status?.phase ?? "", ageOf(o, ctx)],
  },
  nodes: {
    columns: ["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
    wide: ["EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"],
    row: (o, ctx) => [o.metadata.name, nodeStatus(o), nodeRoles(o), ageOf(o, ctx), o.status?.nodeInfo?.kubeletVersion ?? ""],
    wideRow: (o) => {
      const ext = (o.status?.addresses ?? []).find((a: any) => a.type === "ExternalIP")?.address;
      const info = o.status?.nodeInfo ?? {};
      return [none(ext), info.osImage || "<unknown>", info.kernelVersion || "<unknown>", info.containerRuntimeVersion || "<unknown>"];
    },
  },
  configmaps: {
    columns: ["NAME", "DATA", "AGE"],
    row: (o, ctx) => [o.metadata.name, String(Object.keys(o.data ?? {}).length + Object.keys((o as any).binaryData ?? {}).length), ageOf(o, ctx)],
  },
  secrets: {
    columns: ["NAME", "TYPE", "DATA", "AGE"],
    row: (o, ctx) => [o.metadata.name, String((o as any).type ?? "Opaque"), String(Object.keys(o.data ?? {}).length), ageOf(o, ctx)],
  },
  serviceaccounts: {
    columns: ["NAME", "SECRETS", "AGE"],
    row: (o, ctx) => [o.metadata.name, String(((o as any).secrets ?? []).length), ageOf(o, ctx)],
  },
  endpoints: {
    columns: ["NAME", "ENDPOINTS", "AGE"],
    row: (o, ctx) => [o.metadata.name, endpointsString(o), ageOf(o, ctx)],
  },
  networkpolicies: {
    columns: ["NAME", "POD-SELECTOR", "AGE"],
    row: (o, ctx) => {
      const sel = labelSelectorString(o.spec?.podSelector);
      return [o.metadata.name, sel === "<none>" ? "" : sel, ageOf(o, ctx)];
    },
  },
};

/** Custom resources and kinds without a printer: kubectl 1.10's default handler. */
const DEFAULT_TABLE: TableDef = {
  columns: ["NAME", "AGE"],
  row: (o, ctx) => [o.metadata.name, ageOf(o, ctx)],
};

export function tableFor(info: KindInfo): TableDef {
  return (info.family === "kube" && info.group !== "apiextensions.k8s.io" && TABLES[info.plural]) || DEFAULT_TABLE;
}

export interface TableOptions {
  wide: boolean;
  /** `--all-namespaces`: a NAMESPACE column first. */
  withNamespace: boolean;
  /** Several kinds requested: names print as `kind.group/name`. */
  withKind: boolean;
  noHeaders: boolean;
  showLabels: boolean;
  /** `-L key`: one column per label key. */
  labelColumns: string[];
}

function labelsString(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(",") : "<none>";
}

/** The tab-separated text of one kind's table (header + rows), ready for the tabwriter. */
export function tableText(info: KindInfo, objects: KubeObject[], opts: TableOptions, ctx: RowContext): string {
  const def = tableFor(info);
  const header = [...def.columns, ...(opts.wide ? def.wide ?? [] : [])];
  if (opts.withNamespace) header.unshift("NAMESPACE");
  for (const l of opts.labelColumns) header.push(l.split("/").pop()!.toUpperCase());
  if (opts.showLabels) header.push("LABELS");
  const lines: string[] = opts.noHeaders ? [] : [header.join("\t")];
  const prefix = info.group ? `${info.kind.toLowerCase()}.${info.group}/` : `${info.kind.toLowerCase()}/`;
  for (const o of objects) {
    const cells = def.row(o, ctx);
    if (opts.withKind) cells[0] = prefix + cells[0];
    if (opts.wide && def.wideRow) cells.push(...def.wideRow(o, ctx));
    if (opts.withNamespace) cells.unshift(o.metadata.namespace ?? "");
    for (const l of opts.labelColumns) cells.push(o.metadata.labels?.[l] ?? "");
    if (opts.showLabels) cells.push(labelsString(o.metadata.labels));
    lines.push(cells.join("\t"));
  }
  return lines.join("\n") + "\n";
}
