/**
 * YAML output as Go's yaml.v2 (via ghodss/yaml) writes it: keys sorted, sequences not
 * indented under their key, YAML 1.1 quoting (`resourceVersion: "1234567"`, `"y": ...`).
 * Used where istioctl prints YAML: `get -o yaml` and its decoding errors.
 */
import { stringify } from "yaml";

export function goYamlMarshal(value: unknown): string {
  if (value === undefined || value === null) return "null\n";
  return stringify(value, { indentSeq: false, sortMapEntries: true, version: "1.1", lineWidth: 0 });
}
