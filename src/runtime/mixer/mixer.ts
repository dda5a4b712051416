/**
 * The emulated Mixer (istio-policy and istio-telemetry of 0.8, one process here): watches the
 * config.istio.io objects, rebuilds its routing table when they change, and serves the egress
 * gateway's Check and Report calls.
 *
 * Each call first runs attribute generation (the kubernetesenv adapter fills `source.namespace`,
 * `source.service`, `source.labels`, ... from `source.uid`), then picks the rules of the default
 * namespace plus those of the namespace of `destination.service`, evaluates their matches, builds
 * the instances of the call's variety and dispatches them. So the data plane passes only what the
 * proxy knows (forwarded `source.uid`/`source.ip`/`source.labels`, `destination.uid`,
 * `destination.service`, request/response attributes, `context.protocol`).
 */
import type { Clock } from "../clock.ts";
import type { LogSink } from "../cluster/logs.ts";
import type { KubeObject } from "../cluster/objects.ts";
import type { ObjectStore, StoreChange } from "../cluster/store.ts";
import { KINDS } from "../config/kinds.ts";
import type { MetricsRegistry } from "../telemetry/metrics.ts";
import { CexlEvalError, type CompiledExpression } from "./cexl/types.ts";
import { PodDirectory } from "./adapters/podDirectory.ts";
import type { HandlerContext, Handler } from "./adapters/adapter.ts";
import { InstanceBuildError } from "./instanceFields.ts";
import { LayeredBag } from "./layeredBag.ts";
import { MixerLog } from "./mixerLog.ts";
import { namespaceOfService } from "./names.ts";
import { adapterVerdict, buildRoutingTable, okVerdict, type Dispatch, type RouteRule, type RoutingTable } from "./routingTable.ts";
import { httpStatusOf, statusToString } from "./rpcStatus.ts";
import {
  applyBindings, type AttributeBinding, type KubernetesInstance, type KubernetesInstanceBuilder, type KubernetesOutput,
} from "./templates/kubernetes.ts";
import type { BuiltInstance, Variety } from "./templates/template.ts";
import type { AdapterVerdict, AttributeBag, AttributeValue, CheckResult, MixerClient, ReportResult, RpcCode, RuleEvaluation } from "./types.ts";
import { Vocabulary } from "./vocabulary.ts";

/** The attribute Mixer derives the request's config namespace from. */
const IDENTITY_ATTRIBUTE = "destination.service";
/** `TEMPLATE_VARIETY_*` numbers, as Mixer prints them in `operation='%d'`. */
const VARIETY_NUMBER: Record<Variety, number> = { check: 0, report: 1, attributeGenerator: 3 };

const MIXER_KINDS = KINDS.filter((k) => k.family.startsWith("mixer-"));
const POD_KIND = KINDS.find((k) => k.kind === "Pod")!;

export interface MixerOptions {
  /** Where check-time messages go (istio-policy's mixer log); defaults to the main log. */
  policyLog?: LogSink;
}

export interface MixerState {
  snapshotId: number;
}

/** Distinct evaluations kept per rule: requests alternating between a few paths (allowed, denied) keep sharing. */
const SETTLED_PER_RULE = 4;

const DISCARD: LogSink = { write: () => {} };

export class Mixer implements MixerClient {
  private readonly log: MixerLog;
  private readonly policyLog: MixerLog;
  private readonly pods: PodDirectory;
  private readonly handlerContext: HandlerContext;
  private table: RoutingTable | undefined;
  private handlers = new Map<string, { signature: string; handler: Handler }>();
  private snapshotId = 0;
  private dirty = true;
  private scheduled = false;
  private readonly unsubscribe: () => void;
  /** The last few distinct settled evaluations of each rule of the current table, newest first, per call variety (see `settle`). */
  private readonly settled: Record<Variety, Map<RouteRule, Evaluation[]>> = { check: new Map(), report: new Map(), attributeGenerator: new Map() };
  private readonly overlays = new WeakMap<readonly AttributeBinding[], WeakMap<KubernetesOutput, Map<string, AttributeValue>>>();

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: Clock,
    log: LogSink,
    private readonly metrics: MetricsRegistry,
    options: MixerOptions = {},
  ) {
    this.log = new MixerLog(clock, log);
    this.policyLog = options.policyLog ? new MixerLog(clock, options.policyLog) : this.log;
    this.pods = new PodDirectory(store);
    this.handlerContext = { log: this.log, metrics, pods: this.pods };
    this.unsubscribe = store.subscribe((c) => this.onChange(c));
  }

  dispose(): void {
    this.unsubscribe();
  }

  private onChange(change: StoreChange): void {
    if (change.info === POD_KIND) {
      this.pods.invalidate();
      return;
    }
    if (!change.info.family.startsWith("mixer-")) return;
    this.dirty = true;
    // Mixer batches config events; one rebuild after the current burst of writes (an
    // `istioctl create` of several documents) logs each problem once, like 0.8 does.
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  /** Rebuilds the routing table now if config changed (otherwise it happens on the next microtask or call). */
  flush(): void {
    if (this.dirty) this.rebuild(this.log);
  }

  /** The problems logged while building the current config (for explanations). */
  configProblems(): readonly string[] {
    this.flush();
    return this.table?.problems ?? [];
  }

  private rebuild(buildLog: MixerLog): void {
    this.dirty = false;
    const config: { attributeManifests: KubeObject[]; handlers: KubeObject[]; instances: KubeObject[]; rules: KubeObject[] } = {
      attributeManifests: [], handlers: [], instances: [], rules: [],
    };
    for (const info of MIXER_KINDS) {
      const objects = this.store.list(info);
      if (info.kind === "attributemanifest") config.attributeManifests.push(...objects);
      else if (info.kind === "rule") config.rules.push(...objects);
      else if (info.family === "mixer-adapter") config.handlers.push(...objects);
      else if (info.family === "mixer-template") config.instances.push(...objects);
    }
    const vocabulary = Vocabulary.fromManifests(config.attributeManifests.map((m) => m.spec));
    const result = buildRoutingTable(config, {
      snapshotId: this.snapshotId++,
      log: buildLog,
      vocabulary,
      handlerContext: this.handlerContext,
      previousHandlers: this.handlers,
    });
    this.handlers = result.handlers;
    this.table = result.table;
    for (const m of Object.values(this.settled)) m.clear();
  }

  private rulesFor(bag: AttributeBag, variety: Variety, log: MixerLog): readonly RouteRule[] | undefined {
    const identity = bag.get(IDENTITY_ATTRIBUTE);
    if (typeof identity !== "string") {
      log.warn(`unable to determine identity attribute value: 'identity parameter not found: '${IDENTITY_ATTRIBUTE}'', operation='${VARIETY_NUMBER[variety]}'`);
      return undefined;
    }
    return this.table!.rulesFor(namespaceOfService(identity));
  }

  /**
   * Attribute generation (Mixer's Preprocess): runs the ATTRIBUTE_GENERATOR rules and returns the
   * bag with the generated attributes layered over the request's.
   */
  private preprocess(bag: AttributeBag, log: MixerLog, evaluations: RuleEvaluation[]): AttributeBag {
    const rules = this.rulesFor(bag, "attributeGenerator", log);
    if (!rules) return bag;
    const tcp = bag.get("context.protocol") === "tcp";
    let generated: Map<string, AttributeValue> | undefined;
    let shared = false;
    for (const rule of rules) {
      const dispatches = rule.byVariety.attributeGenerator;
      if (dispatches.length === 0 || rule.tcp !== tcp) continue;
      const evaluation = this.evaluateRule(rule, bag, log, rule.handlerCount.attributeGenerator);
      evaluations.push(evaluation);
      if (!evaluation.matched) {
        evaluations[evaluations.length - 1] = this.settle("attributeGenerator", rule, evaluation);
        continue;
      }
      for (const d of dispatches) {
        let instance: KubernetesInstance;
        try {
          instance = d.instance.build(bag) as KubernetesInstance;
        } catch (e) {
          evaluation.actions.push(this.skipped(d, e, log));
          continue;
        }
        const output = d.handler.generate?.(instance) ?? {};
        const bindings = (d.instance as KubernetesInstanceBuilder).bindings;
        const overlay = bindingsReadNoAttributes(bindings) ? this.cachedOverlay(bindings, output, bag) : undefined;
        if (overlay && !generated) {
          generated = overlay;
          shared = true;
        } else {
          // A second generator (or bindings that read the request) writes into a map of its own.
          if (shared || !generated) generated = new Map(generated);
          shared = false;
          applyBindings(bindings, output, bag, generated);
        }
        evaluation.actions.push(okVerdict(d, describeOutput(output)));
      }
      evaluations[evaluations.length - 1] = this.settle("attributeGenerator", rule, evaluation);
    }
    return generated ? new LayeredBag(bag, generated) : bag;
  }

  /**
   * Bindings whose defaults read no attribute depend only on the adapter's output, and
   * kubernetesenv returns the same output object per pod until pods change: the generated
   * attributes are then one shared, never-mutated map per (bindings, output).
   */
  private cachedOverlay(bindings: readonly AttributeBinding[], output: KubernetesOutput, bag: AttributeBag): Map<string, AttributeValue> {
    let byOutput = this.overlays.get(bindings);
    if (!byOutput) this.overlays.set(bindings, (byOutput = new WeakMap()));
    let overlay = byOutput.get(output);
    if (!overlay) {
      overlay = new Map();
      applyBindings(bindings, output, bag, overlay);
      byOutput.set(output, overlay);
    }
    return overlay;
  }

  check(attributes: AttributeBag): CheckResult {
    let code: RpcCode = "OK";
    let message = "";
    const rules = this.dispatch("check", attributes, this.policyLog, (d, instance, evaluation) => {
      const verdict = d.handler.check!(instance);
      evaluation.actions.push(verdict.code === "OK" && verdict.message === "" ? okVerdict(d, verdict.detail) : adapterVerdict(d, verdict));
      if (verdict.code === "OK") return;
      // The first failure's code wins; every failure's message is kept.
      if (code === "OK") {
        code = verdict.code;
        message = `${d.handler.name}:${verdict.message}`;
      } else {
        message += `, ${d.handler.name}:${verdict.message}`;
      }
    });
    return { code, message: code === "OK" ? "" : statusToString(code, message), httpStatus: httpStatusOf(code), rules };
  }

  report(attributes: AttributeBag): ReportResult {
    const rules = this.dispatch("report", attributes, this.log, (d, instance, evaluation) => {
      evaluation.actions.push(okVerdict(d, d.handler.report!(instance)));
    });
    return { rules };
  }

  /**
   * One Check or Report: attribute generation, then each rule of the request's namespaces whose
   * match holds has its instances of this variety built and handed to `call` (a failed build
   * skips that instance, as Mixer does). Returns every rule's evaluation, in order.
   */
  private dispatch(
    variety: "check" | "report", attributes: AttributeBag, log: MixerLog,
    call: (d: Dispatch, instance: BuiltInstance, evaluation: Evaluation) => void,
  ): RuleEvaluation[] {
    this.flush();
    const evaluations: RuleEvaluation[] = [];
    const bag = this.preprocess(attributes, log, evaluations);
    const rules = this.rulesFor(bag, variety, log);
    if (!rules) return evaluations;
    const tcp = bag.get("context.protocol") === "tcp";
    for (const rule of rules) {
      const dispatches = rule.byVariety[variety];
      if (rule.tcp !== tcp || rule.byVariety.attributeGenerator.length > 0 && dispatches.length === 0) continue;
      const evaluation = this.evaluateRule(rule, bag, log, rule.handlerCount[variety]);
      evaluations.push(evaluation);
      const at = evaluations.length - 1;
      if (evaluation.matched) {
        for (const d of dispatches) {
          let instance: BuiltInstance;
          try {
            instance = d.instance.build(bag);
          } catch (e) {
            evaluation.actions.push(this.skipped(d, e, log));
            continue;
          }
          call(d, instance, evaluation);
        }
      }
      evaluations[at] = this.settle(variety, rule, evaluation);
    }
    return evaluations;
  }

  /**
   * Evaluates a rule's match. A missing attribute makes the rule not match, and Mixer warns once
   * per handler the rule routes to in this call (`timesLogged`); rules with nothing to dispatch
   * in this call are evaluated silently, only for the explanation.
   */
  private evaluateRule(rule: RouteRule, bag: AttributeBag, log: MixerLog, timesLogged: number): Evaluation {
    const evaluation = new Evaluation(rule.name, rule.matchText, rule.match, valuesOf(rule.match, bag));
    if (!rule.match) return evaluation;
    try {
      evaluation.matched = rule.match.evaluate(bag) === true;
    } catch (e) {
      if (!(e instanceof CexlEvalError)) throw e;
      evaluation.matched = false;
      evaluation.error = e.message;
      for (let i = 0; i < timesLogged; i++) log.warn(`input set condition evaluation error: id='${rule.name}', error='${e.message}'`);
    }
    return evaluation;
  }

  /**
   * Traces keep every evaluation; most requests evaluate a rule exactly like one of the last few
   * (same inputs, same verdicts: e.g. requests alternating between an allowed and a denied path),
   * so they share that evaluation instead of each keeping a copy. Shared evaluations are frozen.
   */
  private settle(variety: Variety, rule: RouteRule, evaluation: Evaluation): Evaluation {
    const settled = this.settled[variety];
    let recent = settled.get(rule);
    if (!recent) settled.set(rule, (recent = []));
    for (let i = 0; i < recent.length; i++) if (sameEvaluation(recent[i], evaluation)) return recent[i];
    Object.freeze(evaluation.actions);
    Object.freeze(evaluation);
    recent.unshift(evaluation);
    if (recent.length > SETTLED_PER_RULE) recent.pop();
    return evaluation;
  }

  private skipped(d: Dispatch, e: unknown, log: MixerLog): AdapterVerdict {
    if (!(e instanceof InstanceBuildError)) throw e;
    log.warn(`error creating instance: destination='${d.destination}', error='${e.message}'`);
    return { handler: d.handler.name, instance: d.instance.name, code: "OK", message: "", detail: `skipped: ${e.message}` };
  }

  snapshot(): MixerState {
    return { snapshotId: this.snapshotId };
  }

  /** Restores after the store and logs were restored: rebuilds silently (the log already has the lines). */
  restore(state: MixerState): void {
    this.pods.invalidate();
    this.handlers = new Map();
    this.snapshotId = Math.max(0, state.snapshotId - 1);
    this.rebuild(new MixerLog(this.clock, DISCARD));
    this.snapshotId = state.snapshotId;
  }
}

function sameEvaluation(a: Evaluation, b: Evaluation): boolean {
  if (a.matched !== b.matched || a.error !== b.error || a.actions.length !== b.actions.length) return false;
  for (let i = 0; i < a.actions.length; i++) if (a.actions[i] !== b.actions[i]) return false;
  return Evaluation.sameInputs(a, b);
}

/** Rules without a match read nothing: they share one (frozen) empty inputs record. */
const NO_INPUTS: Record<string, AttributeValue | null> = Object.freeze({}) as Record<string, AttributeValue | null>;
const NO_VALUES: readonly (AttributeValue | null)[] = Object.freeze([]);

/** The values the match reads, in `match.attributes` order (null when absent). */
function valuesOf(match: CompiledExpression | undefined, bag: AttributeBag): readonly (AttributeValue | null)[] {
  if (!match) return NO_VALUES;
  const names = match.attributes;
  const values = new Array<AttributeValue | null>(names.length);
  for (let i = 0; i < names.length; i++) values[i] = bag.get(names[i]) ?? null;
  return values;
}

/**
 * A rule's evaluation as traces keep it. The match's inputs are recorded as a plain array and
 * become the `inputs` record only when someone reads them (explanations, tests): most
 * evaluations are never read.
 */
class Evaluation implements RuleEvaluation {
  matched = true;
  declare error?: string;
  readonly actions: AdapterVerdict[] = [];
  // Private fields: not enumerable, so the record looks as before; writable though frozen.
  readonly #compiled: CompiledExpression | undefined;
  readonly #values: readonly (AttributeValue | null)[];
  #inputs: Record<string, AttributeValue | null> | undefined;

  constructor(readonly rule: string, readonly match: string, compiled: CompiledExpression | undefined, values: readonly (AttributeValue | null)[]) {
    this.#compiled = compiled;
    this.#values = values;
  }

  /** Same rule, same match: the same attributes, in the same order. */
  static sameInputs(a: Evaluation, b: Evaluation): boolean {
    const av = a.#values;
    const bv = b.#values;
    for (let i = 0; i < bv.length; i++) if (av[i] !== bv[i]) return false;
    return true;
  }

  get inputs(): Record<string, AttributeValue | null> {
    let inputs = this.#inputs;
    if (inputs === undefined) {
      const compiled = this.#compiled;
      if (!compiled) inputs = NO_INPUTS;
      else {
        inputs = {};
        const names = compiled.attributes;
        for (let i = 0; i < names.length; i++) inputs[names[i]] = this.#values[i];
        Object.freeze(inputs);
      }
      this.#inputs = inputs;
    }
    return inputs;
  }
}

const attributeFreeBindings = new WeakMap<readonly AttributeBinding[], boolean>();

/** True when no binding's default expression reads an attribute (`ip("0.0.0.0")`, `"unknown"`). */
function bindingsReadNoAttributes(bindings: readonly AttributeBinding[]): boolean {
  let free = attributeFreeBindings.get(bindings);
  if (free === undefined) attributeFreeBindings.set(bindings, (free = bindings.every((b) => !b.fallback || b.fallback.attributes.length === 0)));
  return free;
}

/** The kubernetesenv adapter returns cached outputs, so their descriptions are cached too. */
const outputDescriptions = new WeakMap<object, string>();

function describeOutput(output: Readonly<Record<string, AttributeValue>>): string {
  let text = outputDescriptions.get(output);
  if (text === undefined) outputDescriptions.set(output, (text = describe(output)));
  return text;
}

function describe(output: Readonly<Record<string, AttributeValue>>): string {
  const keys = Object.keys(output);
  if (keys.length === 0) return "no pod found for the request's uids";
  return "generated " + keys.map((k) => `$out.${k}=${typeof output[k] === "object" ? JSON.stringify(output[k]) : String(output[k])}`).join(", ");
}
