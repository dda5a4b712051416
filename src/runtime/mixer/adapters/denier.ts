/**
 * denier: always answers with its configured status (default FAILED_PRECONDITION, empty
 * message), for checknothing, listentry (and quota) instances.
 */
import { decodeMessage, ParamsError, type MessageSpec } from "../handlerParams.ts";
import { rpcCodeFrom } from "../rpcStatus.ts";
import type { AdapterInfo, Handler } from "./adapter.ts";

const STATUS: MessageSpec = {
  typeName: "rpc.Status",
  fields: [
    { name: "code", kind: "any" },
    { name: "message", kind: "string" },
    { name: "details", kind: "any", repeated: true },
  ],
};

const PARAMS: MessageSpec = {
  typeName: "config.Params",
  fields: [
    { name: "status", kind: "object", message: STATUS },
    { name: "valid_duration", kind: "duration" },
    { name: "valid_use_count", kind: "int" },
  ],
};

export const denierAdapter: AdapterInfo = {
  name: "denier",
  templates: ["checknothing", "listentry", "quota"],
  build(fullName, spec): Handler {
    const p = decodeMessage(PARAMS, spec, { valid_duration: 5, valid_use_count: 1000 });
    // jsonpb merges into the default Status, so a message without a code keeps FAILED_PRECONDITION.
    const status = (p.status ?? {}) as { code?: unknown; message?: string };
    const code = status.code === undefined ? "FAILED_PRECONDITION" : rpcCodeFrom(status.code);
    if (code === undefined) throw new ParamsError(`json: cannot unmarshal ${typeof status.code} into Go value of type int32`);
    const message = status.message ?? "";
    return {
      name: fullName,
      adapter: "denier",
      pure: true,
      check() {
        return { code, message, detail: code === "OK" ? "denier configured with OK: allowed" : `denied with ${code}` };
      },
    };
  },
};
