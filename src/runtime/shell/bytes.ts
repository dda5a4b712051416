/**
 * just-bash carries pipe data as a latin1 "byte string" (one char per byte). Its Node entry
 * exports a decoder, its browser bundle does not, so the runtime has its own: one place that
 * turns those bytes into the UTF-8 text our commands read.
 */
const decoder = new TextDecoder("utf-8");

export function utf8FromByteString(bytes: unknown): string {
  const raw = String(bytes ?? "");
  let ascii = true;
  for (let i = 0; i < raw.length; i++) {
    if (raw.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return raw;
  const buf = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) buf[i] = raw.charCodeAt(i) & 0xff;
  return decoder.decode(buf);
}
