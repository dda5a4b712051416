/**
 * What every browser test needs: the lesson page with a ready terminal, the terminal's visible
 * text, typing into it like a reader, and a guard that the page never leaves its own origin.
 * Waiting is always on a condition (performance marks the page sets, visible text), never a sleep.
 */
import { expect, test as base, type Page } from "@playwright/test";

export const LESSON = "/lessons/before-you-begin/";
export const TERMINAL_INPUT = "Terminal: type shell commands here";

/** Requests the page made outside its own origin (data: and blob: URLs are local). */
function foreignRequests(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on("request", (request) => {
    const url = request.url();
    if (url.startsWith("data:") || url.startsWith("blob:")) return;
    if (new URL(url).origin !== origin) foreign.push(url);
  });
  return foreign;
}

/**
 * `test` with an automatic check, in every test, that the page made no request to another
 * origin (the site must work offline: no CDN, fonts or analytics). `foreign` exposes the list.
 */
export const test = base.extend<{ foreign: string[] }>({
  foreign: [
    async ({ page, baseURL }, use) => {
      const foreign = foreignRequests(page, new URL(baseURL!).origin);
      await use(foreign);
      expect(foreign, "requests to other origins").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** How many times the page set a performance mark (terminal-ready, sandbox-saved...). */
export function markCount(page: Page, name: string): Promise<number> {
  return page.evaluate((n) => performance.getEntriesByName(n, "mark").length, name);
}

/** Opens the lesson and waits until the worker answered and the prompt is drawn. */
export async function openLesson(page: Page): Promise<void> {
  await page.goto(LESSON);
  await waitForTerminal(page);
}

export async function waitForTerminal(page: Page): Promise<void> {
  await expect.poll(() => markCount(page, "terminal-ready"), { message: "terminal ready" }).toBe(1);
  await expect(page.getByRole("textbox", { name: TERMINAL_INPUT })).toBeAttached();
}

/**
 * The terminal's visible rows as text. xterm draws with its DOM renderer; the rows live in the
 * Terminal tab panel (found by its accessible name), one element per row.
 */
export async function terminalText(page: Page): Promise<string> {
  const rows = page.getByRole("tabpanel", { name: "Terminal" }).locator(".xterm-rows");
  const text = await rows.innerText();
  return text.replace(/\u00a0/g, " ");
}

/** Types a command at the prompt and presses Enter, key by key, as a reader would. */
export async function typeCommand(page: Page, command: string): Promise<void> {
  const input = page.getByRole("textbox", { name: TERMINAL_INPUT });
  await input.focus();
  await page.keyboard.type(command);
  await page.keyboard.press("Enter");
}

/** Waits until the terminal shows `expected` (a string or pattern). */
export async function expectTerminal(page: Page, expected: string | RegExp): Promise<void> {
  await expect
    .poll(() => terminalText(page), { message: `terminal shows ${String(expected)}` })
    .toMatch(typeof expected === "string" ? new RegExp(escapeRegExp(expected)) : expected);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The lesson's Run buttons, in step order (their names are `Run: <first line of the command>`). */
export function runButtons(page: Page) {
  return page.getByRole("button", { name: /^Run:/ });
}

/**
 * Runs the lesson's first three steps with their Run buttons (SOURCE_POD, the Gateway, the
 * ServiceEntry/VirtualService/DestinationRule) and waits for the last one's output.
 */
export async function runSetupSteps(page: Page): Promise<void> {
  for (let i = 0; i < 3; i++) await runButtons(page).nth(i).click();
  await expectTerminal(page, "Created config destination-rule/default/originate-tls-for-edition-cnn-com at rev");
}

/** Runs `command` and waits until the sandbox saved the state it left (a `sandbox-saved` mark after it). */
export async function runAndSave(page: Page, command: string, output: string | RegExp): Promise<void> {
  const saves = await markCount(page, "sandbox-saved");
  await typeCommand(page, command);
  await expectTerminal(page, output);
  await expect.poll(() => markCount(page, "sandbox-saved"), { message: `saved after ${command}` }).toBeGreaterThan(saves);
}
