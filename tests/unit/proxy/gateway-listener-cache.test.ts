/**
 * The gateway's listener for a port is looked up per request by the snapshot's pod object (see
 * MeshConfig.gatewayListener): a Gateway change must still be seen by the very next request.
 */
import { describe, expect, it } from "vitest";
import { GATEWAY_SECTION_B, makeLab } from "./fixtures.ts";

describe("gateway listener lookup", () => {
  it("follows Gateway changes from one request to the next", () => {
    const lab = makeLab();
    const status = () => {
      const exchange = lab.curl("http://edition.cnn.com/sport");
      return exchange.ok ? exchange.response.status : -exchange.error.curlCode;
    };
    expect(status()).toBe(200);
    expect(status()).toBe(200);
    lab.remove("gateway", GATEWAY_SECTION_B.metadata.namespace ?? "default", GATEWAY_SECTION_B.metadata.name);
    const withoutGateway = lab.curl("http://edition.cnn.com/sport");
    expect(withoutGateway.ok && withoutGateway.response.status).toBe(503);
    expect(withoutGateway.trace.hops.find((h) => h.kind === "sidecar")?.note).toContain("has no listener on port 443");
    lab.apply(GATEWAY_SECTION_B);
    expect(status()).toBe(200);
  });
});
