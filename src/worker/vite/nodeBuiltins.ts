/**
 * Stand-ins for the Node built-ins that just-bash's Node build imports (see ./justBashLazyCommands.ts).
 * The lab's worker never reaches the code that uses them (host file systems, worker threads for
 * python/sqlite/js-exec, DNS, crypto for temp names): each fails like a missing tool if it ever does.
 */
function unavailable(what: string): never {
  throw new Error(`${what} is not available in the browser lab`);
}

export function createRequire(): (id: string) => never {
  return (id: string) => unavailable(`require("${id}")`);
}
export const fileURLToPath = (): never => unavailable("fileURLToPath");
export const randomBytes = (): never => unavailable("crypto.randomBytes");
export const open = (): never => unavailable("fs.open");
export const lookup = (): never => unavailable("dns.lookup");
export const existsSync = (): never => unavailable("fs.existsSync");
export const readFileSync = (): never => unavailable("fs.readFileSync");
export const dirname = (): never => unavailable("path.dirname");
export const join = (): never => unavailable("path.join");
export const basename = (): never => unavailable("path.basename");
export const isAbsolute = (): never => unavailable("path.isAbsolute");
export const relative = (): never => unavailable("path.relative");
export const resolve = (): never => unavailable("path.resolve");
export const posix = undefined;
export const win32 = undefined;
export const sep = "/";
export const lstatSync = (): never => unavailable("fs.lstatSync");
export const statSync = (): never => unavailable("fs.statSync");
export const readdirSync = (): never => unavailable("fs.readdirSync");
export const readlinkSync = (): never => unavailable("fs.readlinkSync");
export const realpathSync = (): never => unavailable("fs.realpathSync");
export const promises = undefined;
export const constants = {};
export const stripTypeScriptTypes = (): never => unavailable("stripTypeScriptTypes");
export const setTimeout = (): never => unavailable("timers/promises.setTimeout");
export const parentPort = undefined;
export const workerData = undefined;
/** just-bash's sandbox guards use AsyncLocalStorage when there is one; its browser build has none either. */
export const AsyncLocalStorage = undefined;
export class Worker {
  constructor() {
    unavailable("worker_threads.Worker");
  }
}
export default {};
