/** Envoy's access-log format (§5.6), the trace ring, in-cluster services, and NetworkPolicy details. */
import { describe, expect, it } from "vitest";
import { parseIsoMicros } from "../../../src/runtime/clock.ts";
import { formatAccessLog } from "../../../src/runtime/proxy/access-log.ts";
import { textBody } from "../../../src/runtime/proxy/http.ts";
import { TraceRing } from "../../../src/runtime/proxy/trace-ring.ts";
import type { RequestTrace } from "../../../src/runtime/proxy/trace.ts";
import { BARE, makeLab } from "./fixtures.ts";

describe("access log line", () => {
  it("reproduces the reference's gateway line exactly", () => {
    const line = formatAccessLog({
      startMicros: parseIsoMicros("2018-06-14T13:49:36.340Z")!,
      method: "GET", path: "/politics", protocol: "HTTP/1.1", status: 200, bytesReceived: 0, bytesSent: 148528,
      durationMicros: 5_096_400, upstreamServiceTimeMs: 90, forwardedFor: "172.30.146.87", userAgent: "curl/7.35.0",
      requestId: "c6bfdfc3-07ec-9c30-8957-6904230fd037", authority: "edition.cnn.com", upstreamHost: "151.101.65.67:443",
    });
    expect(line).toBe('[2018-06-14T13:49:36.340Z] "GET /politics HTTP/1.1" 200 - 0 148528 5096 90 "172.30.146.87" "curl/7.35.0" "c6bfdfc3-07ec-9c30-8957-6904230fd037" "edition.cnn.com" "151.101.65.67:443"');
  });

  it("prints - for every missing value", () => {
    const line = formatAccessLog({
      startMicros: parseIsoMicros("2018-06-14T11:46:23.005Z")!, method: "GET", path: "/politics", protocol: "HTTP/1.1",
      status: 404, flags: "NR", bytesReceived: 0, bytesSent: 0, durationMicros: 400,
    });
    expect(line).toBe('[2018-06-14T11:46:23.005Z] "GET /politics HTTP/1.1" 404 NR 0 0 0 - "-" "-" "-" "-" "-"');
  });
});

describe("trace ring", () => {
  const trace = (id: string): RequestTrace => ({ id, startMicros: 0, durationMicros: 0, source: "x", method: "GET", url: "/", hops: [], why: "" });

  it("keeps the newest N, oldest first, and notifies subscribers", () => {
    const ring = new TraceRing(3);
    const seen: string[] = [];
    const off = ring.subscribe((t) => seen.push(t.id));
    for (const id of ["a", "b", "c", "d"]) ring.push(trace(id));
    expect(ring.list().map((t) => t.id)).toEqual(["b", "c", "d"]);
    expect(ring.latest()?.id).toBe("d");
    off();
    ring.push(trace("e"));
    expect(seen).toEqual(["a", "b", "c", "d"]);
  });

  it("every exchange of the data plane lands in its ring with a one-line why", () => {
    const lab = makeLab();
    lab.curl("http://edition.cnn.com/politics");
    lab.curl("http://www.google.com/");
    const traces = lab.plane.traces.list();
    expect(traces).toHaveLength(2);
    expect(traces[0].why).toMatch(/^200 from edition\.cnn\.com \(151\.101\.\d+\.67:443\) via the egress gateway .*, TLS originated by the egress gateway$/);
    expect(traces[1].why).toContain('no virtual host for "www.google.com" in route table 80');
    expect(traces[0].durationMicros).toBeGreaterThan(0);
  });
});

describe("in-cluster services", () => {
  it("resolve by short and long names and answer through registered handlers", () => {
    const lab = makeLab();
    lab.apply({ apiVersion: "v1", kind: "Pod", metadata: { name: "prometheus-7d8f6c5b9-abcde", namespace: "istio-system", labels: { app: "prometheus" } },
      spec: { containers: [{ name: "prometheus" }] }, status: { phase: "Running", podIP: "172.30.146.120" } });
    lab.apply({ apiVersion: "v1", kind: "Service", metadata: { name: "prometheus", namespace: "istio-system" },
      spec: { clusterIP: "10.0.0.90", selector: { app: "prometheus" }, ports: [{ name: "http-prometheus", port: 9090, targetPort: 9090 }] } });
    lab.plane.registerServiceHandler("prometheus", "istio-system", 9090, (req) => ({ status: 200, statusText: "OK", headers: [{ name: "Content-Type", value: "application/json" }], body: textBody(`{"path":"${req.path}"}`) }));
    for (const host of ["prometheus.istio-system", "prometheus.istio-system.svc.cluster.local"]) {
      const viaSidecar = lab.curl(`http://${host}:9090/api/v1/query`);
      expect(viaSidecar.ok && viaSidecar.response.status, host).toBe(200);
      expect(viaSidecar.ok && viaSidecar.response.body.text()).toBe('{"path":"/api/v1/query"}');
      expect(viaSidecar.ok && viaSidecar.response.headers.some((h) => h.name === "x-envoy-upstream-service-time")).toBe(true);
    }
    const direct = lab.curl("http://prometheus.istio-system:9090/api", BARE);
    expect(direct.ok && direct.response.headers[0].name).toBe("Content-Type");
    const unknown = lab.curl("http://prometheus:9090/");
    expect(!unknown.ok && unknown.error.curlCode).toBe(6);
  });

  it("a Service port nobody serves refuses (pod without sidecar) or 503s (a sidecar answers)", () => {
    const lab = makeLab();
    lab.apply({ apiVersion: "v1", kind: "Service", metadata: { name: "bare", namespace: "default" },
      spec: { clusterIP: "10.0.0.30", selector: { app: "bare" }, ports: [{ name: "http", port: 80 }] } });
    const refused = lab.curl("http://bare/", BARE);
    expect(!refused.ok && refused.error).toEqual({ curlCode: 7, message: "Failed to connect to bare port 80: Connection refused" });
    // sleep has a sidecar: its inbound listener accepts, then fails to reach the closed port.
    const inbound = lab.curl("http://sleep/", BARE);
    expect(inbound.ok && inbound.response.status).toBe(503);
    const meshed = lab.curl("http://sleep/");
    expect(meshed.ok && meshed.response.status).toBe(503);
    expect(meshed.ok && meshed.response.body.text()).toBe("upstream connect error or disconnect/reset before headers");
  });
});

describe("NetworkPolicy egress details", () => {
  it("ipBlock with except, and ports", () => {
    const lab = makeLab();
    lab.apply({
      apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "cnn-only", namespace: "default" },
      spec: {
        podSelector: { matchLabels: { app: "bare" } }, policyTypes: ["Egress"],
        egress: [
          { to: [{ ipBlock: { cidr: "151.101.0.0/16", except: ["151.101.65.0/24"] } }], ports: [{ protocol: "TCP", port: 443 }] },
          { ports: [{ protocol: "UDP", port: 53 }] },
        ],
      },
    });
    const https = lab.curl("https://edition.cnn.com/politics", BARE);
    expect(https.ok && https.response.status).toBe(200);
    const http = lab.curl("http://edition.cnn.com/politics", BARE, {}, 3_000_000);
    expect(!http.ok && http.error.curlCode).toBe(28);
    const other = lab.curl("https://www.example.org/", BARE, {}, 3_000_000);
    expect(!other.ok && other.error.curlCode).toBe(28);
    // Pods the policy does not select are unaffected.
    expect(lab.curl("http://edition.cnn.com/politics").ok).toBe(true);
  });

  it("a policy that forgets DNS makes every name unresolvable", () => {
    const lab = makeLab();
    lab.apply({
      apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "deny-all", namespace: "default" },
      spec: { podSelector: {}, policyTypes: ["Egress"] },
    });
    const ex = lab.curl("http://edition.cnn.com/", BARE);
    expect(!ex.ok && ex.error).toEqual({ curlCode: 6, message: "Could not resolve host: edition.cnn.com" });
    const limited = lab.curl("http://edition.cnn.com/", BARE, {}, 2_000_000);
    expect(!limited.ok && limited.error).toEqual({ curlCode: 28, message: "Resolving timed out after 2001 milliseconds" });
  });
});

describe("route timeout and curl --max-time", () => {
  it("a VirtualService timeout cuts httpbin's /delay/5 to a 504 after 3s (egress task)", () => {
    const lab = makeLab();
    lab.apply({ apiVersion: "networking.istio.io/v1alpha3", kind: "ServiceEntry", metadata: { name: "httpbin-ext", namespace: "default" },
      spec: { hosts: ["httpbin.org"], ports: [{ number: 80, name: "http", protocol: "HTTP" }], resolution: "DNS" } });
    const slow = lab.curl("http://httpbin.org/delay/5");
    expect(slow.ok && slow.response.status).toBe(200);
    expect(slow.durationMicros).toBeGreaterThan(5_000_000);
    lab.apply({ apiVersion: "networking.istio.io/v1alpha3", kind: "VirtualService", metadata: { name: "httpbin-ext", namespace: "default" },
      spec: { hosts: ["httpbin.org"], http: [{ timeout: "3s", route: [{ destination: { host: "httpbin.org" }, weight: 100 }] }] } });
    const cut = lab.curl("http://httpbin.org/delay/5");
    expect(cut.ok && cut.response.status).toBe(504);
    expect(cut.ok && cut.response.body.text()).toBe("upstream request timeout");
    expect(cut.durationMicros).toBeGreaterThanOrEqual(3_000_000);
    expect(cut.durationMicros).toBeLessThan(3_100_000);
    const maxTime = lab.curl("http://httpbin.org/delay/5", undefined, {}, 1_000_000);
    expect(!maxTime.ok && maxTime.error).toEqual({ curlCode: 28, message: "Operation timed out after 1001 milliseconds with 0 bytes received" });
  });
});
