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
import { beginInstanceCall, InstanceBuildError } from "./instanceFields.ts";
import { InputsMemo, inputsOf } from "./inputsMemo.ts";
import { FlatBag } from "./flatBag.ts";
import { LayeredBag } from "./layeredBag.ts";
import { attributeSlot, readAttribute } from "./attributeSlots.ts";
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
const IDENTITY_SLOT = attributeSlot(IDENTITY_ATTRIBUTE);
const PROTOCOL_SLOT = attributeSlot("context.protocol");
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

/** The call varieties, for looking through every variety's recent evaluations. */
const VARIETIES: readonly Variety[] = ["report", "check", "attributeGenerator"];

/** Distinct evaluations kept per rule: requests alternating between a few paths (allowed, denied) keep sharing. */
const SETTLED_PER_RULE = 4;

const DISCARD: LogSink = { write: () => {} };

export class Mixer implements MixerClient {
  private readonly log: MixerLog;
  private readonly policyLog: MixerLog;
  private readonly pods: PodDirectory;
  private readonly handlerContext: HandlerContext;
  private table: RoutingTable | undefined;
  /** Check results of the current table by their inputs; undefined when its Checks cannot be reused. */
  private checkMemo: InputsMemo<CheckResult> | undefined;
  /** Attribute generation's results by its inputs, likewise (see `preprocess`). */
  private generationMemo: InputsMemo<Generation> | undefined;
  private handlers = new Map<string, { signature: string; handler: Handler }>();
  private snapshotId = 0;
  /** Set by `restore` until the restored table is built: the id that table had. */
  private restoredSnapshotId: number | undefined;
  private dirty = true;
  private scheduled = false;
  private readonly unsubscribe: () => void;
  /** The last few distinct settled evaluations of each rule of the current table, newest first, per call variety (see `settle`). */
  private readonly settled: Record<Variety, Evaluation[][]> = { check: [], report: [], attributeGenerator: [] };
  /** The last few distinct evaluation lists per call variety (see `settleList`). */
  private readonly settledLists: Record<Variety, RuleEvaluation[][]> = { check: [], report: [], attributeGenerator: [] };
  /** The rule evaluation in progress and the call's list: reused, since calls never nest. */
  private readonly pending = new PendingEvaluation();
  private readonly scratchEvaluations = new EvaluationList();
  /** The bag of the call in progress, after attribute generation (refilled by each call). */
  private readonly flatBag = new FlatBag();
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
    // A restored table not built yet is superseded: the next build is the change's, logged.
    this.restoredSnapshotId = undefined;
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
    if (!this.dirty) return;
    const restored = this.restoredSnapshotId;
    if (restored === undefined) {
      this.rebuild(this.log);
      return;
    }
    // The table of a restored sandbox: built silently (the log already has its lines), under the
    // id it had, so the next config change logs `Built new config.Snapshot` with the next id.
    this.restoredSnapshotId = undefined;
    const next = this.snapshotId;
    this.snapshotId = restored;
    this.rebuild(new MixerLog(this.clock, DISCARD));
    this.snapshotId = next;
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
    this.memoize(result.table);
    for (const m of Object.values(this.settled)) m.length = 0;
    for (const l of Object.values(this.settledLists)) l.length = 0;
  }

  /** The memos of `table`'s work, where that work can be reused (see inputsMemo.ts). */
  private memoize(table: RoutingTable): void {
    const alwaysRead = [IDENTITY_ATTRIBUTE, "context.protocol"];
    const checkInputs = inputsOf(table.rules, ["check", "attributeGenerator"], alwaysRead);
    this.checkMemo = checkInputs && new InputsMemo(checkInputs, this.pods);
    const generators = table.rules.filter((r) => r.byVariety.attributeGenerator.length > 0);
    const generationInputs = inputsOf(generators, ["attributeGenerator"], alwaysRead);
    this.generationMemo = generationInputs && new InputsMemo(generationInputs, this.pods);
  }

  private rulesFor(bag: AttributeBag, variety: Variety, log: MixerLog): readonly RouteRule[] | undefined {
    const identity = readAttribute(bag, IDENTITY_SLOT, IDENTITY_ATTRIBUTE);
    if (typeof identity !== "string") {
      log.warn(`unable to determine identity attribute value: 'identity parameter not found: '${IDENTITY_ATTRIBUTE}'', operation='${VARIETY_NUMBER[variety]}'`);
      return undefined;
    }
    return this.table!.rulesFor(namespaceOfService(identity));
  }

  /**
   * Attribute generation (Mixer's Preprocess): runs the ATTRIBUTE_GENERATOR rules and returns the
   * bag with the generated attributes layered over the request's. Their evaluations go to `evaluations`.
   */
  private preprocess(bag: AttributeBag, log: MixerLog, evaluations: EvaluationList): AttributeBag {
    const memo = this.generationMemo;
    let generation = memo?.lookup(bag);
    if (!generation) {
      const logged = this.linesLogged();
      const first = evaluations.count;
      const overlay = this.generate(bag, log, evaluations);
      generation = { overlay, evaluations: evaluations.items.slice(first, evaluations.count) };
      if (memo && this.linesLogged() === logged) memo.store(bag, generation);
    } else {
      for (const e of generation.evaluations) evaluations.add(e);
    }
    if (!generation.overlay) return bag;
    return this.flatBag.fill(bag, generation.overlay) ? this.flatBag : new LayeredBag(bag, generation.overlay);
  }

  /** Runs the ATTRIBUTE_GENERATOR rules: the attributes they generate, if any. */
  private generate(bag: AttributeBag, log: MixerLog, evaluations: EvaluationList): ReadonlyMap<string, AttributeValue> | undefined {
    const rules = this.rulesFor(bag, "attributeGenerator", log);
    if (!rules) return undefined;
    const tcp = readAttribute(bag, PROTOCOL_SLOT, "context.protocol") === "tcp";
    const pending = this.pending;
    let generated: Map<string, AttributeValue> | undefined;
    let shared = false;
    for (const rule of rules) {
      const dispatches = rule.byVariety.attributeGenerator;
      if (dispatches.length === 0 || rule.tcp !== tcp) continue;
      this.evaluateRule(rule, bag, log, rule.handlerCount.attributeGenerator);
      if (pending.matched) {
        for (const d of dispatches) {
          let instance: KubernetesInstance;
          try {
            instance = d.instance.build(bag) as KubernetesInstance;
          } catch (e) {
            pending.addAction(this.skipped(d, e, log));
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
          pending.addAction(okVerdict(d, describeOutput(output)));
        }
      }
      evaluations.add(this.settle("attributeGenerator", rule));
    }
    return generated;
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
    this.flush();
    const memo = this.checkMemo;
    const known = memo?.lookup(attributes);
    if (known) return known;
    const logged = this.linesLogged();
    const result = this.evaluateCheck(attributes);
    if (memo && this.linesLogged() === logged) memo.store(attributes, Object.freeze(result));
    return result;
  }

  private linesLogged(): number {
    return this.policyLog.written + this.log.written;
  }

  private evaluateCheck(attributes: AttributeBag): CheckResult {
    let code: RpcCode = "OK";
    let message = "";
    const rules = this.dispatch("check", attributes, this.policyLog, (d, instance, evaluation) => {
      const verdict = d.handler.check!(instance);
      evaluation.addAction(verdict.code === "OK" && verdict.message === "" ? okVerdict(d, verdict.detail) : adapterVerdict(d, verdict));
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
    return { rules: this.dispatch("report", attributes, this.log, reportTo) };
  }

  /**
   * One Check or Report: attribute generation, then each rule of the request's namespaces whose
   * match holds has its instances of this variety built and handed to `call`, which records the
   * handler's verdict in `actions` (a failed build skips that instance, as Mixer does). Returns
   * every rule's evaluation, in order.
   */
  private dispatch(
    variety: "check" | "report", attributes: AttributeBag, log: MixerLog,
    call: (d: Dispatch, instance: BuiltInstance, evaluation: PendingEvaluation) => void,
  ): RuleEvaluation[] {
    this.flush();
    beginInstanceCall();
    const evaluations = this.scratchEvaluations;
    evaluations.count = 0;
    const bag = this.preprocess(attributes, log, evaluations);
    const rules = this.rulesFor(bag, variety, log);
    if (rules) {
      const tcp = readAttribute(bag, PROTOCOL_SLOT, "context.protocol") === "tcp";
      const pending = this.pending;
      for (const rule of rules) {
        const dispatches = rule.byVariety[variety];
        if (rule.tcp !== tcp || rule.byVariety.attributeGenerator.length > 0 && dispatches.length === 0) continue;
        this.evaluateRule(rule, bag, log, rule.handlerCount[variety]);
        if (pending.matched) {
          for (const d of dispatches) {
            let instance: BuiltInstance;
            try {
              instance = d.instance.build(bag);
            } catch (e) {
              pending.addAction(this.skipped(d, e, log));
              continue;
            }
            call(d, instance, pending);
          }
        }
        evaluations.add(this.settle(variety, rule));
      }
    }
    return this.settleList(variety, evaluations);
  }

  /**
   * Evaluates a rule's match into `this.pending`. A missing attribute makes the rule not match,
   * and Mixer warns once per handler the rule routes to in this call (`timesLogged`); rules with
   * nothing to dispatch in this call are evaluated silently, only for the explanation.
   */
  private evaluateRule(rule: RouteRule, bag: AttributeBag, log: MixerLog, timesLogged: number): void {
    const pending = this.pending;
    pending.matched = true;
    pending.error = undefined;
    pending.actionCount = 0;
    const match = rule.match;
    if (!match) {
      pending.valueCount = 0;
      return;
    }
    const names = match.attributes;
    const slots = rule.matchSlots;
    const values = pending.values;
    for (let i = 0; i < names.length; i++) values[i] = readAttribute(bag, slots[i], names[i]) ?? null;
    pending.valueCount = names.length;
    const known = this.knownMatch(rule, values, names.length);
    if (known !== undefined) {
      pending.matched = known;
      return;
    }
    try {
      pending.matched = match.evaluate(bag) === true;
    } catch (e) {
      if (!(e instanceof CexlEvalError)) throw e;
      pending.matched = false;
      pending.error = e.message;
      for (let i = 0; i < timesLogged; i++) log.warn(`input set condition evaluation error: id='${rule.name}', error='${e.message}'`);
    }
  }

  /**
   * The match's answer for these input values if a recent evaluation of the rule (in any call)
   * had the same ones and did not fail: a match reads nothing else and has no side effects.
   */
  private knownMatch(rule: RouteRule, values: readonly (AttributeValue | null)[], count: number): boolean | undefined {
    for (let v = 0; v < VARIETIES.length; v++) {
      const recent = this.settled[VARIETIES[v]][rule.index];
      if (recent === undefined) continue;
      for (let i = 0; i < recent.length; i++) if (recent[i].error === undefined && recent[i].sameInputs(values, count)) return recent[i].matched;
    }
    return undefined;
  }

  /**
   * Traces keep every evaluation; most requests evaluate a rule exactly like one of the last few
   * (same inputs, same verdicts: e.g. requests alternating between an allowed and a denied path),
   * so they share that (frozen) evaluation; only a new one is allocated, from `this.pending`.
   */
  private settle(variety: Variety, rule: RouteRule): Evaluation {
    const settled = this.settled[variety];
    let recent = settled[rule.index];
    if (!recent) settled[rule.index] = recent = [];
    const pending = this.pending;
    for (let i = 0; i < recent.length; i++) if (recent[i].sameAs(pending)) return recent[i];
    const evaluation = new Evaluation(rule, pending);
    recent.unshift(evaluation);
    if (recent.length > SETTLED_PER_RULE) recent.pop();
    return evaluation;
  }

  /** A call's evaluations, as one of the last few identical (frozen) lists when there is one. */
  private settleList(variety: Variety, evaluations: EvaluationList): RuleEvaluation[] {
    const recent = this.settledLists[variety];
    const { items, count } = evaluations;
    outer: for (const list of recent) {
      if (list.length !== count) continue;
      for (let i = 0; i < count; i++) if (list[i] !== items[i]) continue outer;
      return list;
    }
    const list = Object.freeze(items.slice(0, count)) as RuleEvaluation[];
    recent.unshift(list);
    if (recent.length > SETTLED_PER_RULE) recent.pop();
    return list;
  }

  private skipped(d: Dispatch, e: unknown, log: MixerLog): AdapterVerdict {
    if (!(e instanceof InstanceBuildError)) throw e;
    log.warn(`error creating instance: destination='${d.destination}', error='${e.message}'`);
    return { handler: d.handler.name, instance: d.instance.name, code: "OK", message: "", detail: `skipped: ${e.message}` };
  }

  snapshot(): MixerState {
    return { snapshotId: this.snapshotId };
  }

  /**
   * Restores after the store and logs were restored. The table is rebuilt silently (the log
   * already has the lines) when first needed, not now: a restore is on the way to the reader's
   * prompt, and compiling every rule and instance is a good part of it.
   */
  restore(state: MixerState): void {
    this.pods.invalidate();
    this.handlers = new Map();
    this.table = undefined;
    this.checkMemo = undefined;
    this.generationMemo = undefined;
    this.dirty = true;
    this.restoredSnapshotId = Math.max(0, state.snapshotId - 1);
    this.snapshotId = state.snapshotId;
  }
}

/** What attribute generation produced for one request: the attributes, and the rules' evaluations. */
interface Generation {
  readonly overlay: ReadonlyMap<string, AttributeValue> | undefined;
  readonly evaluations: readonly RuleEvaluation[];
}

/** Rules without a match read nothing: they share one (frozen) empty inputs record. */
const NO_INPUTS: Record<string, AttributeValue | null> = Object.freeze({}) as Record<string, AttributeValue | null>;

/** A call's evaluations so far: the first `count` items (counted, so the array keeps its storage). */
class EvaluationList {
  readonly items: RuleEvaluation[] = [];
  count = 0;

  add(evaluation: RuleEvaluation): void {
    this.items[this.count++] = evaluation;
  }
}

/** A rule's evaluation while a call runs: scratch arrays, copied only into a new `Evaluation`. */
class PendingEvaluation {
  matched = true;
  error: string | undefined = undefined;
  /** The values the match read, in `match.attributes` order (null when absent): the first `valueCount`. */
  readonly values: (AttributeValue | null)[] = [];
  valueCount = 0;
  /** The verdicts so far: the first `actionCount` (counted, not truncated: the arrays keep their storage). */
  readonly actions: AdapterVerdict[] = [];
  actionCount = 0;

  addAction(verdict: AdapterVerdict): void {
    this.actions[this.actionCount++] = verdict;
  }
}

/**
 * A rule's evaluation as traces keep it (frozen: requests share it). The match's inputs are kept
 * as a plain array and become the `inputs` record only when someone reads them (explanations,
 * tests): most evaluations are never read.
 */
class Evaluation implements RuleEvaluation {
  readonly rule: string;
  readonly match: string;
  readonly matched: boolean;
  declare readonly error?: string;
  readonly actions: AdapterVerdict[];
  // Private fields: not enumerable, so the record looks as before; writable though frozen.
  readonly #compiled: CompiledExpression | undefined;
  readonly #values: readonly (AttributeValue | null)[];
  #inputs: Record<string, AttributeValue | null> | undefined;

  constructor(rule: RouteRule, pending: PendingEvaluation) {
    this.rule = rule.name;
    this.match = rule.matchText;
    this.matched = pending.matched;
    if (pending.error !== undefined) (this as { error?: string }).error = pending.error;
    this.actions = Object.freeze(pending.actions.slice(0, pending.actionCount)) as AdapterVerdict[];
    this.#compiled = rule.match;
    this.#values = pending.values.slice(0, pending.valueCount);
    Object.freeze(this);
  }

  /** Same verdicts from the same inputs (same rule: the same attributes, in the same order). */
  sameAs(p: PendingEvaluation): boolean {
    if (this.matched !== p.matched || this.error !== p.error || this.actions.length !== p.actionCount) return false;
    for (let i = 0; i < p.actionCount; i++) if (this.actions[i] !== p.actions[i]) return false;
    const values = this.#values;
    for (let i = 0; i < p.valueCount; i++) if (values[i] !== p.values[i]) return false;
    return true;
  }

  /** Whether the match read `values[0, count)`. */
  sameInputs(values: readonly (AttributeValue | null)[], count: number): boolean {
    const own = this.#values;
    if (own.length !== count) return false;
    for (let i = 0; i < count; i++) if (own[i] !== values[i]) return false;
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

/** Report's step for one instance (one function for every Report, not a closure per call). */
function reportTo(d: Dispatch, instance: BuiltInstance, evaluation: PendingEvaluation): void {
  evaluation.addAction(okVerdict(d, d.handler.report!(instance)));
}
