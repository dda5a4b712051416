/**
 * curl 7.35's progress meter (lib/progress.c), shown on stderr when the body goes to a file
 * and -s is not given. The real meter redraws a line with `\r` several times a second; the lab
 * prints the state each line settles in: the two-line header once per URL, then one final line
 * per hop (curl ends each hop's line with a newline in Curl_pgrsDone).
 */

export const PROGRESS_HEADER =
  "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n" +
  "                                 Dload  Upload   Total   Spent    Left  Speed\n";

const KB = 1024;
const MB = 1024 * KB;
const GB = 1024 * MB;

/** max5data: a byte count in at most five characters (`  178`, ` 148k`, ` 1.2M`, `  12G`...). */
export function max5(bytes: number): string {
  const b = Math.max(0, Math.trunc(bytes));
  if (b < 100000) return String(b).padStart(5);
  if (b < 10000 * KB) return String(Math.trunc(b / KB)).padStart(4) + "k";
  if (b < 100 * MB) return String(Math.trunc(b / MB)).padStart(2) + "." + String(Math.trunc((b % MB) / (MB / 10))) + "M";
  if (b < 10000 * MB) return String(Math.trunc(b / MB)).padStart(4) + "M";
  if (b < 100 * GB) return String(Math.trunc(b / GB)).padStart(2) + "." + String(Math.trunc((b % GB) / (GB / 10))) + "G";
  return String(Math.trunc(b / GB)).padStart(4) + "G";
}

/** time2str: `--:--:--` for zero, else ` H:MM:SS`. */
function time2str(seconds: number): string {
  const s = Math.trunc(seconds);
  if (s <= 0) return "--:--:--";
  const h = Math.trunc(s / 3600);
  if (h <= 99) {
    const m = Math.trunc((s - h * 3600) / 60);
    const sec = s - h * 3600 - m * 60;
    return `${String(h).padStart(2)}:${String(m).padStart(2, "0")}:${String(sec).padStart(2, "0")}`;
  }
  const d = Math.trunc(h / 24);
  return d <= 999 ? `${String(d).padStart(3)}d ${String(h - d * 24).padStart(2, "0")}h` : `${String(Math.trunc(d / 1000)).padStart(4)}k`;
}

export interface HopProgress {
  /** Body bytes received in this hop. */
  downloaded: number;
  /** Content-Length, when the response had one. */
  expectedDownload?: number;
  /** Request body bytes sent (POST). */
  uploaded: number;
  /** Seconds since the URL's transfer started (the meter's clock spans redirects). */
  elapsedSeconds: number;
}

function percent(done: number, total: number): number {
  if (total > 10000) return Math.trunc(done / Math.trunc(total / 100));
  if (total > 0) return Math.trunc((done * 100) / total);
  return 0;
}

/** The meter's final line for one hop, without the trailing newline. */
export function progressLine(p: HopProgress): string {
  const spent = p.elapsedSeconds;
  const divisor = spent > 0 ? spent : 1;
  const dlspeed = Math.trunc(p.downloaded / divisor);
  const ulspeed = Math.trunc(p.uploaded / divisor);
  const sizeKnown = p.expectedDownload !== undefined;
  const dlpercent = sizeKnown && dlspeed > 0 ? percent(p.downloaded, p.expectedDownload ?? 0) : 0;
  const ulpercent = p.uploaded > 0 && ulspeed > 0 ? percent(p.uploaded, p.uploaded) : 0;
  const dlestimate = sizeKnown && dlspeed > 0 ? Math.trunc((p.expectedDownload ?? 0) / dlspeed) : 0;
  const ulestimate = p.uploaded > 0 && ulspeed > 0 ? Math.trunc(p.uploaded / ulspeed) : 0;
  const estimate = Math.max(dlestimate, ulestimate);
  const expectedTotal = p.uploaded + (sizeKnown ? p.expectedDownload ?? 0 : p.downloaded);
  const totalPercent = percent(p.downloaded + p.uploaded, expectedTotal);
  return (
    `${String(totalPercent).padStart(3)} ${max5(expectedTotal)}  ` +
    `${String(dlpercent).padStart(3)} ${max5(p.downloaded)}  ` +
    `${String(ulpercent).padStart(3)} ${max5(p.uploaded)}  ` +
    `${max5(dlspeed)}  ${max5(ulspeed)} ` +
    `${time2str(estimate)} ${time2str(spent)} ${time2str(estimate > 0 ? estimate - Math.trunc(spent) : 0)} ` +
    max5(dlspeed + ulspeed)
  );
}

/** `-#`: the final state of the hash bar for an 80-column terminal. */
export function progressBarLine(): string {
  return "#".repeat(72) + " 100.0%";
}
