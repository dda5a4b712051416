import { describe, expect, it } from "vitest";
import { needsMoreInput, splitTypedCommands } from "../../../src/runtime/shell/continuation.ts";

describe("needsMoreInput (bash's `> ` continuation)", () => {
  it("waits for the end of an open heredoc", () => {
    expect(needsMoreInput("cat <<EOF | istioctl create -f -")).toBe(true);
    expect(needsMoreInput("cat <<EOF | istioctl create -f -\nkind: Gateway")).toBe(true);
    expect(needsMoreInput("cat <<EOF | istioctl create -f -\nkind: Gateway\nEOF")).toBe(false);
  });
  it("honours <<- (leading tabs) and quoted delimiters", () => {
    expect(needsMoreInput("cat <<-'END'\n\tx\n\tEND")).toBe(false);
    expect(needsMoreInput('cat <<"END"\nx')).toBe(true);
  });
  it("does not take << inside quotes for a heredoc", () => {
    expect(needsMoreInput("echo '<<EOF'")).toBe(false);
  });
  it("waits for a closing quote, a loop's done, a trailing pipe or backslash", () => {
    expect(needsMoreInput("echo 'abc")).toBe(true);
    expect(needsMoreInput("for i in 1 2; do")).toBe(true);
    expect(needsMoreInput("for i in 1 2; do\necho $i\ndone")).toBe(false);
    expect(needsMoreInput("kubectl get pods |")).toBe(true);
    expect(needsMoreInput("kubectl get pods \\")).toBe(true);
    expect(needsMoreInput("true &&")).toBe(true);
  });
  it("says a syntax error is complete (bash reports it instead of waiting)", () => {
    expect(needsMoreInput("echo )")).toBe(false);
  });
});

describe("splitTypedCommands", () => {
  it("keeps heredocs whole and drops blank and comment lines", () => {
    const script = "# comment\nexport A=1\n\ncat <<EOF | wc -l\na\n# not a comment here\nEOF\necho $A\n";
    expect(splitTypedCommands(script)).toEqual(["export A=1", "cat <<EOF | wc -l\na\n# not a comment here\nEOF", "echo $A"]);
  });
});

describe("needsMoreInput: words that only look like keywords", () => {
  it("treats reserved words as such only in command position", () => {
    expect(needsMoreInput("echo do if case")).toBe(false);
    expect(needsMoreInput("kubectl label ns x app=if")).toBe(false);
    expect(needsMoreInput("if true; then echo yes; fi")).toBe(false);
    expect(needsMoreInput("if true; then")).toBe(true);
    expect(needsMoreInput("export P=$(kubectl get pods")).toBe(true);
    expect(needsMoreInput("export P=$(kubectl get pods)")).toBe(false);
    expect(needsMoreInput("{ echo a; }")).toBe(false);
    expect(needsMoreInput("case $x in a) echo a;; esac")).toBe(false);
  });
  it("does not scan heredoc bodies as code", () => {
    expect(needsMoreInput("cat <<EOF\nit's (open\nEOF")).toBe(false);
  });
});
