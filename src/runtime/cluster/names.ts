/**
 * Generated names as Kubernetes 1.10 makes them.
 *
 * A Deployment's ReplicaSet is `<deployment>-<hash>`: the controller hashes the pod template to
 * a uint32, puts its decimal form in the `pod-template-hash` label ("3326367878") and, in the
 * name, the same digits passed through SafeEncodeString ("776b7bcdcd"), so names only ever use
 * the letters b c d f and the digits 4-9. (1.11 later made label and suffix the same.) We draw
 * the uint32 from the sandbox's SeededRandom instead of hashing, so a seed replays the same names.
 */
import { KUBE_SAFE_ALPHABET, podSuffix, type SeededRandom } from "../ids.ts";

export interface TemplateHash {
  /** Value of the `pod-template-hash` label, e.g. `3326367878`. */
  label: string;
  /** Suffix of the ReplicaSet name, e.g. `776b7bcdcd`. */
  suffix: string;
}

/** apimachinery's rand.SafeEncodeString: each byte picks a letter of the vowel-free alphabet. */
export function safeEncodeString(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) out += KUBE_SAFE_ALPHABET[s.charCodeAt(i) % KUBE_SAFE_ALPHABET.length];
  return out;
}

export function templateHash(rng: SeededRandom): TemplateHash {
  const label = String(rng.int(0, 0xffffffff));
  return { label, suffix: safeEncodeString(label) };
}

/** `<generateName><5 random characters>`, avoiding names already taken. */
export function generatedName(prefix: string, rng: SeededRandom, taken: (name: string) => boolean): string {
  for (;;) {
    const name = `${prefix}${podSuffix(rng)}`;
    if (!taken(name)) return name;
  }
}
