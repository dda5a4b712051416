/**
 * listchecker: checks a listentry value against a list (static `overrides`, plus a list fetched
 * from `providerUrl`, which the offline lab can never fetch). Whitelist miss -> NOT_FOUND
 * `<v> is not whitelisted`; blacklist hit -> PERMISSION_DENIED `<v> is blacklisted`.
 */
import { RE2JS } from "re2js";
import { decodeMessage, type MessageSpec } from "../handlerParams.ts";
import type { ListEntryInstance } from "../templates/listentry.ts";
import type { BuiltInstance } from "../templates/template.ts";
import { AdapterConfigError, type AdapterInfo, type CheckVerdict, type Handler } from "./adapter.ts";
import { cidrContains, parseCidr, parseIp, type Cidr } from "./ipAddress.ts";

const ENTRY_TYPES = ["STRINGS", "CASE_INSENSITIVE_STRINGS", "IP_ADDRESSES", "REGEX"] as const;

const PARAMS: MessageSpec = {
  typeName: "config.Params",
  fields: [
    { name: "provider_url", kind: "string" },
    { name: "refresh_interval", kind: "duration" },
    { name: "ttl", kind: "duration" },
    { name: "caching_interval", kind: "duration" },
    { name: "caching_use_count", kind: "int" },
    { name: "overrides", kind: "stringList" },
    { name: "entry_type", kind: "enum", values: ENTRY_TYPES },
    { name: "blacklist", kind: "bool" },
  ],
};

const DEFAULTS: Record<string, unknown> = {
  provider_url: "",
  refresh_interval: 60,
  ttl: 300,
  caching_interval: 300,
  caching_use_count: 10000,
  overrides: [],
  entry_type: "STRINGS",
  blacklist: false,
};

/** Whether a value is on the list; a string result is an INVALID_ARGUMENT message. */
type Matcher = (value: string) => boolean | string;

function buildMatcher(entryType: string, entries: string[]): Matcher {
  switch (entryType) {
    case "CASE_INSENSITIVE_STRINGS": {
      const set = new Set(entries.map((e) => e.toLowerCase()));
      return (v) => set.has(v.toLowerCase());
    }
    case "IP_ADDRESSES": {
      const cidrs: Cidr[] = entries.map((e) => {
        const c = parseCidr(e);
        if (!c) throw new AdapterConfigError(`overrides: could not parse override ${e}: invalid CIDR address: ${e}`);
        return c;
      });
      return (v) => {
        const ip = parseIp(v);
        if (!ip) return `${v} is not a valid IP address`;
        return cidrs.some((c) => cidrContains(c, ip));
      };
    }
    case "REGEX": {
      const res = entries.map((e) => {
        try {
          return RE2JS.compile(e);
        } catch (err) {
          throw new AdapterConfigError(`overrides: could not parse override ${e}: ${(err as Error).message}`);
        }
      });
      // Go's regexp.MatchString: unanchored, linear time.
      return (v) => res.some((r) => r.test(v));
    }
    default: {
      const set = new Set(entries);
      return (v) => set.has(v);
    }
  }
}

export const listcheckerAdapter: AdapterInfo = {
  name: "listchecker",
  templates: ["listentry"],
  build(fullName, spec, ctx): Handler {
    const p = decodeMessage(PARAMS, spec, DEFAULTS);
    const providerUrl = p.provider_url as string;
    const refresh = p.refresh_interval as number;
    const ttl = p.ttl as number;
    if (providerUrl !== "" && refresh < 1) throw new AdapterConfigError("refreshInterval: refresh interval must be at least 1 second");
    if (providerUrl !== "" && ttl < refresh) throw new AdapterConfigError("ttl: ttl must be > refreshInterval");
    const blacklist = p.blacklist as boolean;
    const matcher = buildMatcher(p.entry_type as string, p.overrides as string[]);
    // With a providerUrl the list only exists once fetched; the lab is offline, so it never is,
    // and the adapter answers with an empty (OK) result, as 0.8 does while no list is loaded.
    const listLoaded = providerUrl === "";
    let fetchFailureLogged = false;
    // The list and the config are fixed for the handler's life: a value's verdict never changes.
    // Bounded, since values come from requests.
    const verdicts = new Map<string, CheckVerdict>();
    const verdictOf = (value: string): CheckVerdict => {
      const found = matcher(value);
      if (typeof found === "string") return { code: "INVALID_ARGUMENT", message: found, detail: found };
      if (blacklist) {
        return found
          ? { code: "PERMISSION_DENIED", message: `${value} is blacklisted`, detail: `value ${JSON.stringify(value)} is blacklisted` }
          : { code: "OK", message: "", detail: `value ${JSON.stringify(value)} is not blacklisted` };
      }
      return found
        ? { code: "OK", message: "", detail: `value ${JSON.stringify(value)} is whitelisted` }
        : { code: "NOT_FOUND", message: `${value} is not whitelisted`, detail: `value ${JSON.stringify(value)} is not whitelisted` };
    };

    return {
      name: fullName,
      adapter: "listchecker",
      // A fetched list would change over time (and the fetch failure is logged once).
      pure: listLoaded,
      check(instance: BuiltInstance): CheckVerdict {
        const value = (instance as ListEntryInstance).value;
        if (!listLoaded) {
          if (!fetchFailureLogged) {
            fetchFailureLogged = true;
            ctx.log.error(`${fullName}: could not fetch list from ${providerUrl}: the lab has no Internet access`);
          }
          return { code: "OK", message: "", detail: `no list loaded from ${providerUrl}: check skipped` };
        }
        let verdict = verdicts.get(value);
        if (!verdict) {
          verdict = verdictOf(value);
          if (verdicts.size >= 1024) verdicts.clear();
          verdicts.set(value, verdict);
        }
        return verdict;
      },
    };
  },
};
