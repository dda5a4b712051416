/**
 * `prometheus.istio-system:9090`: the parts of Prometheus 2.3's HTTP API v1 that Grafana and
 * readers use. Parameters come from the query string and, for POST, from a form body (Go's
 * `Request.FormValue`: body values first). Bad input answers 400 `bad_data`; evaluation
 * failures 422 `execution`, as the real API does.
 */
import { parseIsoMicros } from "../../clock.ts";
import { httpDate } from "../../internet/http-date.ts";
import { headerValue, textBody, type HttpRequest, type HttpResponse } from "../../proxy/http.ts";
import type { ServiceHandler } from "../../proxy/service-handlers.ts";
import { errorJson, goJsonString, labelsJson, queryDataJson, successJson } from "./apiJson.ts";
import { parseModelDuration } from "./durations.ts";
import type { ErrorType, QueryOutcome } from "./engine.ts";
import { isValidLabelName } from "./parser.ts";
import type { Prometheus } from "./prometheus.ts";

type Form = Map<string, string[]>;

/** Go's url.ParseQuery: `&`/`;` separated, `+` is a space, pairs with bad escapes are skipped. */
export function parseQueryString(text: string, into: Form = new Map()): Form {
  for (const part of text.split(/[&;]/)) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const rawKey = eq >= 0 ? part.slice(0, eq) : part;
    const rawValue = eq >= 0 ? part.slice(eq + 1) : "";
    const key = unescapeQuery(rawKey);
    const value = unescapeQuery(rawValue);
    if (key === undefined || value === undefined) continue;
    const list = into.get(key);
    if (list) list.push(value);
    else into.set(key, [value]);
  }
  return into;
}

function unescapeQuery(s: string): string | undefined {
  if (/%(?![0-9a-fA-F]{2})/.test(s)) return undefined;
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    // Valid escapes that are not UTF-8: Go keeps the bytes; keep them as Latin-1 characters.
    return s.replace(/\+/g, " ").replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
}

/** API `parseTime`: Unix seconds (float) or RFC 3339; µs, or the error text. */
function parseTime(s: string): number | { error: string } {
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
    const t = Number(s);
    const whole = Math.trunc(t);
    return whole * 1e6 + Math.trunc((t - whole) * 1e9) / 1000;
  }
  const iso = parseIsoMicros(s);
  if (iso !== undefined) return iso;
  return { error: `cannot parse ${goJsonString(s)} to a valid timestamp` };
}

/** API `parseDuration`: seconds (float) or a Prometheus duration; seconds, or the error text. */
function parseStep(s: string): number | { error: string } {
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  const d = parseModelDuration(s);
  if (typeof d === "number") return d / 1000;
  return { error: `cannot parse ${goJsonString(s)} to a valid duration` };
}

const CORS_HEADERS = [
  { name: "Access-Control-Allow-Headers", value: "Accept, Authorization, Content-Type, Origin" },
  { name: "Access-Control-Allow-Methods", value: "GET, OPTIONS" },
  { name: "Access-Control-Allow-Origin", value: "*" },
  { name: "Access-Control-Expose-Headers", value: "Date" },
];

const STATUS_TEXT: Record<number, string> = { 200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 422: "Unprocessable Entity" };

function respond(status: number, contentType: string, text: string, nowMicros: number, cors: boolean): HttpResponse {
  const body = textBody(text);
  return {
    status,
    statusText: STATUS_TEXT[status] ?? "",
    headers: [
      ...(cors ? CORS_HEADERS : []),
      { name: "Content-Type", value: contentType },
      { name: "Date", value: httpDate(nowMicros) },
      { name: "Content-Length", value: String(body.size) },
    ],
    body,
  };
}

type ApiResult = { ok: true; json: string } | { ok: false; errorType: ErrorType; error: string };

const bad = (error: string): ApiResult => ({ ok: false, errorType: "bad_data", error });

function fromOutcome<T>(outcome: QueryOutcome<T>, toJson: (data: T) => string): ApiResult {
  return outcome.ok ? { ok: true, json: toJson(outcome.data) } : outcome;
}

export function prometheusHttpHandler(prometheus: Prometheus): ServiceHandler {
  const endpoints: Record<string, { methods: string[]; run: (form: Form, now: number) => ApiResult }> = {
    "/api/v1/query": {
      methods: ["GET", "POST"],
      run: (form, now) => {
        let time = now;
        const t = first(form, "time");
        if (t) {
          const parsed = parseTime(t);
          if (typeof parsed !== "number") return bad(parsed.error);
          time = parsed;
        }
        return fromOutcome(prometheus.query(first(form, "query"), time), queryDataJson);
      },
    },
    "/api/v1/query_range": {
      methods: ["GET", "POST"],
      run: (form) => {
        const start = parseTime(first(form, "start"));
        if (typeof start !== "number") return bad(start.error);
        const end = parseTime(first(form, "end"));
        if (typeof end !== "number") return bad(end.error);
        if (end < start) return bad("end timestamp must not be before start time");
        const step = parseStep(first(form, "step"));
        if (typeof step !== "number") return bad(step.error);
        return fromOutcome(prometheus.queryRange(first(form, "query"), start, end, step), queryDataJson);
      },
    },
    "/api/v1/series": {
      methods: ["GET", "POST"],
      run: (form) => {
        const selectors = form.get("match[]") ?? [];
        if (selectors.length === 0) return bad("no match[] parameter provided");
        let start = -Infinity;
        let end = Infinity;
        if (first(form, "start")) {
          const t = parseTime(first(form, "start"));
          if (typeof t !== "number") return bad(t.error);
          start = t;
        }
        if (first(form, "end")) {
          const t = parseTime(first(form, "end"));
          if (typeof t !== "number") return bad(t.error);
          end = t;
        }
        return fromOutcome(prometheus.series(selectors, start, end), (list) => "[" + list.map(labelsJson).join(",") + "]");
      },
    },
    "/api/v1/labels": {
      methods: ["GET", "POST"],
      run: () => ({ ok: true, json: "[" + prometheus.labelNames().map(goJsonString).join(",") + "]" }),
    },
  };

  return (request: HttpRequest, ctx) => {
    const q = request.path.indexOf("?");
    const rawPath = q >= 0 ? request.path.slice(0, q) : request.path;
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      path = rawPath;
    }
    const form: Form = new Map();
    const contentType = headerValue(request.headers, "content-type") ?? "";
    if ((request.method === "POST" || request.method === "PUT") && contentType.split(";")[0].trim().toLowerCase() === "application/x-www-form-urlencoded") {
      parseQueryString(request.body, form);
    }
    if (q >= 0) parseQueryString(request.path.slice(q + 1), form);

    let endpoint = endpoints[path];
    const labelMatch = /^\/api\/v1\/label\/([^/]+)\/values$/.exec(path);
    if (!endpoint && labelMatch) {
      const name = labelMatch[1];
      endpoint = {
        methods: ["GET"],
        run: () => (isValidLabelName(name)
          ? { ok: true, json: "[" + prometheus.labelValues(undefined, name).map(goJsonString).join(",") + "]" }
          : bad(`invalid label name: ${goJsonString(name)}`)),
      };
    }
    if (!endpoint) return respond(404, "text/plain; charset=utf-8", "404 page not found\n", ctx.nowMicros, false);
    if (!endpoint.methods.includes(request.method)) return respond(405, "text/plain; charset=utf-8", "Method Not Allowed\n", ctx.nowMicros, false);
    const result = endpoint.run(form, ctx.nowMicros);
    if (result.ok) return respond(200, "application/json", successJson(result.json), ctx.nowMicros, true);
    return respond(result.errorType === "bad_data" ? 400 : 422, "application/json", errorJson(result.errorType, result.error), ctx.nowMicros, true);
  };
}

function first(form: Form, key: string): string {
  return form.get(key)?.[0] ?? "";
}
