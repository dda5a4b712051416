/**
 * Stands in for prettier in monaco-yaml's worker (stack-notes #11): prettier is 44% of that
 * worker and only serves "Format Document", which the editor does not offer. yaml-language-server
 * catches the rejection and returns no edits.
 */
export async function format(): Promise<string> {
  throw new Error("formatting is not available in this editor");
}
export default {};
