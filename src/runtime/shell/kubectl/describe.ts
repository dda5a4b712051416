/**
 * `kubectl describe` (1.10 layouts): pods, services, namespaces, deployments, and the generic
 * describer every other kind (custom resources) gets, which prints the object's fields with
 * `smartLabelFor` labels (`monitored_resource_type` -> `Monitored Resource Type`). All output
 * goes through one tabwriter(0, 8, 2), so consecutive `Label:\tvalue` lines align.
 */
import type { KubeObject } from "../../cluster/objects.ts";
import { findKind, qualifiedPlural, type KindInfo } from "../../config/kinds.ts";
import { LAST_APPLIED } from "./apply.ts";
import type { VerbContext } from "./context.ts";
import { KubectlError } from "./errors.ts";
import { selectorOf } from "./get.ts";
import { goSprint } from "./gofmt.ts";
import { readInputs } from "./manifest-input.ts";
import { parseResourceArgs } from "./resources.ts";
import { KUBECTL_DESCRIBE, tabwrite } from "../tabwriter.ts";
import { strftime } from "../date/strftime.ts";

const ENDPOINTS = findKind("endpoints")!;

class PrefixWriter {
  text = "";
  write(level: number, s: string): void {
    this.text += "  ".repeat(level) + s;
  }
}

function labelsMultiline(w: PrefixWriter, title: string, m: Record<string, string> | undefined, skip?: string): void {
  const keys = Object.keys(m ?? {}).filter((k) => k !== skip).sort();
  if (!keys.length) {
    w.write(0, `${title}:\t<none>\n`);
    return;
  }
  keys.forEach((k, i) => w.write(0, `${i === 0 ? `${title}:` : ""}\t${k}=${m![k]}\n`));
}

/** Go's `time.RFC1123Z`: `Mon, 18 Jun 2018 13:20:11 +0000`. */
function rfc1123z(ts: string | undefined): string {
  const d = ts ? new Date(ts) : undefined;
  if (!d || Number.isNaN(d.getTime())) return "Mon, 01 Jan 0001 00:00:00 +0000";
  return strftime("%a, %d %b %Y %H:%M:%S %z", d.getTime() * 1000);
}

function controller(o: KubeObject): string | undefined {
  const ref = o.metadata.ownerReferences?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : undefined;
}

function describeStatus(w: PrefixWriter, title: string, state: any): void {
  if (state?.running) {
    w.write(2, `${title}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${title}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if (t.signal) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${title}:\tWaiting\n`);
    if (state?.waiting?.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  }
}

function describeContainers(w: PrefixWriter, label: string, containers: any[], statuses: any[]): void {
  w.write(0, `${label}:\n`);
  for (const c of containers) {
    const st = statuses.find((s) => s?.name === c.name);
    w.write(1, `${c.name}:\n`);
    if (st) w.write(2, `Container ID:\t${st.containerID ?? ""}\n`);
    w.write(2, `Image:\t${c.image ?? ""}\n`);
    if (st) w.write(2, `Image ID:\t${st.imageID ?? ""}\n`);
    const ports = (c.ports ?? []).map((p: any) => `${p.containerPort}/${p.protocol ?? "TCP"}`).join(", ");
    const hostPorts = (c.ports ?? []).map((p: any) => `${p.hostPort ?? 0}/${p.protocol ?? "TCP"}`).join(", ");
    w.write(2, ports.includes(",") ? `Ports:\t${ports}\n` : `Port:\t${ports || "<none>"}\n`);
    w.write(2, hostPorts.includes(",") ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || "<none>"}\n`);
    for (const [field, title] of [["command", "Command"], ["args", "Args"]] as const) {
      if (c[field]?.length) {
        w.write(2, `${title}:\n`);
        for (const a of c[field]) for (const line of String(a).split("\n")) w.write(3, `${line}\n`);
      }
    }
    if (st) {
      describeStatus(w, "State", st.state);
      if (st.lastState?.terminated) describeStatus(w, "Last State", st.lastState);
      w.write(2, `Ready:\t${st.ready ? "True" : "False"}\n`);
      w.write(2, `Restart Count:\t${st.restartCount ?? 0}\n`);
    }
    for (const [field, title] of [["limits", "Limits"], ["requests", "Requests"]] as const) {
      const r = c.resources?.[field];
      if (r && Object.keys(r).length) {
        w.write(2, `${title}:\n`);
        for (const k of Object.keys(r).sort()) w.write(3, `${k}:\t${r[k]}\n`);
      }
    }
    const env: any[] = c.env ?? [];
    w.write(2, `Environment:${env.length ? "" : "\t<none>"}\n`);
    for (const e of env) {
      if (e.valueFrom?.fieldRef) {
        w.write(3, `${e.name}:\t (${e.valueFrom.fieldRef.apiVersion ?? "v1"}:${e.valueFrom.fieldRef.fieldPath})\n`);
      } else {
        String(e.value ?? "").split("\n").forEach((line, i) => w.write(3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`));
      }
    }
    const mounts: any[] = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1));
    w.write(2, `Mounts:${mounts.length ? "" : "\t<none>"}\n`);
    for (const m of mounts) w.write(3, `${m.mountPath} from ${m.name} (${m.readOnly ? "ro" : "rw"})\n`);
  }
}

function describeVolumes(w: PrefixWriter, volumes: any[] | undefined): void {
  if (!volumes?.length) {
    w.write(0, "Volumes:\t<none>\n");
    return;
  }
  w.write(0, "Volumes:\n");
  for (const v of volumes) {
    w.write(1, `${v.name}:\n`);
    if (v.emptyDir) w.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ""}\n`);
    else if (v.secret) w.write(2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName}\n    Optional:\t${v.secret.optional === true}\n`);
    else if (v.configMap) w.write(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name}\n    Optional:\t${v.configMap.optional === true}\n`);
    else w.write(2, "Type:\t<unknown>\n");
  }
}

function describePod(w: PrefixWriter, pod: KubeObject): void {
  const st = pod.status ?? {};
  w.write(0, `Name:\t${pod.metadata.name}\n`);
  w.write(0, `Namespace:\t${pod.metadata.namespace}\n`);
  w.write(0, pod.spec?.nodeName ? `Node:\t${pod.spec.nodeName}/${st.hostIP ?? ""}\n` : "Node:\t<none>\n");
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  labelsMultiline(w, "Labels", pod.metadata.labels);
  labelsMultiline(w, "Annotations", pod.metadata.annotations, LAST_APPLIED);
  if (pod.metadata.deletionTimestamp) w.write(0, `Status:\tTerminating (lasts <invalid>)\n`);
  else w.write(0, `Status:\t${st.phase ?? ""}\n`);
  if (st.reason) w.write(0, `Reason:\t${st.reason}\n`);
  if (st.message) w.write(0, `Message:\t${st.message}\n`);
  w.write(0, `IP:\t${st.podIP ?? ""}\n`);
  const ctl = controller(pod);
  if (ctl) w.write(0, `Controlled By:\t${ctl}\n`);
  if (pod.spec?.initContainers?.length) describeContainers(w, "Init Containers", pod.spec.initContainers, st.initContainerStatuses ?? []);
  describeContainers(w, "Containers", pod.spec?.containers ?? [], st.containerStatuses ?? []);
  if (st.conditions?.length) {
    w.write(0, "Conditions:\n  Type\tStatus\n");
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, pod.spec?.volumes);
  w.write(0, `QoS Class:\t${st.qosClass ?? "BestEffort"}\n`);
  labelsMultiline(w, "Node-Selectors", pod.spec?.nodeSelector);
  const tolerations: any[] = pod.spec?.tolerations ?? [];
  if (!tolerations.length) w.write(0, "Tolerations:\t<none>\n");
  tolerations.forEach((t, i) => {
    let s = t.key ?? "";
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${i === 0 ? "Tolerations:" : ""}\t${s}\n`);
  });
}

function describeService(w: PrefixWriter, svc: KubeObject, endpointsFor: (port: any) => string): void {
  const spec = svc.spec ?? {};
  w.write(0, `Name:\t${svc.metadata.name}\n`);
  w.write(0, `Namespace:\t${svc.metadata.namespace}\n`);
  labelsMultiline(w, "Labels", svc.metadata.labels);
  labelsMultiline(w, "Annotations", svc.metadata.annotations, LAST_APPLIED);
  const sel = spec.selector ?? {};
  w.write(0, `Selector:\t${Object.keys(sel).sort().map((k) => `${k}=${sel[k]}`).join(",")}\n`);
  w.write(0, `Type:\t${spec.type ?? "ClusterIP"}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ""}\n`);
  for (const p of spec.ports ?? []) {
    const name = p.name || "<unset>";
    w.write(0, `Port:\t${name}\t${p.port}/${p.protocol ?? "TCP"}\n`);
    w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${p.protocol ?? "TCP"}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${p.protocol ?? "TCP"}\n`);
    w.write(0, `Endpoints:\t${endpointsFor(p)}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? "None"}\n`);
}

function describeNamespace(w: PrefixWriter, ns: KubeObject): void {
  w.write(0, `Name:\t${ns.metadata.name}\n`);
  labelsMultiline(w, "Labels", ns.metadata.labels);
  labelsMultiline(w, "Annotations", ns.metadata.annotations, LAST_APPLIED);
  w.write(0, `Status:\t${ns.status?.phase ?? ""}\n`);
  w.write(0, "\nNo resource quota.\n\nNo resource limits.\n");
}

function describeDeployment(w: PrefixWriter, d: KubeObject): void {
  const spec = d.spec ?? {};
  const st = d.status ?? {};
  w.write(0, `Name:\t${d.metadata.name}\n`);
  w.write(0, `Namespace:\t${d.metadata.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  labelsMultiline(w, "Labels", d.metadata.labels);
  labelsMultiline(w, "Annotations", d.metadata.annotations, LAST_APPLIED);
  const ml = spec.selector?.matchLabels ?? spec.template?.metadata?.labels ?? {};
  w.write(0, `Selector:\t${Object.keys(ml).sort().map((k) => `${k}=${ml[k]}`).join(",")}\n`);
  const desired = spec.replicas ?? 1;
  w.write(0, `Replicas:\t${desired} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
  w.write(0, `StrategyType:\t${spec.strategy?.type ?? "RollingUpdate"}\n`);
  w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  w.write(0, `RollingUpdateStrategy:\t${spec.strategy?.rollingUpdate?.maxUnavailable ?? 1} max unavailable, ${spec.strategy?.rollingUpdate?.maxSurge ?? 1} max surge\n`);
  w.write(0, "Pod Template:\n");
  labelsMultiline(w, "  Labels", spec.template?.metadata?.labels);
  const t = new PrefixWriter();
  describeContainers(t, "Containers", spec.template?.spec?.containers ?? [], []);
  w.text += t.text.split("\n").map((l) => (l ? "  " + l : l)).join("\n");
  describeVolumes(w, spec.template?.spec?.volumes);
}

/** `smartLabelFor`: camelCase and snake_case words, title-cased, common acronyms upper-cased. */
export function smartLabelFor(field: string): string {
  const parts = field.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+|[^A-Za-z0-9]+/g) ?? [field];
  return parts
    .filter((p) => !/^[_]+$/.test(p))
    .map((p) => (["API", "URL", "UID", "OSB", "GUID"].includes(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join(" ");
}

function printUnstructured(w: PrefixWriter, level: number, content: Record<string, unknown>, prefix: string, skip: string[]): void {
  for (const field of Object.keys(content).sort()) {
    const path = `${prefix}.${field}`;
    if (skip.includes(path)) continue;
    const v = content[field];
    if (v && typeof v === "object" && !Array.isArray(v)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructured(w, level + 1, v as Record<string, unknown>, path, skip);
    } else if (Array.isArray(v)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const item of v) {
        if (item && typeof item === "object" && !Array.isArray(item)) printUnstructured(w, level + 1, item as Record<string, unknown>, path, skip);
        else w.write(level + 1, `${goSprint(item, { floats: false })}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goSprint(v, { floats: false })}\n`);
    }
  }
}

function describeGeneric(w: PrefixWriter, o: KubeObject): void {
  w.write(0, `Name:\t${o.metadata.name}\n`);
  w.write(0, `Namespace:\t${o.metadata.namespace ?? ""}\n`);
  labelsMultiline(w, "Labels", o.metadata.labels);
  labelsMultiline(w, "Annotations", o.metadata.annotations, LAST_APPLIED);
  printUnstructured(w, 0, o as unknown as Record<string, unknown>, "", [".metadata.name", ".metadata.namespace", ".metadata.labels", ".metadata.annotations"]);
}

function describeObject(ctx: VerbContext, info: KindInfo, o: KubeObject): string {
  const w = new PrefixWriter();
  /** `ip:port` of the Service's Endpoints for one of its ports. */
  const endpointsFor = (port: any): string => {
    const eps: any = ctx.deps.store.get(ENDPOINTS, o.metadata.namespace, o.metadata.name);
    const addrs: string[] = [];
    for (const s of eps?.subsets ?? []) {
      const match = (s.ports ?? []).find((p: any) => (p.name ?? "") === (port.name ?? "")) ?? s.ports?.[0];
      for (const a of s.addresses ?? []) addrs.push(match ? `${a.ip}:${match.port}` : a.ip);
    }
    return addrs.length ? addrs.join(",") : "<none>";
  };
  switch (info.kind) {
    case "Pod": describePod(w, o); break;
    case "Service": describeService(w, o, endpointsFor); break;
    case "Namespace": describeNamespace(w, o); break;
    case "Deployment": describeDeployment(w, o); break;
    default: describeGeneric(w, o);
  }
  if (info.kind !== "Namespace") w.write(0, "Events:\t<none>\n");
  return tabwrite(w.text, KUBECTL_DESCRIBE);
}

export async function runDescribe(ctx: VerbContext): Promise<void> {
  const targets: { info: KindInfo; o: KubeObject }[] = [];
  const files = ctx.flags.strs("filename");
  if (files.length) {
    for (const item of await readInputs(ctx, files)) {
      if (item.error) {
        ctx.errors.push(item.error);
        continue;
      }
      const o = ctx.deps.store.get(item.info!, item.object!.metadata.namespace, item.object!.metadata.name);
      if (o) targets.push({ info: item.info!, o });
      else ctx.errors.push(new KubectlError(`${qualifiedPlural(item.info!)} "${item.object!.metadata.name}" not found`, "NotFound"));
    }
  } else {
    const args = ctx.flags.positionals;
    if (args.length === 0) throw new KubectlError("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.");
    const parsed = parseResourceArgs(args);
    const selector = selectorOf(ctx);
    const allNs = ctx.flags.bool("all-namespaces");
    for (const req of parsed.requests) {
      const ns = req.info.namespaced ? (allNs ? undefined : ctx.namespace) : undefined;
      if (req.names.length === 0) {
        for (const o of ctx.deps.store.list(req.info, ns, selector)) targets.push({ info: req.info, o });
        continue;
      }
      for (const name of req.names) {
        const exact = ctx.deps.store.get(req.info, ns ?? ctx.namespace, name);
        // describe matches a name prefix when there is no exact match.
        const matches = exact ? [exact] : ctx.deps.store.list(req.info, ns ?? ctx.namespace).filter((o) => o.metadata.name.startsWith(name));
        if (!matches.length) ctx.errors.push(new KubectlError(`${qualifiedPlural(req.info)} "${name}" not found`, "NotFound"));
        for (const o of matches) targets.push({ info: req.info, o });
      }
    }
    if (!targets.length && ctx.errors.length === 0) ctx.warnings.push("No resources found.\n");
  }
  // kubectl prints the first description as is and each further one after "\n\n".
  ctx.stdout.push(targets.map((t) => describeObject(ctx, t.info, t.o)).join("\n\n"));
}
