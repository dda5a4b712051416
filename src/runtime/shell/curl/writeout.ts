/**
 * `-w/--write-out` as curl 7.35 renders it (src/tool_writeout.c of that release): the 28
 * variables it knew, times with three decimals (six came in 7.52), `\n \r \t` escapes, `%%`,
 * and a warning on stderr for names it does not know (`%{http_version}` is 7.50+).
 */

/** What libcurl's getinfo reports after one URL's transfer (all hops). */
export interface TransferInfo {
  urlEffective: string;
  /** Last response's status; 0 when none arrived. */
  httpCode: number;
  /** Seconds. */
  timeTotal: number;
  timeNamelookup: number;
  timeConnect: number;
  timeAppconnect: number;
  timePretransfer: number;
  timeStarttransfer: number;
  timeRedirect: number;
  sizeHeader: number;
  sizeRequest: number;
  sizeDownload: number;
  sizeUpload: number;
  speedDownload: number;
  speedUpload: number;
  contentType?: string;
  numConnects: number;
  numRedirects: number;
  redirectUrl?: string;
  filenameEffective?: string;
  remoteIp: string;
  remotePort: number;
  localIp: string;
  localPort: number;
}

type Render = (info: TransferInfo) => string;

const seconds = (v: number): string => v.toFixed(3);
const code3 = (v: number): string => String(v).padStart(3, "0");

const VARIABLES: ReadonlyMap<string, Render> = new Map<string, Render>([
  ["url_effective", (i) => i.urlEffective],
  ["http_code", (i) => code3(i.httpCode)],
  ["response_code", (i) => code3(i.httpCode)],
  ["http_connect", () => "000"],
  ["time_total", (i) => seconds(i.timeTotal)],
  ["time_namelookup", (i) => seconds(i.timeNamelookup)],
  ["time_connect", (i) => seconds(i.timeConnect)],
  ["time_appconnect", (i) => seconds(i.timeAppconnect)],
  ["time_pretransfer", (i) => seconds(i.timePretransfer)],
  ["time_starttransfer", (i) => seconds(i.timeStarttransfer)],
  ["time_redirect", (i) => seconds(i.timeRedirect)],
  ["size_header", (i) => String(i.sizeHeader)],
  ["size_request", (i) => String(i.sizeRequest)],
  ["size_download", (i) => String(i.sizeDownload)],
  ["size_upload", (i) => String(i.sizeUpload)],
  ["speed_download", (i) => i.speedDownload.toFixed(3)],
  ["speed_upload", (i) => i.speedUpload.toFixed(3)],
  ["content_type", (i) => i.contentType ?? ""],
  ["num_connects", (i) => String(i.numConnects)],
  ["num_redirects", (i) => String(i.numRedirects)],
  ["ftp_entry_path", () => ""],
  ["redirect_url", (i) => i.redirectUrl ?? ""],
  ["ssl_verify_result", () => "0"],
  ["filename_effective", (i) => i.filenameEffective ?? ""],
  ["remote_ip", (i) => i.remoteIp],
  ["remote_port", (i) => String(i.remotePort)],
  ["local_ip", (i) => i.localIp],
  ["local_port", (i) => String(i.localPort)],
]);

const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t" };

/** Renders a write-out format; unknown variables add a warning line to `stderr`. */
export function renderWriteOut(format: string, info: TransferInfo): { stdout: string; stderr: string } {
  let out = "";
  let err = "";
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    const next = format[i + 1];
    if (c === "%" && next !== undefined) {
      if (next === "%") {
        out += "%";
        i += 2;
      } else if (next === "{") {
        const end = format.indexOf("}", i);
        i += 2;
        if (end < 0) {
          out += "%{";
          continue;
        }
        const name = format.slice(i, end);
        const render = VARIABLES.get(name.toLowerCase());
        if (render) out += render(info);
        else err += `curl: unknown --write-out variable: '${name}'\n`;
        i = end + 1;
      } else {
        out += c + next;
        i += 2;
      }
    } else if (c === "\\" && next !== undefined) {
      out += ESCAPES[next] ?? c + next;
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return { stdout: out, stderr: err };
}
