/**
 * Builds Mixer's routing table from the config.istio.io objects, as 0.8 does on every config
 * change (config snapshot -> handler table -> routing table). Nothing here is validated by the
 * API server in 0.8, so every problem is logged the way Mixer logs it and the bad piece is
 * dropped while the rest keeps working:
 *   - instance errors and rule reference errors (`Handler not found: handler='...'`) at error,
 *   - handlers that fail to configure (`Unable to initialize adapter: ...`) at error,
 *   - rules that cannot be routed (`Unable to compile match condition expression: ...`) at warn.
 */
import type { KubeObject } from "../cluster/objects.ts";
import { attributeSlot } from "./attributeSlots.ts";
import { compileExpression } from "./cexl/index.ts";
import { CexlCompileError, type AttributeVocabulary, type CompiledExpression } from "./cexl/types.ts";
import { ADAPTERS } from "./adapters/index.ts";
import { AdapterConfigError, type CheckVerdict, type Handler, type HandlerContext } from "./adapters/adapter.ts";
import { ParamsError } from "./handlerParams.ts";
import { InstanceConfigError } from "./instanceFields.ts";
import type { MixerLog } from "./mixerLog.ts";
import { canonicalize, DEFAULT_CONFIG_NAMESPACE, fullName } from "./names.ts";
import { TEMPLATES } from "./templates/index.ts";
import type { InstanceBuilder, Variety } from "./templates/template.ts";
import type { AdapterVerdict } from "./types.ts";

/** One (handler, instance) pair a matching rule dispatches to. */
export interface Dispatch {
  readonly handler: Handler;
  readonly instance: InstanceBuilder;
  /** The routing destination's friendly name in Mixer's messages: `listentry:path-checker.listchecker.istio-system(listchecker)`. */
  readonly destination: string;
  /** Passing verdicts of this dispatch by detail, shared between requests (see `okVerdict`). */
  readonly okVerdicts: Map<string, AdapterVerdict>;
  /** The last of `okVerdicts` used: a dispatch's adapter mostly answers with one detail. */
  lastOkVerdict: AdapterVerdict | undefined;
  /** Other verdicts by the adapter's (cached) verdict object. */
  readonly verdicts: Map<CheckVerdict, AdapterVerdict>;
}

/** A check verdict as the trace records it; adapters that cache their verdicts get shared records. */
export function adapterVerdict(d: Dispatch, verdict: CheckVerdict): AdapterVerdict {
  let v = d.verdicts.get(verdict);
  if (!v) {
    v = Object.freeze({ handler: d.handler.name, instance: d.instance.name, code: verdict.code, message: verdict.message, detail: verdict.detail });
    if (d.verdicts.size >= 256) d.verdicts.clear();
    d.verdicts.set(verdict, v);
  }
  return v;
}

/**
 * The verdict `{handler, instance, OK, "", detail}`. Report adapters answer with a handful of
 * constant details (`logged at level info`), so requests share one frozen verdict per detail
 * instead of allocating one per action (bounded: a detail may quote request values).
 */
export function okVerdict(d: Dispatch, detail: string): AdapterVerdict {
  const last = d.lastOkVerdict;
  if (last !== undefined && last.detail === detail) return last;
  let v = d.okVerdicts.get(detail);
  if (!v) {
    v = Object.freeze({ handler: d.handler.name, instance: d.instance.name, code: "OK", message: "", detail }) as AdapterVerdict;
    if (d.okVerdicts.size < 256) d.okVerdicts.set(detail, v);
  }
  d.lastOkVerdict = v;
  return v;
}

export interface RouteRule {
  /** `handle-cnn-access.rule.istio-system` */
  readonly name: string;
  /** Position in the table's `rules`: per-rule state of a call is kept in arrays, not maps. */
  readonly index: number;
  readonly namespace: string;
  /** The match as written; "" when absent. */
  readonly matchText: string;
  /** Undefined when the rule always applies (no match, or `true`). */
  readonly match?: CompiledExpression;
  /** The slots of `match.attributes` (see attributeSlots.ts); empty without a match. */
  readonly matchSlots: readonly number[];
  /** The rule only runs for TCP traffic (`istio-protocol: tcp` label or `context.protocol == "tcp"`). */
  readonly tcp: boolean;
  readonly byVariety: Readonly<Record<Variety, readonly Dispatch[]>>;
  /**
   * Distinct handlers per variety: Mixer evaluates a rule's match once per handler it routes to,
   * so an evaluation error is logged that many times.
   */
  readonly handlerCount: Readonly<Record<Variety, number>>;
}

export interface RoutingTable {
  readonly id: number;
  /** Every rule, of every namespace. */
  readonly rules: readonly RouteRule[];
  /** Rules that apply to requests whose identity (`destination.service`) is in `namespace`. */
  rulesFor(namespace: string): readonly RouteRule[];
  /** Every problem logged while building, in order (for explanations and tests). */
  readonly problems: readonly string[];
}

export interface ConfigObjects {
  readonly attributeManifests: readonly KubeObject[];
  /** Adapter-kind objects (stdio, listchecker, ...), by lower-case kind. */
  readonly handlers: readonly KubeObject[];
  /** Template-kind objects (logentry, listentry, ...). */
  readonly instances: readonly KubeObject[];
  readonly rules: readonly KubeObject[];
}

export interface BuildContext {
  readonly snapshotId: number;
  readonly log: MixerLog;
  readonly vocabulary: AttributeVocabulary;
  readonly handlerContext: HandlerContext;
  /** Handlers configured by the previous build, reused when their spec did not change (as Mixer reuses them). */
  readonly previousHandlers: ReadonlyMap<string, { signature: string; handler: Handler }>;
}

export interface BuildResult {
  table: RoutingTable;
  handlers: Map<string, { signature: string; handler: Handler }>;
}

interface ResolvedAction {
  handlerName: string;
  instances: { name: string; builder: InstanceBuilder; variety: Variety }[];
}

interface ResolvedRule {
  name: string;
  namespace: string;
  matchText: string;
  tcp: boolean;
  actions: ResolvedAction[];
}

const RULE_FIELDS = ["match", "actions", "selector"];

function objName(o: KubeObject): string {
  return fullName(o.metadata.name, o.kind.toLowerCase(), o.metadata.namespace ?? "default");
}

/** 0.8's ExtractEQMatches, reduced to what it is used for: `context.protocol == "tcp"` in a conjunction. */
function matchSelectsTcp(match: string): boolean {
  return /(^|&&)\s*\(?\s*context\.protocol\s*==\s*"tcp"\s*\)?\s*(&&|$)/.test(match);
}

export function buildRoutingTable(config: ConfigObjects, ctx: BuildContext): BuildResult {
  const problems: string[] = [];
  const error = (msg: string) => {
    problems.push(msg);
    ctx.log.error(msg);
  };
  const warn = (msg: string) => {
    problems.push(msg);
    ctx.log.warn(msg);
  };

  // Instances: compile every field against the vocabulary (InferType in Mixer).
  const instances = new Map<string, { builder: InstanceBuilder; variety: Variety }>();
  for (const o of config.instances) {
    const template = TEMPLATES.get(o.kind.toLowerCase());
    if (!template) continue;
    const name = objName(o);
    try {
      const spec = (o.spec ?? {}) as Record<string, unknown>;
      instances.set(name, { builder: template.compile(name, typeof spec === "object" && spec ? spec : {}, ctx.vocabulary), variety: template.variety });
    } catch (e) {
      if (!(e instanceof InstanceConfigError) && !(e instanceof CexlCompileError)) throw e;
      error(e.message);
    }
  }

  const handlerObjects = new Map<string, KubeObject>();
  for (const o of config.handlers) handlerObjects.set(objName(o), o);

  // Rules: type-check the match and resolve handler and instance references.
  const rules: ResolvedRule[] = [];
  const usedHandlers = new Map<string, Set<string>>();
  for (const o of config.rules) {
    const name = objName(o);
    const ns = o.metadata.namespace ?? "default";
    const spec = (o.spec ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(spec).find((k) => !RULE_FIELDS.includes(k));
    if (unknown !== undefined) {
      error(`unknown field ${JSON.stringify(unknown)} in v1beta1.Rule`);
      continue;
    }
    if (spec.match !== undefined && typeof spec.match !== "string") {
      error(`json: cannot unmarshal ${typeof spec.match} into Go value of type string (rule='${name}'.Match)`);
      continue;
    }
    const matchText = (spec.match as string | undefined) ?? "";
    if (matchText.trim() !== "" && matchText.trim() !== "true") {
      try {
        const c = compileExpression(matchText, ctx.vocabulary);
        if (c.type !== "BOOL") error(`expression '${matchText}' evaluated to type ${c.type}, expected type BOOL`);
      } catch (e) {
        if (!(e instanceof CexlCompileError)) throw e;
        error(e.message);
      }
    }
    const tcp = o.metadata.labels?.["istio-protocol"] === "tcp" || matchSelectsTcp(matchText);
    const actions: ResolvedAction[] = [];
    const rawActions = Array.isArray(spec.actions) ? (spec.actions as Record<string, unknown>[]) : [];
    for (const raw of rawActions) {
      const a = (raw !== null && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
      const handlerRef = typeof a.handler === "string" ? a.handler : "";
      const handlerName = canonicalize(handlerRef, ns);
      if (!handlerObjects.has(handlerName)) {
        error(`Handler not found: handler='${handlerName}'`);
        continue;
      }
      const seen = new Set<string>();
      const resolved: ResolvedAction["instances"] = [];
      for (const ref of Array.isArray(a.instances) ? (a.instances as unknown[]) : []) {
        const instanceName = canonicalize(String(ref), ns);
        if (seen.has(instanceName)) {
          error(`action specified the same instance multiple times: instance='${instanceName}',`);
          continue;
        }
        seen.add(instanceName);
        const inst = instances.get(instanceName);
        if (!inst) {
          error(`Instance not found: instance='${instanceName}'`);
          continue;
        }
        resolved.push({ name: instanceName, builder: inst.builder, variety: inst.variety });
      }
      if (resolved.length === 0) {
        error("No valid instances found");
        continue;
      }
      actions.push({ handlerName, instances: resolved });
      let templates = usedHandlers.get(handlerName);
      if (!templates) usedHandlers.set(handlerName, (templates = new Set()));
      for (const r of resolved) templates.add(r.builder.template);
    }
    if (actions.length === 0) {
      error("No valid actions found in rule");
      continue;
    }
    rules.push({ name, namespace: ns, matchText, tcp, actions });
  }

  ctx.log.info(`Built new config.Snapshot: id='${ctx.snapshotId}'`);

  // Handler table: configure every handler a rule uses (unused handlers are never built).
  const handlers = new Map<string, { signature: string; handler: Handler }>();
  for (const [handlerName, templates] of usedHandlers) {
    const o = handlerObjects.get(handlerName)!;
    const kind = o.kind.toLowerCase();
    const signature = JSON.stringify([o.spec ?? null, [...templates].sort()]);
    const previous = ctx.previousHandlers.get(handlerName);
    if (previous && previous.signature === signature) {
      handlers.set(handlerName, previous);
      continue;
    }
    const adapter = ADAPTERS.get(kind);
    let failure: string | undefined;
    let handler: Handler | undefined;
    if (!adapter) failure = `adapter ${kind} is not available in this lab`;
    else {
      const unsupported = [...templates].find((t) => !adapter.templates.includes(t));
      if (unsupported) failure = `adapter ${kind} does not support template ${unsupported}`;
      else {
        try {
          handler = adapter.build(handlerName, (o.spec ?? undefined) as Record<string, unknown> | undefined, ctx.handlerContext);
        } catch (e) {
          if (!(e instanceof ParamsError) && !(e instanceof AdapterConfigError)) throw e;
          failure = e.message;
        }
      }
    }
    if (failure !== undefined || !handler) {
      error(`Unable to initialize adapter: snapshot='${ctx.snapshotId}', handler='${handlerName}', adapter='${kind}', err='${failure}'.\nPlease remove the handler or fix the configuration.`);
      continue;
    }
    handlers.set(handlerName, { signature, handler });
  }

  // Routing table: compile matches, attach built handlers.
  const byNamespace = new Map<string, RouteRule[]>();
  const routes: RouteRule[] = [];
  const matchCache = new Map<string, CompiledExpression>();
  for (const r of rules) {
    let match: CompiledExpression | undefined;
    const text = r.matchText.trim();
    if (text !== "" && text !== "true") {
      try {
        match = matchCache.get(text) ?? compileExpression(text, ctx.vocabulary);
        if (match.type !== "BOOL") throw new CexlCompileError(`expression does not return a boolean: '${text}'`);
        matchCache.set(text, match);
      } catch (e) {
        if (!(e instanceof CexlCompileError)) throw e;
        warn(`Unable to compile match condition expression: '${e.message}', rule='${r.name}', expression='${r.matchText}'`);
        continue;
      }
    }
    const byVariety: Record<Variety, Dispatch[]> = { check: [], report: [], attributeGenerator: [] };
    const handlerSets: Record<Variety, Set<string>> = { check: new Set(), report: new Set(), attributeGenerator: new Set() };
    r.actions.forEach((a, i) => {
      const entry = handlers.get(a.handlerName);
      if (!entry) {
        warn(`Unable to find a handler for action. rule[action]='${r.name}[${i}]', handler='${a.handlerName}'`);
        return;
      }
      for (const inst of a.instances) {
        byVariety[inst.variety].push({
          handler: entry.handler,
          instance: inst.builder,
          destination: `${inst.builder.template}:${a.handlerName}(${entry.handler.adapter})`,
          okVerdicts: new Map(),
          lastOkVerdict: undefined,
          verdicts: new Map(),
        });
        handlerSets[inst.variety].add(a.handlerName);
      }
    });
    const route: RouteRule = {
      name: r.name,
      index: routes.length,
      namespace: r.namespace,
      matchText: r.matchText,
      match,
      matchSlots: match ? match.attributes.map(attributeSlot) : [],
      tcp: r.tcp,
      byVariety,
      handlerCount: { check: handlerSets.check.size, report: handlerSets.report.size, attributeGenerator: handlerSets.attributeGenerator.size },
    };
    let list = byNamespace.get(r.namespace);
    if (!list) byNamespace.set(r.namespace, (list = []));
    list.push(route);
    routes.push(route);
  }

  // Rules of the default namespace apply everywhere; other namespaces add their own after them.
  const defaults = byNamespace.get(DEFAULT_CONFIG_NAMESPACE) ?? [];
  const effective = new Map<string, readonly RouteRule[]>();
  for (const [ns, list] of byNamespace) effective.set(ns, ns === DEFAULT_CONFIG_NAMESPACE ? list : [...defaults, ...list]);

  return {
    handlers,
    table: {
      id: ctx.snapshotId,
      rules: routes,
      problems,
      rulesFor: (namespace: string) => effective.get(namespace) ?? defaults,
    },
  };
}
