/**
 * The one-line explanations traces carry (`trace.why`, hop notes) for the outcomes every request
 * repeats: a success through the same gateway and origin, a Mixer denial with the same message.
 * Each is built once and shared, instead of concatenated again for every request, most of whose
 * traces roll out of the ring unread.
 */
import { JoinedStrings } from "./joined-strings.ts";

/** Who originated TLS on the way (none, the egress gateway, the sidecar): part of a success's text. */
export type TlsOriginator = "none" | "gateway" | "sidecar";

/** Texts kept per cache, in all: bounded, like JoinedStrings (origins and statuses can come from user input). */
const LIMIT = 4096;

/** `200 from edition.cnn.com (151.101.65.67:443) via the egress gateway istio-egressgateway-..., TLS originated by the egress gateway` */
function joinSuccess(status: number, origin: string, gateway: string | undefined, originator: TlsOriginator): string {
  let why = `${status} from ${origin}`;
  if (gateway !== undefined) why += ` via the egress gateway ${gateway}`;
  if (originator !== "none") why += `, TLS originated by ${originator === "gateway" ? "the egress gateway" : "the sidecar"}`;
  return why;
}

/** By origin, then gateway (undefined for none), then status and originator. */
const successTexts = new Map<string, Map<string | undefined, Map<number, string>>>();
let successCount = 0;

export function successText(status: number, origin: string, gateway: string | undefined, originator: TlsOriginator): string {
  // Status and originator in one number key: statuses are integers, the originator one of three.
  const key = status * 4 + (originator === "none" ? 0 : originator === "gateway" ? 1 : 2);
  let text = successTexts.get(origin)?.get(gateway)?.get(key);
  if (text !== undefined) return text;
  text = joinSuccess(status, origin, gateway, originator);
  if (++successCount > LIMIT) {
    successTexts.clear();
    successCount = 1;
  }
  let byGateway = successTexts.get(origin);
  if (byGateway === undefined) successTexts.set(origin, (byGateway = new Map()));
  let byStatus = byGateway.get(gateway);
  if (byStatus === undefined) byGateway.set(gateway, (byStatus = new Map()));
  byStatus.set(key, text);
  return text;
}

/** `denied by Mixer: whitelist.listchecker.istio-system: NOT_FOUND:...`: the adapter that denied and its message. */
export const adapterDenialWhy = new JoinedStrings<string>((handler, message) => `denied by Mixer: ${handler}: ${message}`);

/** Texts made of a fixed prefix and a message, by message. */
class PrefixedTexts {
  private readonly texts = new Map<string, string>();

  constructor(private readonly prefix: string) {}

  get(message: string): string {
    let text = this.texts.get(message);
    if (text === undefined) {
      if (this.texts.size >= LIMIT) this.texts.clear();
      this.texts.set(message, (text = this.prefix + message));
    }
    return text;
  }
}

/** `denied by Mixer: <status message>`, when no adapter verdict says more. */
export const checkDenialWhy = new PrefixedTexts("denied by Mixer: ");

/** The gateway hop's note on a denial: `Mixer Check denied: <status message>`. */
export const checkDenialNote = new PrefixedTexts("Mixer Check denied: ");
