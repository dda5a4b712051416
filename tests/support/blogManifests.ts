/**
 * The manifests of the blog and of the egress-gateway task it builds on (reference §1.3, blog),
 * shared by the tests. They are read from the heredocs of tests/blog/blog-flow.sh, the blog's
 * transcript, so a manifest is written (and fixed) in exactly one place.
 */
import { readFileSync } from "node:fs";
import { SLEEP_YAML } from "../../src/runtime/samples/sleep.ts";

const script = readFileSync(new URL("../blog/blog-flow.sh", import.meta.url), "utf8");

/** The bodies of the script's `cat <<EOF | ...` heredocs, in order. */
const heredocs = [...script.matchAll(/<<EOF[^\n]*\n([\s\S]*?)\nEOF\n/g)].map((m) => `${m[1]}\n`);

function heredoc(index: number, firstLine: string): string {
  const doc = heredocs[index];
  // A guard against the script being reordered: the tests would otherwise use the wrong manifest.
  if (!doc?.startsWith(firstLine)) throw new Error(`tests/blog/blog-flow.sh: heredoc ${index} should start with ${JSON.stringify(firstLine)}`);
  return doc;
}

/** The 0.8 task's Gateway has no apiVersion line; istioctl accepts it (and the blog flow uses it so). */
export const EGRESS_GATEWAY_NO_API_VERSION = heredoc(0, "kind: Gateway\n");
export const EGRESS_GATEWAY = `apiVersion: networking.istio.io/v1alpha3\n${EGRESS_GATEWAY_NO_API_VERSION}`;
export const SE_VS_DR = heredoc(1, "apiVersion: networking.istio.io/v1alpha3\nkind: ServiceEntry\n");
export const LOGGING = heredoc(2, "# Log entry for egress access\n");
export const VS_WITH_REGEX = heredoc(3, "apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\n");
export const LISTCHECKER = heredoc(5, 'apiVersion: "config.istio.io/v1alpha2"\nkind: listchecker\n');
export const RULE_WITH_CHECKER = heredoc(6, "# Rule handle egress access to cnn.com\n");
export const RULES_EXEMPT_POLITICS = heredoc(7, "# Rule to handle access to *.cnn.com/politics\n");
export const SLEEP = SLEEP_YAML;
