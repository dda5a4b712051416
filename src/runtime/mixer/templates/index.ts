/** The templates Mixer 0.8 ships that the lab supports, by kind. */
import { kubernetesTemplate } from "./kubernetes.ts";
import { listentryTemplate } from "./listentry.ts";
import { logentryTemplate } from "./logentry.ts";
import { metricTemplate } from "./metric.ts";
import { checknothingTemplate, reportnothingTemplate } from "./nothing.ts";
import type { TemplateInfo } from "./template.ts";

export const TEMPLATES: ReadonlyMap<string, TemplateInfo> = new Map(
  [logentryTemplate, listentryTemplate, metricTemplate, checknothingTemplate, reportnothingTemplate, kubernetesTemplate].map((t) => [t.name, t]),
);
