/** §5.1-§5.3 translation and match semantics, on route tables built from the store. */
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/runtime/cluster/objects.ts";
import { SeededRandom } from "../../../src/runtime/ids.ts";
import type { HttpRequest } from "../../../src/runtime/proxy/http.ts";
import { routeView } from "../../../src/runtime/proxy/request-view.ts";
import type { RouteAction } from "../../../src/runtime/proxy/route-table.ts";
import { pickWeightedCluster } from "../../../src/runtime/proxy/virtual-service-router.ts";
import { GATEWAY_POD, makeLab, SLEEP_POD, type Lab } from "./fixtures.ts";

function vs(name: string, spec: Record<string, unknown>, namespace = "default"): KubeObject {
  return { apiVersion: "networking.istio.io/v1alpha3", kind: "VirtualService", metadata: { name, namespace }, spec };
}

function req(path: string, extra: Partial<HttpRequest> = {}, headers: Record<string, string> = {}): HttpRequest {
  return {
    method: "GET", scheme: "http", host: "edition.cnn.com", port: 80, path, body: "",
    headers: [{ name: "Host", value: "edition.cnn.com" }, ...Object.entries(headers).map(([name, value]) => ({ name, value }))],
    ...extra,
  };
}

/** A lab with the cnn ServiceEntry (80 HTTP) and one mesh VirtualService for edition.cnn.com. */
function meshLab(http: unknown[], extraSpec: Record<string, unknown> = {}): Lab {
  const lab = makeLab({ withBlogConfig: false });
  lab.apply({
    apiVersion: "networking.istio.io/v1alpha3", kind: "ServiceEntry", metadata: { name: "cnn", namespace: "default" },
    spec: { hosts: ["edition.cnn.com"], ports: [{ number: 80, name: "http", protocol: "HTTP" }, { number: 8080, name: "http-alt", protocol: "HTTP" }], resolution: "DNS" },
  });
  lab.apply(vs("cnn", { hosts: ["edition.cnn.com"], http, ...extraSpec }));
  return lab;
}

function decide(lab: Lab, request: HttpRequest, port = 80) {
  const state = lab.plane.sidecarRouteConfig("default", SLEEP_POD, port)!;
  return { state, decision: state.router.route(routeView(request, "edition.cnn.com")) };
}

const to = (subset: string) => ({ destination: { host: "edition.cnn.com", subset } });

describe("uri matching (Envoy path / prefix / regex)", () => {
  const lab = meshLab([
    { match: [{ uri: { exact: "/sport" } }], route: [to("exact")] },
    { match: [{ uri: { prefix: "/health?src" } }], route: [to("prefix-query")] },
    { match: [{ uri: { regex: "/world|/style" } }], route: [to("regex")] },
    { match: [{ uri: { prefix: "/" } }], route: [to("rest")] },
  ]);
  const winner = (path: string) => decide(lab, req(path)).decision.route?.origin.httpIndex;

  it("exact compares the path without its query", () => {
    expect(winner("/sport")).toBe(0);
    expect(winner("/sport?x=1")).toBe(0);
    expect(winner("/sport/")).toBe(3);
    expect(winner("/Sport")).toBe(3);
  });

  it("prefix sees the whole :path, query included", () => {
    expect(winner("/health?src=rss")).toBe(1);
    expect(winner("/health")).toBe(3);
  });

  it("regex is a full match on the path without the query", () => {
    expect(winner("/world")).toBe(2);
    expect(winner("/style?page=2")).toBe(2);
    expect(winner("/worlds")).toBe(3);
    expect(winner("/x/world")).toBe(3);
  });

  it("explains each rejected route before the winner", () => {
    const { decision } = decide(lab, req("/politics"));
    expect(decision.route?.origin.httpIndex).toBe(3);
    expect(decision.rejected).toEqual([
      'cnn.default http[0].match[0]: uri exact "/sport" does not match "/politics"',
      'cnn.default http[1].match[0]: uri prefix "/health?src" does not match "/politics"',
      'cnn.default http[2].match[0]: uri regex "/world|/style" does not match "/politics"',
    ]);
  });
});

describe("headers, method, authority, scheme", () => {
  const lab = meshLab([
    { match: [{ headers: { "end-user": { exact: "jason" } } }], route: [to("a")] },
    { match: [{ headers: { "x-team": { prefix: "pol" } } }], route: [to("b")] },
    { match: [{ headers: { "x-id": { regex: "[0-9]+" } } }], route: [to("c")] },
    { match: [{ method: { exact: "POST" } }], route: [to("d")] },
    { match: [{ authority: { prefix: "edition" }, scheme: { exact: "https" } }], route: [to("e")] },
    { match: [{ authority: { regex: "edition\\.cnn\\.com" } }], route: [to("f")] },
  ]);
  const winner = (r: HttpRequest) => decide(lab, r).decision.route?.origin.httpIndex;

  it("header exact / prefix / regex (full match), names case-insensitive", () => {
    expect(winner(req("/", {}, { "End-User": "jason" }))).toBe(0);
    expect(winner(req("/", {}, { "end-user": "jasonx" }))).toBe(5);
    expect(winner(req("/", {}, { "x-team": "politics" }))).toBe(1);
    expect(winner(req("/", {}, { "x-id": "123" }))).toBe(2);
    expect(winner(req("/", {}, { "x-id": "123a" }))).toBe(5);
  });

  it("method and authority are :method and :authority header matchers; fields of one match are ANDed", () => {
    expect(winner(req("/", { method: "POST" }))).toBe(3);
    // scheme is http on a plain-HTTP listener, so http[4] (authority AND scheme https) fails.
    expect(winner(req("/"))).toBe(5);
    const { decision } = decide(lab, req("/"));
    expect(decision.rejected).toContain('cnn.default http[4].match[0]: scheme exact "https" does not match "http"');
  });
});

describe("ordering, OR of matches, catch-alls", () => {
  it("several match objects in one entry are ORed, each its own route, in order", () => {
    const lab = meshLab([
      { match: [{ uri: { exact: "/a" } }, { uri: { exact: "/b" } }], route: [to("ab")] },
      { route: [to("rest")] },
    ]);
    const table = lab.plane.sidecarRouteConfig("default", SLEEP_POD, 80)!.table;
    const vh = table.virtualHosts.find((v) => v.name === "edition.cnn.com:80")!;
    expect(vh.routes.map((r) => r.label)).toEqual(["http[0].match[0]", "http[0].match[1]", "http[1]"]);
    expect(decide(lab, req("/b")).decision.route?.origin).toEqual({ virtualService: "cnn.default", httpIndex: 0, matchIndex: 1 });
  });

  it("a match-less entry is a catch-all and drops every later entry; first match wins", () => {
    const lab = meshLab([
      { match: [{ uri: { prefix: "/" } }], route: [to("first")] },
      { route: [to("catch-all")] },
      { match: [{ uri: { exact: "/never" } }], route: [to("dropped")] },
    ]);
    const { state, decision } = decide(lab, req("/never"));
    expect(decision.route?.origin.httpIndex).toBe(0);
    const vh = state.table.virtualHosts.find((v) => v.name === "edition.cnn.com:80")!;
    expect(vh.routes.map((r) => r.label)).toEqual(["http[0].match[0]", "http[1]"]);
    expect(vh.routes[1].origin.matchIndex).toBe(-1);
  });

  it("port, gateways and sourceLabels decide whether a match exists on this proxy", () => {
    const lab = meshLab([
      { match: [{ port: 8080 }], route: [to("p8080")] },
      { match: [{ gateways: ["some-gateway"] }], route: [to("gw")] },
      { match: [{ sourceLabels: { app: "other" } }], route: [to("other")] },
      // sourceLabels are ignored when the match names gateways.
      { match: [{ gateways: ["mesh"], sourceLabels: { app: "other" } }], route: [to("mesh")] },
    ]);
    const vh80 = lab.plane.sidecarRouteConfig("default", SLEEP_POD, 80)!.table.virtualHosts.find((v) => v.name === "edition.cnn.com:80")!;
    expect(vh80.routes.map((r) => r.label)).toEqual(["http[3].match[0]"]);
    const vh8080 = lab.plane.sidecarRouteConfig("default", SLEEP_POD, 8080)!.table.virtualHosts.find((v) => v.name === "edition.cnn.com:8080")!;
    expect(vh8080.routes.map((r) => r.label)).toEqual(["http[0].match[0]", "http[3].match[0]"]);
  });
});

describe("weights and destination ports (§5.3)", () => {
  const clusterOf = (lab: Lab, port = 80) => {
    const action = decide(lab, req("/"), port).decision.route!.action as Extract<RouteAction, { kind: "route" }>;
    return action;
  };

  it("an omitted or zero weight becomes 100; weighted clusters are picked deterministically", () => {
    const lab = meshLab([{ route: [{ destination: { host: "edition.cnn.com" }, weight: 0 }] }]);
    expect(clusterOf(lab).clusters[0].weight).toBe(100);
    const split = meshLab([{ route: [{ destination: { host: "edition.cnn.com", subset: "a" }, weight: 30 }, { destination: { host: "edition.cnn.com", subset: "b" }, weight: 70 }] }]);
    const action = clusterOf(split);
    const picks = (seed: number) => {
      const rng = new SeededRandom(seed);
      return Array.from({ length: 200 }, () => pickWeightedCluster(action.clusters, action.totalWeight, rng)!.subset);
    };
    expect(picks(7)).toEqual(picks(7));
    const a = picks(7).filter((s) => s === "a").length;
    expect(a).toBeGreaterThan(30);
    expect(a).toBeLessThan(90);
  });

  it("port: explicit number; else the service's only port; else the listener port; a port name blackholes", () => {
    const explicit = meshLab([{ route: [{ destination: { host: "edition.cnn.com", port: { number: 443 } } }] }]);
    expect(clusterOf(explicit).clusters[0].cluster).toBe("outbound|443||edition.cnn.com");
    const multi = meshLab([{ route: [{ destination: { host: "edition.cnn.com" } }] }]);
    expect(clusterOf(multi, 8080).clusters[0].cluster).toBe("outbound|8080||edition.cnn.com");
    const single = meshLab([{ route: [{ destination: { host: "istio-egressgateway.istio-system.svc.cluster.local" } }] }]);
    single.apply({
      apiVersion: "v1", kind: "Service", metadata: { name: "istio-egressgateway", namespace: "istio-system" },
      spec: { clusterIP: "10.0.0.55", selector: { istio: "egressgateway" }, ports: [{ name: "https", port: 443 }] },
    });
    expect(clusterOf(single).clusters[0].cluster).toBe("outbound|443||istio-egressgateway.istio-system.svc.cluster.local");
    const named = meshLab([{ route: [{ destination: { host: "edition.cnn.com", port: { name: "http" } } }] }]);
    expect(clusterOf(named).clusters[0].cluster).toBe("BlackHoleCluster");
    const ex = named.curl("http://edition.cnn.com/");
    expect(ex.ok && ex.response.status).toBe(503);
    expect(ex.ok && ex.response.body.text()).toBe("no healthy upstream");
  });
});

describe("Envoy rejects a bad route configuration and keeps the old one", () => {
  it("an invalid regex leaves the previous routes in force and says why", () => {
    const lab = makeLab();
    const before = lab.curl("http://edition.cnn.com/politics");
    expect(before.ok && before.response.status).toBe(200);
    lab.apply({
      apiVersion: "networking.istio.io/v1alpha3", kind: "VirtualService",
      metadata: { name: "direct-through-egress-gateway", namespace: "default" },
      spec: {
        hosts: ["edition.cnn.com"], gateways: ["istio-egressgateway", "mesh"],
        http: [
          { match: [{ gateways: ["mesh"], port: 80 }], route: [{ destination: { host: "istio-egressgateway.istio-system.svc.cluster.local", port: { number: 443 } } }] },
          { match: [{ gateways: ["istio-egressgateway"], port: 443, uri: { regex: "/(health|sport" } }], route: [{ destination: { host: "edition.cnn.com", port: { number: 443 } } }] },
        ],
      },
    });
    const after = lab.curl("http://edition.cnn.com/politics");
    expect(after.ok && after.response.status).toBe(200);
    const state = lab.plane.gatewayRouteConfig("istio-system", GATEWAY_POD, 443)!;
    expect(state.rejected).toMatch(/^route configuration http\.443 rejected: Invalid regex '\/\(health\|sport': /);
    const gwHop = after.trace.hops.find((h) => h.kind === "gateway")!;
    expect(gwHop.note).toContain("the previous route configuration is still in force");
    // The sidecar's table has no regex, so it took the update.
    expect(lab.plane.sidecarRouteConfig("default", SLEEP_POD, 80)!.rejected).toBeUndefined();
  });

  it("a regex never hangs: nested quantifiers run on the linear-time engine (backtracking 2^40 steps would time the test out)", () => {
    const lab = meshLab([{ match: [{ uri: { regex: "/(a+)+b" } }], route: [to("x")] }, { route: [to("y")] }]);
    const { decision } = decide(lab, req("/" + "a".repeat(40)));
    expect(decision.route?.origin.httpIndex).toBe(1);
  });
});

describe("gateway binding by resolved name (§5.1)", () => {
  const gatewayIn = (ns: string): KubeObject => ({
    apiVersion: "networking.istio.io/v1alpha3", kind: "Gateway", metadata: { name: "istio-egressgateway", namespace: ns },
    spec: { selector: { istio: "egressgateway" }, servers: [{ port: { number: 443, name: "http", protocol: "HTTP" }, hosts: ["edition.cnn.com"] }] },
  });
  const bound = (gatewayRef: string, gatewayNs: string) => {
    const lab = makeLab({ withBlogConfig: false });
    lab.apply(gatewayIn(gatewayNs));
    lab.apply(vs("cnn", { hosts: ["edition.cnn.com"], gateways: [gatewayRef], http: [{ route: [{ destination: { host: "edition.cnn.com", port: { number: 443 } } }] }] }));
    return lab.plane.gatewayRouteConfig("istio-system", GATEWAY_POD, 443)!.table.virtualHosts.map((v) => v.name);
  };

  it("a short name means the VirtualService's namespace", () => {
    expect(bound("istio-egressgateway", "default")).toEqual(["edition.cnn.com:443"]);
    expect(bound("istio-egressgateway", "istio-system")).toEqual(["blackhole:443"]);
  });

  it("only the full FQDN reaches a Gateway in another namespace; `name.namespace` matches nothing", () => {
    expect(bound("istio-egressgateway.istio-system.svc.cluster.local", "istio-system")).toEqual(["edition.cnn.com:443"]);
    expect(bound("istio-egressgateway.istio-system", "istio-system")).toEqual(["blackhole:443"]);
  });

  it("the blackhole vhost answers 404 to everything", () => {
    const lab = makeLab({ withBlogConfig: false });
    lab.apply(gatewayIn("default"));
    const state = lab.plane.gatewayRouteConfig("istio-system", GATEWAY_POD, 443)!;
    const { route } = state.router.route(routeView(req("/"), "anything.example"));
    expect(route?.action).toEqual({ kind: "direct", status: 404 });
  });

  it("gateway virtual hosts are the VirtualService hosts exactly (no :port variant)", () => {
    const lab = makeLab();
    const state = lab.plane.gatewayRouteConfig("istio-system", GATEWAY_POD, 443)!;
    expect(state.table.virtualHosts[0].domains).toEqual(["edition.cnn.com"]);
    expect(state.router.findVirtualHost("edition.cnn.com:443")).toBeUndefined();
    const sidecar = lab.plane.sidecarRouteConfig("default", SLEEP_POD, 80)!;
    expect(sidecar.router.findVirtualHost("edition.cnn.com:80")?.name).toBe("edition.cnn.com:80");
  });
});
