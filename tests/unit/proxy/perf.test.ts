/**
 * The per-request path must stay cheap. This is a regression guard with a floor low enough for a
 * loaded CI machine; the real throughput is printed (bench/ is where it is measured properly).
 */
import { describe, expect, it } from "vitest";
import { makeLab, SLEEP_POD } from "./fixtures.ts";
import type { HttpRequest } from "../../../src/runtime/proxy/http.ts";

describe("pipeline throughput", () => {
  it("sends 20,000 requests through sidecar, gateway and Mixer quickly", () => {
    const lab = makeLab();
    lab.mixer.record = false;
    const request: HttpRequest = {
      method: "GET", scheme: "http", host: "edition.cnn.com", port: 80, path: "/politics", body: "",
      headers: [{ name: "Host", value: "edition.cnn.com" }, { name: "User-Agent", value: "curl/7.35.0" }, { name: "Accept", value: "*/*" }],
    };
    const source = { kind: "pod" as const, namespace: "default", pod: SLEEP_POD, container: "sleep" };
    for (let i = 0; i < 2000; i++) lab.plane.send(source, request);
    const n = 20_000;
    const start = performance.now();
    for (let i = 0; i < n; i++) lab.plane.send(source, request);
    const ms = performance.now() - start;
    const rate = Math.round((n / ms) * 1000);
    console.log(`pipeline: ${rate} requests/s`);
    expect(rate).toBeGreaterThan(3_000);
  });
});
