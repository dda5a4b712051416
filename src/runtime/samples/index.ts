/**
 * The files of the Istio 0.8.0 release directory that lessons use, by their path relative to
 * the reader's working directory (the unpacked `istio-0.8.0/`), so `kubectl apply -f
 * samples/sleep/sleep.yaml` reads exactly what the release shipped.
 */
import { SLEEP_YAML } from "./sleep.ts";
import { HTTPBIN_YAML } from "./httpbin.ts";

export { SLEEP_YAML, HTTPBIN_YAML };

export const SAMPLE_FILES: Readonly<Record<string, string>> = {
  "samples/sleep/sleep.yaml": SLEEP_YAML,
  "samples/httpbin/httpbin.yaml": HTTPBIN_YAML,
};
