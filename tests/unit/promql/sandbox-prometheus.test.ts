/**
 * The CLI test: after the blog's requests, `curl` to the Prometheus API from the sleep
 * pod returns istio_request_count series whose values match the requests sent, by response code.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../../src/runtime/clock.ts";
import { Sandbox } from "../../../src/runtime/sandbox.ts";
import { splitTypedCommands } from "../../../src/runtime/shell/continuation.ts";

const blog = readFileSync(new URL("../../blog/blog-flow.sh", import.meta.url), "utf8");
const beforeCleanup = blog.slice(0, blog.indexOf("# ---- Cleanup ----"));

interface VectorResponse {
  status: string;
  data: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
}

async function runAll(sandbox: Sandbox, script: string): Promise<string> {
  let last = "";
  for (const command of splitTypedCommands(script)) {
    const r = await sandbox.run(command);
    last = r.stdout;
  }
  return last;
}

describe("Prometheus in the sandbox, after the blog's requests", () => {
  it("answers istio_request_count by response code from the sleep pod", async () => {
    const sandbox = await Sandbox.create({ clock: VirtualClock.fromIso("2018-06-18T13:22:58Z"), seed: 1 });
    await runAll(sandbox, beforeCleanup);
    const out = await runAll(sandbox, [
      "sleep 10",
      `kubectl exec $SOURCE_POD -c sleep -- curl -sG http://prometheus.istio-system:9090/api/v1/query --data-urlencode 'query=istio_request_count'`,
    ].join("\n"));
    const body = JSON.parse(out) as VectorResponse;
    expect(body.status).toBe("success");
    expect(body.data.resultType).toBe("vector");

    const egress = body.data.result.filter((r) => r.metric.destination_service === "istio-egressgateway.istio-system.svc.cluster.local");
    const count = (source: string, code: string): number | undefined => {
      const s = egress.find((r) => r.metric.source_service === source && r.metric.response_code === code);
      return s ? Number(s.value[1]) : undefined;
    };
    // Requests from sleep.default through the egress gateway, by phase of the blog:
    //   TLS origination check: /politics (200)                                   -> 1 x 200
    //   logging:         politics 200, sport 200, health 200                      -> 3 x 200
    //   routing ACL:     politics 404, sport 200, health 200                      -> 2 x 200, 1 x 404
    //   routing restored: politics 200, sport 200, health 200                     -> 3 x 200
    //   listchecker:     politics 404, sport 200, health 200                      -> 2 x 200, 1 x 404
    //   after exemption: politics 404, sport 200, health 200                      -> 2 x 200, 1 x 404
    //   dashboard:       politics 404, sport 200, health 200                      -> 2 x 200, 1 x 404
    expect(count("sleep.default.svc.cluster.local", "200")).toBe(15);
    expect(count("sleep.default.svc.cluster.local", "404")).toBe(4);
    // sleep.politics: before the exemption 404/200/200, after it 200/200/200 twice.
    expect(count("sleep.politics.svc.cluster.local", "200")).toBe(8);
    expect(count("sleep.politics.svc.cluster.local", "404")).toBe(1);

    for (const r of body.data.result) {
      expect(r.metric.__name__).toBe("istio_request_count");
      expect(r.metric.job).toBe("istio-mesh");
      expect(r.metric.instance).toMatch(/^\d+\.\d+\.\d+\.\d+:42422$/);
      expect(r.metric).toHaveProperty("connection_mtls");
      expect(r.metric).toHaveProperty("source_version", "unknown");
    }
  }, 60_000);

  it("answers a bad query with Prometheus' 400 error JSON", async () => {
    const sandbox = await Sandbox.create({ clock: VirtualClock.fromIso("2018-06-18T13:22:58Z"), seed: 1 });
    const out = await runAll(sandbox, [
      "export SOURCE_POD=$(kubectl get pod -l app=sleep -o jsonpath={.items..metadata.name})",
      `kubectl exec $SOURCE_POD -c sleep -- curl -sG -w ' %{http_code}' http://prometheus.istio-system:9090/api/v1/query --data-urlencode 'query=sum(rate(istio_request_count[1m]'`,
    ].join("\n"));
    expect(out).toBe('{"status":"error","errorType":"bad_data","error":"parse error at char 33: unclosed left parenthesis"} 400');
  }, 60_000);
});
