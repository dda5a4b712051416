/** The HTTP API as Prometheus 2.3 answers it: JSON shapes, value formatting, errors and status codes. */
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../../src/runtime/clock.ts";
import type { HttpRequest } from "../../../src/runtime/proxy/http.ts";
import { formatSampleValue } from "../../../src/runtime/telemetry/prometheus/formatValue.ts";
import { Prometheus } from "../../../src/runtime/telemetry/prometheus/prometheus.ts";
import { MetricsRegistry } from "../../../src/runtime/telemetry/metrics.ts";

const T0 = Date.UTC(2018, 5, 18, 13, 23, 0) * 1000; // µs, a multiple of 5 s

function setup() {
  const clock = new VirtualClock(T0);
  const registry = new MetricsRegistry();
  const count = registry.register({ name: "istio_request_count", help: "h", type: "counter", labelNames: ["response_code", "source_service"] });
  const prometheus = new Prometheus({ clock, metrics: registry, target: () => "10.0.0.9:42422" });
  prometheus.catchUp(); // scrape at T0: nothing registered yet
  count.inc(["200", "sleep.default.svc.cluster.local"], 3);
  count.inc(["404", "sleep.default.svc.cluster.local"]);
  clock.advance(10_000_000); // two more scrapes: T0+5 s, T0+10 s
  const get = (pathAndQuery: string, init: Partial<HttpRequest> = {}) => {
    const res = prometheus.handler(
      { method: "GET", scheme: "http", host: "prometheus.istio-system", port: 9090, path: pathAndQuery, headers: [], body: "", ...init },
      { nowMicros: clock.nowMicros(), pod: { name: "prometheus-0", namespace: "istio-system" } },
    );
    return { status: res.status, body: res.body.text(), type: res.headers.find((h) => h.name === "Content-Type")?.value };
  };
  return { clock, prometheus, get };
}

const now = T0 / 1e6 + 10;
const labels = (code: string) =>
  `{"__name__":"istio_request_count","instance":"10.0.0.9:42422","job":"istio-mesh","response_code":"${code}","source_service":"sleep.default.svc.cluster.local"}`;

describe("/api/v1/query", () => {
  it("answers an instant vector with string values and the evaluation time", () => {
    const { get } = setup();
    const r = get("/api/v1/query?query=istio_request_count");
    expect(r.status).toBe(200);
    expect(r.type).toBe("application/json");
    expect(r.body).toBe(
      `{"status":"success","data":{"resultType":"vector","result":[` +
        `{"metric":${labels("200")},"value":[${now},"3"]},{"metric":${labels("404")},"value":[${now},"1"]}]}}`,
    );
  });

  it("takes `time` as Unix seconds or RFC 3339, and answers scalars", () => {
    const { get } = setup();
    expect(get("/api/v1/query?query=time()&time=1529328185.5").body).toBe('{"status":"success","data":{"resultType":"scalar","result":[1529328185.5,"1529328185.5"]}}');
    expect(get("/api/v1/query?query=1%2F0&time=2018-06-18T13:23:00Z").body).toBe('{"status":"success","data":{"resultType":"scalar","result":[1529328180,"+Inf"]}}');
    expect(get(`/api/v1/query?query=istio_request_count&time=${now - 10}`).body).toBe('{"status":"success","data":{"resultType":"vector","result":[]}}');
  });

  it("accepts a POSTed form body", () => {
    const { get } = setup();
    const r = get("/api/v1/query", {
      method: "POST",
      headers: [{ name: "Content-Type", value: "application/x-www-form-urlencoded" }],
      body: "query=sum(istio_request_count)+by+(response_code)",
    });
    expect(JSON.parse(r.body).data.result).toEqual([
      { metric: { response_code: "200" }, value: [now, "3"] },
      { metric: { response_code: "404" }, value: [now, "1"] },
    ]);
  });

  it("answers a range selector with a matrix of raw samples", () => {
    const { get } = setup();
    const r = JSON.parse(get("/api/v1/query?query=istio_request_count%7Bresponse_code%3D%22404%22%7D%5B1m%5D").body);
    expect(r.data.resultType).toBe("matrix");
    expect(r.data.result[0].values).toEqual([[now - 5, "1"], [now, "1"]]);
  });

  it("answers a bad query with HTTP 400 and bad_data", () => {
    const { get } = setup();
    const r = get("/api/v1/query?query=sum(rate(istio_request_count%5B1m%5D)");
    expect(r.status).toBe(400);
    expect(r.body).toBe('{"status":"error","errorType":"bad_data","error":"parse error at char 34: unclosed left parenthesis"}');
    expect(get("/api/v1/query?query=up&time=yesterday").body).toBe('{"status":"error","errorType":"bad_data","error":"cannot parse \\"yesterday\\" to a valid timestamp"}');
  });

  it("answers evaluation failures with HTTP 422 and execution", () => {
    const { get } = setup();
    const r = get("/api/v1/query?query=istio_request_count+%2B+on()+istio_request_count");
    expect(r.status).toBe(422);
    expect(JSON.parse(r.body)).toEqual({ status: "error", errorType: "execution", error: "many-to-many matching not allowed: matching labels must be unique on one side" });
  });
});

describe("/api/v1/query_range", () => {
  it("answers a matrix evaluated at each step", () => {
    const { get } = setup();
    const r = get(`/api/v1/query_range?query=sum(istio_request_count)&start=${now - 10}&end=${now}&step=5`);
    expect(r.body).toBe(`{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[${now - 5},"4"],[${now},"4"]]}]}}`);
  });

  it("checks its parameters like Prometheus", () => {
    const { get } = setup();
    expect(JSON.parse(get(`/api/v1/query_range?query=up&start=${now}&end=${now - 1}&step=5`).body).error).toBe("end timestamp must not be before start time");
    expect(JSON.parse(get(`/api/v1/query_range?query=up&start=${now}&end=${now}&step=0`).body).error).toBe(
      "zero or negative query resolution step widths are not accepted. Try a positive integer",
    );
    expect(JSON.parse(get(`/api/v1/query_range?query=up&start=0&end=${now}&step=1`).body).error).toMatch(/^exceeded maximum resolution of 11,000 points/);
    const m = get(`/api/v1/query_range?query=up%5B1m%5D&start=${now}&end=${now}&step=5`);
    expect(m.status).toBe(400);
    expect(JSON.parse(m.body).error).toBe('invalid expression type "range vector" for range query, must be Scalar or instant Vector');
  });
});

describe("series and labels", () => {
  it("lists series, label names and label values", () => {
    const { get } = setup();
    const series = JSON.parse(get("/api/v1/series?match[]=istio_request_count%7Bresponse_code%3D%22404%22%7D").body);
    expect(series).toEqual({ status: "success", data: [JSON.parse(labels("404"))] });
    expect(JSON.parse(get("/api/v1/label/response_code/values").body)).toEqual({ status: "success", data: ["200", "404"] });
    expect(JSON.parse(get("/api/v1/labels").body).data).toEqual(["__name__", "instance", "job", "response_code", "source_service"]);
    expect(JSON.parse(get("/api/v1/label/__name__/values").body).data).toEqual(["istio_request_count", "scrape_samples_scraped", "up"]);
    expect(get("/api/v1/series").body).toBe('{"status":"error","errorType":"bad_data","error":"no match[] parameter provided"}');
    expect(get("/api/v1/nothing").status).toBe(404);
  });
});

describe("sample values as Go's strconv.FormatFloat(v, 'f', -1, 64)", () => {
  it.each([
    [3, "3"], [0.1, "0.1"], [-2.5, "-2.5"], [1e21, "1000000000000000000000"], [1.5e-7, "0.00000015"],
    [NaN, "NaN"], [Infinity, "+Inf"], [-Infinity, "-Inf"], [123456789012, "123456789012"],
  ])("%s -> %s", (v, text) => {
    expect(formatSampleValue(v)).toBe(text);
  });
});
