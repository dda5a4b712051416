/**
 * Response bodies whose size is known up front but whose text is only built when read.
 * A CNN section page is 150-360 KB: curl -o /dev/null, Mixer's response.size and the access
 * log only need the size, so the per-request path never builds the HTML.
 */
import type { ResponseBody } from "../proxy/http.ts";

class LazyBody implements ResponseBody {
  private built: string | undefined;

  constructor(readonly size: number, private readonly build: () => string) {}

  text(): string {
    return (this.built ??= this.build());
  }
}

export function lazyBody(size: number, build: () => string): ResponseBody {
  return new LazyBody(size, build);
}

/** Byte length of a string in UTF-8, without allocating an encoded copy. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; }
    else n += 3;
  }
  return n;
}
