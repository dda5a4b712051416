/** The blog's requests as readers type them in lesson 7 (the dashboard), shared by its browser tests. */

export const DASHBOARD_LESSON = "/lessons/dashboard/";
export const SOURCE_POD = "export SOURCE_POD=$(kubectl get pod -l app=sleep -o jsonpath={.items..metadata.name})";
/** politics, sport, health from sleep.default: 404, 200, 200 once the listchecker is in place. */
export const BLOG_REQUESTS =
  `kubectl exec -it $SOURCE_POD -c sleep -- bash -c 'curl -sL -o /dev/null -w "%{http_code}\\n" http://edition.cnn.com/politics; ` +
  `curl -sL -o /dev/null -w "%{http_code}\\n" http://edition.cnn.com/sport; curl -sL -o /dev/null -w "%{http_code}\\n" http://edition.cnn.com/health'`;
