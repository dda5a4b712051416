/**
 * Go's `Regexp.ExpandString` template syntax, used by label_replace: `$1`, `${1}`, `$name`,
 * `${name}`, `$$`. A name is the longest run of letters, digits and `_`, so `$1x` means the
 * group named "1x" (empty), as in Go. An unknown group expands to the empty string.
 */
export function expandTemplate(template: string, group: (nameOrIndex: string | number) => string | null): string {
  let out = "";
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== "$") {
      out += c;
      continue;
    }
    if (template[i + 1] === "$") {
      out += "$";
      i++;
      continue;
    }
    let name: string | undefined;
    let end = i + 1;
    if (template[i + 1] === "{") {
      const close = template.indexOf("}", i + 2);
      const inner = close >= 0 ? template.slice(i + 2, close) : "";
      if (close >= 0 && /^\w+$/.test(inner)) {
        name = inner;
        end = close + 1;
      }
    } else {
      const m = /^\w+/.exec(template.slice(i + 1));
      if (m) {
        name = m[0];
        end = i + 1 + m[0].length;
      }
    }
    if (name === undefined) {
      out += "$"; // malformed: Go copies the `$` and goes on
      continue;
    }
    const value = /^\d+$/.test(name) ? group(Number(name)) : group(name);
    out += value ?? "";
    i = end - 1;
  }
  return out;
}
