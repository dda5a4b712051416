/** The adapters of Mixer 0.8 the lab supports, by handler kind. */
import type { AdapterInfo } from "./adapter.ts";
import { denierAdapter } from "./denier.ts";
import { kubernetesenvAdapter } from "./kubernetesenv.ts";
import { listcheckerAdapter } from "./listchecker.ts";
import { prometheusAdapter } from "./prometheus.ts";
import { stdioAdapter } from "./stdio.ts";

export const ADAPTERS: ReadonlyMap<string, AdapterInfo> = new Map(
  [stdioAdapter, listcheckerAdapter, denierAdapter, prometheusAdapter, kubernetesenvAdapter].map((a) => [a.name, a]),
);
