/**
 * The Graph tab: after the blog's requests from sleep (politics denied by the listchecker) and a
 * request from a pod deployed without a sidecar, the mesh graph shows sleep -> egress gateway ->
 * edition.cnn.com and the sidecar-less pod going straight to edition.cnn.com, around the gateway.
 */
import { expect, expectTerminal, test, typeCommand, waitForTerminal } from "./support/lab.ts";

/** Lesson 6 starts with the blog's gateway, logging and listchecker in place. */
const LESSON = "/lessons/policy-checks-part-2/";
const BLOG_REQUESTS =
  `kubectl exec -it $(kubectl get pod -l app=sleep -o jsonpath={.items..metadata.name}) -c sleep -- bash -c ` +
  `'for p in politics sport health; do curl -sL -o /dev/null -w "%{http_code} " http://edition.cnn.com/$p; done; echo sent-from-default'`;
const FROM_POLITICS =
  `kubectl exec -it -n politics $(kubectl get pod -n politics -l app=sleep -o jsonpath={.items..metadata.name}) -c sleep -- bash -c ` +
  `'curl -sL -o /dev/null -w "%{http_code} " http://edition.cnn.com/politics; echo sent-from-politics'`;

test("the Graph tab draws the routed path and the pod that bypasses the mesh", async ({ page }) => {
  await page.goto(LESSON);
  await waitForTerminal(page);

  await page.getByRole("tab", { name: "Graph" }).click();
  await expect(page.getByText(/No traffic in the last 5 minutes/)).toBeVisible();

  await page.getByRole("tab", { name: "Terminal" }).click();
  await typeCommand(page, BLOG_REQUESTS);
  await expectTerminal(page, "404 200 200 sent-from-default");
  await typeCommand(page, "kubectl create namespace politics && kubectl apply -n politics -f samples/sleep/sleep.yaml");
  await expectTerminal(page, 'deployment.extensions "sleep" created');
  await typeCommand(page, FROM_POLITICS);
  await expectTerminal(page, "200 sent-from-politics");

  await page.getByRole("tab", { name: "Graph" }).click();
  const edges = page.getByRole("table", { name: "Edges in the last 5 minutes" });
  const row = (from: string, to: string) => edges.getByRole("row").filter({ has: page.getByRole("cell", { name: from, exact: true }) }).filter({ has: page.getByRole("cell", { name: to, exact: true }) });

  const toGateway = row("sleep (default)", "istio-egressgateway (istio-system)");
  await expect(toGateway).toContainText("67% 2xx · 33% 4xx");
  await expect(toGateway.getByRole("cell").nth(2)).toHaveText("3");
  const toCnn = row("istio-egressgateway (istio-system)", "edition.cnn.com");
  await expect(toCnn).toContainText("1 denied by Mixer");
  const bypass = row("sleep (politics)", "edition.cnn.com");
  await expect(bypass).toContainText("bypasses the mesh");

  const picture = page.getByRole("img", { name: /^Mesh graph, last 5 minutes:/ });
  await expect(picture).toHaveAttribute("aria-label", /sleep \(politics\) to edition\.cnn\.com: [0-9.]+ rps, .*\(bypasses the mesh\)/);
  await expect(picture).toHaveAttribute("aria-label", /sleep \(default\) to istio-egressgateway \(istio-system\): 0\.01 rps, 67% 2xx · 33% 4xx/);

  // A shorter window divides the same requests by fewer seconds.
  await page.getByRole("combobox", { name: "Time window" }).selectOption({ label: "Last 1 minute" });
  await expect(page.getByRole("table", { name: "Edges in the last minute" })).toContainText("0.05 rps");
});
