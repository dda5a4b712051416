// Each lesson's start state, built once here (at build time; on request in `astro dev`) instead
// of in every reader's browser: installing the cluster and replaying earlier lessons' solutions
// costs a fresh worker about half a second. Built on a virtual clock at a fixed time (so builds
// are reproducible); the worker moves it to the present (src/runtime/lessons/rebase.ts).
import type { APIRoute, GetStaticPaths } from "astro";
import { VirtualClock } from "../../runtime/clock.ts";
import { LessonEngine } from "../../runtime/lessons/engine.ts";
import { lessonsInOrder } from "../../lessons/order.ts";
import { toLessonPlan } from "../../lessons/plan.ts";

/** When the build's start states happen: the blog's day (the worker moves them to the reader's now). */
const BUILT_AT = "2018-06-18T13:00:00Z";

let engine: Promise<LessonEngine> | undefined;

/** One engine for every lesson of the build: a lesson's start state is the previous one's end, cached. */
function courseEngine(): Promise<LessonEngine> {
  engine ??= lessonsInOrder().then((lessons) =>
    new LessonEngine(lessons.map((l) => toLessonPlan(l.id, l.data)), { newClock: () => VirtualClock.fromIso(BUILT_AT) }));
  return engine;
}

export const getStaticPaths: GetStaticPaths = async () => (await lessonsInOrder()).map((l) => ({ params: { lesson: l.id } }));

export const GET: APIRoute = async ({ params }) => {
  const start = await (await courseEngine()).buildStartState(String(params.lesson));
  return new Response(JSON.stringify(start), { headers: { "Content-Type": "application/json" } });
};
