import { describe, expect, it } from "vitest";
import { LineEditor, layout } from "../../../src/ui/terminal/lineEditor.ts";
import { History } from "../../../src/ui/terminal/history.ts";
import { decodeInput } from "../../../src/ui/terminal/keys.ts";
import { Transcript } from "../../../src/ui/terminal/transcript.ts";

describe("LineEditor (readline keys)", () => {
  const at = (text: string, cursor: number) => {
    const e = new LineEditor();
    e.set(text, cursor);
    return e;
  };
  it("inserts at the cursor and moves", () => {
    const e = at("kubectl pods", 8);
    e.insert("get ");
    expect([e.buffer, e.cursor]).toEqual(["kubectl get pods", 12]);
  });
  it("Ctrl-U kills to the start, Ctrl-K to the end", () => {
    const u = at("kubectl get pods", 8);
    u.killToStart();
    expect([u.buffer, u.cursor]).toEqual(["get pods", 0]);
    const k = at("kubectl get pods", 8);
    k.killToEnd();
    expect(k.buffer).toBe("kubectl ");
  });
  it("Ctrl-W kills the previous whitespace-delimited word, trailing spaces included", () => {
    const e = at("kubectl get -n istio-system  ", 29);
    e.killWordBack();
    expect(e.buffer).toBe("kubectl get -n ");
  });
  it("Backspace and Delete at the edges do nothing", () => {
    const e = at("ab", 0);
    e.backspace();
    e.end();
    e.deleteForward();
    expect(e.buffer).toBe("ab");
  });
});

describe("layout", () => {
  it("wraps at the terminal width and starts continuation rows with '> '", () => {
    expect(layout("$ ", "abcdefgh", 8, 10)).toEqual({ cursor: { row: 1, col: 0 }, end: { row: 1, col: 0 } });
    expect(layout("$ ", "abc", 1, 80).cursor).toEqual({ row: 0, col: 3 });
    expect(layout("$ ", "cat <<EOF\nx", 11, 80).end).toEqual({ row: 1, col: 3 });
  });
});

describe("History", () => {
  it("walks back and forth, keeping the draft, skipping duplicates and blanks", () => {
    const h = new History(["a", "b"]);
    h.push("b");
    h.push("  ");
    expect(h.list()).toEqual(["a", "b"]);
    expect(h.up("draft")).toBe("b");
    expect(h.up("")).toBe("a");
    expect(h.up("")).toBeUndefined();
    expect(h.down()).toBe("b");
    expect(h.down()).toBe("draft");
    expect(h.down()).toBeUndefined();
  });
  it("is capped, dropping the oldest", () => {
    const h = new History([], 3);
    for (const c of ["1", "2", "3", "4"]) h.push(c);
    expect(h.list()).toEqual(["2", "3", "4"]);
  });
});

describe("decodeInput", () => {
  it("decodes editing keys in both cursor modes", () => {
    expect(decodeInput("\x1b[A")).toEqual([{ key: "up" }]);
    expect(decodeInput("\x1bOH")).toEqual([{ key: "home" }]);
    expect(decodeInput("\x03")).toEqual([{ key: "ctrl-c" }]);
    expect(decodeInput("\x17")).toEqual([{ key: "ctrl-w" }]);
  });
  it("turns pasted lines into text and Enter, as if typed", () => {
    expect(decodeInput("echo a\r\necho b\n")).toEqual([{ text: "echo a" }, { key: "enter" }, { text: "echo b" }, { key: "enter" }]);
    expect(decodeInput("\x1b[200~ls\x1b[201~")).toEqual([{ text: "ls" }]);
  });
});

describe("Transcript", () => {
  it("keeps the newest lines and the unfinished one", () => {
    const t = new Transcript([], 2);
    t.append("a\nb\nc\n$ ");
    expect(t.save()).toEqual(["b", "c", "$ "]);
  });
});
