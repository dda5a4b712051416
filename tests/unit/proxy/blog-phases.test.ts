/** The blog's phases at the data-plane level (reference §1.3, §1.6, §4.4, §5.4, §1.4). */
import { describe, expect, it } from "vitest";
import { BARE, GATEWAY_IP, SLEEP_IP, header, makeLab, virtualServiceSectionB, WORKSTATION } from "./fixtures.ts";

describe("TLS origination at the egress gateway (the blog's prerequisite)", () => {
  it("returns 200 with Envoy's lower-case headers and the page size", () => {
    const lab = makeLab();
    const ex = lab.curl("http://edition.cnn.com/politics");
    expect(ex.ok).toBe(true);
    if (!ex.ok) return;
    expect(ex.response.status).toBe(200);
    expect(ex.response.body.size).toBe(150448);
    expect(header(ex, "content-length")).toBe("150448");
    expect(header(ex, "content-type")).toBe("text/html; charset=utf-8");
    expect(header(ex, "server")).toBe("envoy");
    expect(header(ex, "x-envoy-upstream-service-time")).toMatch(/^\d+$/);
    expect(ex.response.headers.every((h) => h.name === h.name.toLowerCase())).toBe(true);
    expect(ex.response.headers.some((h) => h.name === "connection")).toBe(false);
    expect(ex.trace.hops.map((h) => h.kind)).toEqual(["sidecar", "gateway", "upstream"]);
    const [sidecar, gateway] = ex.trace.hops;
    expect(sidecar.routeConfig).toBe("80");
    expect(sidecar.cluster).toBe("outbound|443||istio-egressgateway.istio-system.svc.cluster.local");
    expect(sidecar.route).toEqual({ virtualService: "direct-through-egress-gateway.default", httpIndex: 0, matchIndex: 0 });
    expect(gateway.listener).toBe("0.0.0.0_443");
    expect(gateway.routeConfig).toBe("http.443");
    expect(gateway.virtualHost).toBe("edition.cnn.com:443");
    expect(gateway.cluster).toBe("outbound|443||edition.cnn.com");
    expect(gateway.destinationRule).toBe("originate-tls-for-edition-cnn-com.default");
    expect(gateway.tlsOrigination).toBe(true);
    expect(ex.trace.status).toBe(200);
  });

  it("checks and reports exactly once, at the gateway, with the 0.8 attributes", () => {
    const lab = makeLab();
    const start = lab.clock.nowMicros();
    lab.curl("http://edition.cnn.com/politics?x=1");
    expect(lab.mixer.checks).toHaveLength(1);
    expect(lab.mixer.reports).toHaveLength(1);
    const check = lab.mixer.checks[0];
    expect(check.get("request.host")).toBe("edition.cnn.com");
    expect(check.get("request.path")).toBe("/politics?x=1");
    expect(check.get("request.method")).toBe("GET");
    expect(check.get("request.scheme")).toBe("http");
    expect(check.get("request.useragent")).toBe("curl/7.35.0");
    expect(check.get("source.uid")).toBe("kubernetes://sleep-6859f9d5cb-l877h.default");
    expect(check.get("source.ip")).toBe(SLEEP_IP);
    expect(check.get("source.labels")).toEqual({ app: "sleep", "pod-template-hash": "2415958176" });
    expect(check.get("destination.service")).toBe("istio-egressgateway.istio-system.svc.cluster.local");
    expect(check.get("destination.labels")).toEqual({ istio: "egressgateway" });
    expect(check.get("connection.mtls")).toBe(false);
    expect(check.get("context.protocol")).toBe("http");
    const headers = check.get("request.headers") as Record<string, string>;
    expect(headers[":authority"]).toBe("edition.cnn.com");
    expect(headers[":path"]).toBe("/politics?x=1");
    expect(headers[":method"]).toBe("GET");
    expect(headers["user-agent"]).toBe("curl/7.35.0");
    const time = check.get("request.time") as number;
    expect(time).toBeGreaterThan(start);
    expect(time - start).toBeLessThan(10_000);
    const report = lab.mixer.reports[0];
    expect(report.get("response.code")).toBe(200);
    expect(report.get("response.size")).toBe(150448);
    expect(report.get("response.duration")).toBeGreaterThan(0);
    expect(report.has("check.error_code")).toBe(false);
  });

  it("logs one access-log line on the gateway and one on the sidecar", () => {
    const lab = makeLab();
    const ex = lab.curl("http://edition.cnn.com/politics");
    const [gw] = lab.gatewayLog();
    expect(gw).toMatch(
      /^\[2018-06-18T13:22:58\.\d{3}Z\] "GET \/politics HTTP\/1\.1" 200 - 0 150448 \d+ \d+ "172\.30\.146\.87" "curl\/7\.35\.0" "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}" "edition\.cnn\.com" "151\.101\.\d+\.67:443"$/,
    );
    const [sc] = lab.sidecarLog();
    expect(sc).toMatch(new RegExp(`^\\[2018-06-18T13:22:58\\.317Z\\] "GET /politics HTTP/1\\.1" 200 - 0 150448 \\d+ \\d+ "-" "curl/7\\.35\\.0" "${ex.trace.requestId}" "edition\\.cnn\\.com" "${GATEWAY_IP.replace(/\./g, "\\.")}:443"$`));
    expect(gw).toContain(`"${ex.trace.requestId}"`);
  });
});

describe("routing ACL on the gateway (uri regex /health|/sport)", () => {
  it("404s /politics with an empty body and still reports it, 200s the others", () => {
    const lab = makeLab();
    lab.apply(virtualServiceSectionB({ uri: { regex: "/health|/sport" } }));
    const politics = lab.curl("http://edition.cnn.com/politics");
    expect(politics.ok && politics.response.status).toBe(404);
    if (!politics.ok) return;
    expect(politics.response.body.size).toBe(0);
    expect(header(politics, "content-length")).toBe("0");
    expect(header(politics, "server")).toBe("envoy");
    expect(politics.trace.why).toBe("no route on istio-egressgateway matched /politics (route table http.443)");
    const gwHop = politics.trace.hops.find((h) => h.kind === "gateway")!;
    expect(gwHop.rejected).toEqual(['direct-through-egress-gateway.default http[1].match[0]: uri regex "/health|/sport" does not match "/politics"']);
    expect(gwHop.responseFlags).toBe("NR");
    expect(lab.mixer.reports[0].get("response.code")).toBe(404);
    expect(lab.mixer.reports[0].get("response.size")).toBe(0);
    expect(lab.gatewayLog()[0]).toMatch(/"GET \/politics HTTP\/1\.1" 404 NR 0 0 \d+ - "172\.30\.146\.87" "curl\/7\.35\.0" "[^"]+" "edition\.cnn\.com" "-"$/);
    for (const path of ["/sport", "/health", "/sport?q=1"]) {
      const ex = lab.curl(`http://edition.cnn.com${path}`);
      expect(ex.ok && ex.response.status, path).toBe(200);
    }
  });
});

describe("Mixer denial (listchecker whitelist)", () => {
  it("relays the denial as 404 with the 76-byte text body", () => {
    const lab = makeLab();
    lab.mixer.whitelist = ["/health", "/sport"];
    const ex = lab.curl("http://edition.cnn.com/politics");
    expect(ex.ok).toBe(true);
    if (!ex.ok) return;
    expect(ex.response.status).toBe(404);
    expect(ex.response.body.text()).toBe("NOT_FOUND:path-checker.listchecker.istio-system:/politics is not whitelisted");
    expect(ex.response.body.size).toBe(76);
    expect(header(ex, "content-type")).toBe("text/plain");
    expect(header(ex, "content-length")).toBe("76");
    expect(ex.trace.why).toBe("denied by Mixer: path-checker.listchecker.istio-system: /politics is not whitelisted");
    const report = lab.mixer.reports[0];
    expect(report.get("response.code")).toBe(404);
    expect(report.get("response.size")).toBe(76);
    expect(report.get("check.error_code")).toBe(5);
    expect(report.get("check.error_message")).toBe("NOT_FOUND:path-checker.listchecker.istio-system:/politics is not whitelisted");
    expect(lab.gatewayLog()[0]).toMatch(/"GET \/politics HTTP\/1\.1" 404 - 0 76 \d+ - "172\.30\.146\.87"/);
    const sport = lab.curl("http://edition.cnn.com/sport");
    expect(sport.ok && sport.response.status).toBe(200);
  });
});

describe("hosts without a ServiceEntry", () => {
  it("get 404 NR from the sidecar, never reaching the gateway or Mixer", () => {
    const lab = makeLab();
    const ex = lab.curl("http://www.google.com/");
    expect(ex.ok && ex.response.status).toBe(404);
    expect(ex.ok && ex.response.body.size).toBe(0);
    expect(ex.trace.hops.map((h) => h.kind)).toEqual(["sidecar"]);
    expect(ex.trace.hops[0].responseFlags).toBe("NR");
    expect(lab.mixer.checks).toHaveLength(0);
    expect(lab.sidecarLog()[0]).toMatch(/"GET \/ HTTP\/1\.1" 404 NR 0 0 \d+ - "-" "curl\/7\.35\.0" "[^"]+" "www\.google\.com" "-"$/);
  });

  it("HTTPS without a ServiceEntry: 0.8 closes the connection during the handshake (curl 35)", () => {
    const lab = makeLab({ withBlogConfig: false });
    const ex = lab.curl("https://www.google.com/");
    expect(ex.ok).toBe(false);
    if (ex.ok) return;
    expect(ex.error.curlCode).toBe(35);
    expect(ex.error.message.trimEnd()).toBe("Unknown SSL protocol error in connection to www.google.com:443");
  });

  it("HTTPS to any host on a port some ServiceEntry declares as HTTP meets that HTTP listener (curl 35)", () => {
    const lab = makeLab();
    const ex = lab.curl("https://www.google.com/");
    expect(!ex.ok && ex.error).toEqual({ curlCode: 35, message: "error:140770FC:SSL routines:SSL23_GET_SERVER_HELLO:unknown protocol" });
  });

  it("names that resolve nowhere give curl 6", () => {
    const lab = makeLab();
    const ex = lab.curl("http://no-such-host.example/");
    expect(!ex.ok && ex.error).toEqual({ curlCode: 6, message: "Could not resolve host: no-such-host.example" });
  });
});

describe("HTTPS from the sidecar pod", () => {
  it("a port declared HTTP (443 in the TLS-origination setup) cannot carry TLS: curl 35", () => {
    const lab = makeLab();
    const ex = lab.curl("https://edition.cnn.com/politics");
    expect(!ex.ok && ex.error.curlCode).toBe(35);
    expect(!ex.ok && ex.error.message).toBe("error:140770FC:SSL routines:SSL23_GET_SERVER_HELLO:unknown protocol");
  });

  it("an HTTPS ServiceEntry port is TCP pass-through: the origin's own header case", () => {
    const lab = makeLab({ withBlogConfig: false });
    lab.apply({
      apiVersion: "networking.istio.io/v1alpha3", kind: "ServiceEntry",
      metadata: { name: "cnn", namespace: "default" },
      spec: { hosts: ["edition.cnn.com"], ports: [{ number: 80, name: "http-port", protocol: "HTTP" }, { number: 443, name: "https", protocol: "HTTPS" }], resolution: "DNS" },
    });
    const ex = lab.curl("https://edition.cnn.com/politics");
    expect(ex.ok && ex.response.status).toBe(200);
    expect(header(ex, "Content-Type")).toBe("text/html; charset=utf-8");
    expect(header(ex, "Content-Length")).toBe("150448");
    expect(lab.mixer.checks).toHaveLength(0);
  });
});

describe("section A: HTTP through the gateway without TLS origination", () => {
  it("relays CNN's 301 with Envoy's lower-case location header", () => {
    const lab = makeLab({ withBlogConfig: false });
    lab.apply({
      apiVersion: "networking.istio.io/v1alpha3", kind: "Gateway", metadata: { name: "istio-egressgateway", namespace: "default" },
      spec: { selector: { istio: "egressgateway" }, servers: [{ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["edition.cnn.com"] }] },
    });
    lab.apply({
      apiVersion: "networking.istio.io/v1alpha3", kind: "ServiceEntry", metadata: { name: "cnn", namespace: "default" },
      spec: { hosts: ["edition.cnn.com"], ports: [{ number: 80, name: "http-port", protocol: "HTTP" }, { number: 443, name: "https", protocol: "HTTPS" }], resolution: "DNS" },
    });
    lab.apply({
      apiVersion: "networking.istio.io/v1alpha3", kind: "VirtualService", metadata: { name: "direct-through-egress-gateway", namespace: "default" },
      spec: {
        hosts: ["edition.cnn.com"], gateways: ["istio-egressgateway", "mesh"],
        http: [
          { match: [{ gateways: ["mesh"], port: 80 }], route: [{ destination: { host: "istio-egressgateway.istio-system.svc.cluster.local", port: { number: 80 } }, weight: 100 }] },
          { match: [{ gateways: ["istio-egressgateway"], port: 80 }], route: [{ destination: { host: "edition.cnn.com", port: { number: 80 } }, weight: 100 }] },
        ],
      },
    });
    const ex = lab.curl("http://edition.cnn.com/politics");
    expect(ex.ok && ex.response.status).toBe(301);
    expect(header(ex, "location")).toBe("https://edition.cnn.com/politics");
    expect(lab.gatewayLog()[0]).toMatch(/"GET \/politics HTTP\/1\.1" 301 - 0 0 \d+ \d+ "172\.30\.146\.87" "curl\/7\.35\.0" "[^"]+" "edition\.cnn\.com" "151\.101\.\d+\.67:80"$/);
    // curl -L then goes to https://edition.cnn.com/politics: TCP pass-through, CNN's capitalisation.
    const followed = lab.curl("https://edition.cnn.com/politics");
    expect(header(followed, "Content-Type")).toBe("text/html; charset=utf-8");
  });
});

describe("the bypass and how NetworkPolicy closes it (egress task, security notes)", () => {
  it("a pod without a sidecar reaches CNN directly, unseen by Mixer", () => {
    const lab = makeLab();
    const ex = lab.curl("http://edition.cnn.com/politics", BARE);
    expect(ex.ok && ex.response.status).toBe(301);
    expect(header(ex, "Location")).toBe("https://edition.cnn.com/politics");
    expect(header(ex, "Server")).toBe("Varnish");
    expect(lab.mixer.checks).toHaveLength(0);
    expect(ex.trace.hops[0].kind).toBe("direct");
    const page = lab.curl("https://edition.cnn.com/politics", BARE);
    expect(page.ok && page.response.status).toBe(200);
  });

  it("an egress NetworkPolicy drops the bypass (connect timeout) but lets the sidecar reach the gateway", () => {
    const lab = makeLab();
    lab.apply({
      apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "egress-via-istio-only", namespace: "default" },
      spec: {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [
          { to: [{ namespaceSelector: { matchLabels: { name: "istio-system" } } }] },
          { ports: [{ protocol: "UDP", port: 53 }] },
        ],
      },
    });
    const bypass = lab.curl("http://edition.cnn.com/politics", BARE);
    expect(!bypass.ok && bypass.error).toEqual({ curlCode: 7, message: "Failed to connect to edition.cnn.com port 80: Connection timed out" });
    expect(bypass.durationMicros).toBe(127_000_000);
    expect(bypass.trace.why).toContain("NetworkPolicy default/egress-via-istio-only");
    const limited = lab.curl("http://edition.cnn.com/politics", BARE, {}, 5_000_000);
    expect(!limited.ok && limited.error).toEqual({ curlCode: 28, message: "Connection timed out after 5001 milliseconds" });
    const viaMesh = lab.curl("http://edition.cnn.com/politics");
    expect(viaMesh.ok && viaMesh.response.status).toBe(200);
  });

  it("the workstation sees CNN's redirect with its own capitalisation", () => {
    const lab = makeLab();
    const ex = lab.curl("http://edition.cnn.com/politics", WORKSTATION);
    expect(ex.ok && ex.response.status).toBe(301);
    expect(ex.ok && ex.response.statusText).toBe("Moved Permanently");
    expect(header(ex, "Location")).toBe("https://edition.cnn.com/politics");
    expect(ex.trace.hops.map((h) => h.kind)).toEqual(["direct", "upstream"]);
  });
});
