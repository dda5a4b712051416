/**
 * The Dashboard, Requests and Graph panels fetch from the worker on a timer while their tab is
 * shown, and once more right after a command (so its requests show without waiting for the poll).
 */

/** What such a panel offers the page. */
export interface PolledPanel {
  show(): void;
  hide(): void;
  /** Fetches again now (after a command). */
  refresh(): void;
}

/** The shown/hidden state and the timer of one panel; `fetch` should do nothing while `visible` is false. */
export class PanelPolling implements PolledPanel {
  visible = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly fetch: () => Promise<void>, private readonly intervalMs: number) {}

  show = (): void => {
    this.visible = true;
    void this.fetch();
    this.timer ??= setInterval(() => void this.fetch(), this.intervalMs);
  };

  hide = (): void => {
    this.visible = false;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  };

  refresh = (): void => {
    void this.fetch();
  };
}
