/**
 * Attribute generation by kubernetesenv and the default 0.8 config (reference §2.1, §6.1).
 */
import { describe, expect, it } from "vitest";
import { defaultMixerConfig } from "../../../src/runtime/mixer/defaultConfig.ts";
import { findKind } from "../../../src/runtime/config/kinds.ts";
import { checkBag, makeHarness, pod, reportBag } from "./harness.ts";

const T = "2018-06-18T13:22:58.317448Z";

function accessLog(h: ReturnType<typeof makeHarness>): Record<string, unknown> {
  const line = h.newLines().find((l) => l.includes('"instance":"accesslog.logentry.istio-system"'))!;
  return JSON.parse(line);
}

describe("default 0.8 Mixer config", () => {
  it("loads without problems and has the chart's objects", () => {
    const h = makeHarness();
    expect(h.mixer.configProblems()).toEqual([]);
    const names = defaultMixerConfig().map((o) => `${o.kind}/${o.metadata.name}`);
    expect(names).toEqual(expect.arrayContaining([
      "attributemanifest/istioproxy", "attributemanifest/kubernetes", "stdio/handler", "logentry/accesslog", "rule/stdio",
      "metric/requestcount", "metric/requestduration", "metric/requestsize", "metric/responsesize", "metric/tcpbytesent",
      "metric/tcpbytereceived", "prometheus/handler", "rule/promhttp", "rule/promtcp", "kubernetesenv/handler",
      "rule/kubeattrgenrulerule", "rule/tcpkubeattrgenrulerule", "kubernetes/attributes",
    ]));
    expect(defaultMixerConfig().every((o) => o.metadata.namespace === "istio-system")).toBe(true);
  });

  it("TCP-only rules do not run for HTTP traffic", () => {
    const h = makeHarness();
    h.mixer.report(reportBag({ path: "/", time: T }, 200, 10));
    expect(h.metrics.get("istio_tcp_bytes_sent")?.size ?? 0).toBe(0);
    expect(h.metrics.get("istio_request_count")!.size).toBe(1);
  });
});

describe("kubernetesenv", () => {
  it("fills source.namespace and source.service from the pod named by source.uid", () => {
    const h = makeHarness();
    const bag = reportBag({ path: "/", time: T, sourcePod: "sleep-6859f9d5cb-qz7mk", sourceNamespace: "politics" }, 200, 10);
    bag.delete("source.labels");
    h.mixer.report(bag);
    const entry = accessLog(h);
    expect(entry.sourceNamespace).toBe("politics");
    expect(entry.sourceService).toBe("sleep.politics.svc.cluster.local");
    expect(entry.destinationService).toBe("istio-egressgateway.istio-system.svc.cluster.local");
  });

  it("uses istio-<istio label> without an app label, and \"unknown\" without either", () => {
    const h = makeHarness();
    h.store.create(findKind("pods")!, pod("ingress-1", "istio-system", { istio: "ingressgateway" }, "172.30.1.1"));
    h.store.create(findKind("pods")!, pod("bare-1", "default", {}, "172.30.1.2"));
    const from = (uid: string) => {
      const bag = reportBag({ path: "/", time: T }, 200, 10);
      bag.set("source.uid", uid);
      h.mixer.report(bag);
      return accessLog(h).sourceService;
    };
    expect(from("kubernetes://ingress-1.istio-system")).toBe("istio-ingressgateway.istio-system.svc.cluster.local");
    expect(from("kubernetes://bare-1.default")).toBe("unknown");
    expect(from("kubernetes://gone.default")).toBe("unknown");
  });

  it("sees pods created after Mixer started (the pod cache is invalidated)", () => {
    const h = makeHarness();
    const bag = checkBag({ path: "/", time: T, sourcePod: "late-1", sourceNamespace: "default" });
    expect(h.mixer.check(bag).rules[0].actions[0].detail).not.toContain("late-1");
    h.store.create(findKind("pods")!, pod("late-1", "default", { app: "late" }, "172.30.1.3"));
    expect(h.mixer.check(bag).rules[0].actions[0].detail).toContain("$out.source_service=late.default.svc.cluster.local");
  });
});

describe("snapshot and restore", () => {
  it("restores silently and keeps serving with the same config", () => {
    const h = makeHarness();
    h.mixer.flush();
    const state = h.mixer.snapshot();
    const before = h.log.written;
    h.mixer.restore(state);
    expect(h.log.written).toBe(before);
    expect(h.mixer.snapshot()).toEqual(state);
    h.mixer.report(reportBag({ path: "/", time: T }, 200, 10));
    expect(h.metrics.get("istio_request_count")!.size).toBe(1);
  });
});
