/**
 * The lesson page's <head> script names the runtime worker after its lesson
 * (`egress-lab-runtime:<lesson>`), so the worker prepares that lesson's sandbox as soon as its code
 * has run rather than when init arrives. Chromium holds messages posted to a worker whose script
 * has not run yet until the page's main thread is free to pass them on, and by then the page is
 * busy drawing the terminal: init came ~200 ms late.
 */
import type { InitParams } from "./protocol.ts";

const EARLY_WORKER_NAME = /^egress-lab-runtime:(.+)$/;

/** The lesson a worker was named after by the lesson page, if it was. */
export function lessonOfWorkerName(name: string): string | undefined {
  return EARLY_WORKER_NAME.exec(name)?.[1];
}

/** A start prepared before init: init takes it once, when it asks for exactly what was prepared. */
export class EarlyStart<T> {
  private prepared: Promise<T> | undefined;

  constructor(readonly lesson: string, prepared: Promise<T>) {
    this.prepared = prepared;
  }

  /** The prepared start for `params`, or undefined (another lesson, a fresh start, setup commands, or taken already). */
  take(params: InitParams): Promise<T> | undefined {
    const prepared = this.prepared;
    this.prepared = undefined;
    return params.lesson === this.lesson && !params.fresh && params.setup.length === 0 ? prepared : undefined;
  }
}
