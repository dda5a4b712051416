// The course as the lesson engine needs it (src/runtime/lessons/types.ts LessonPlan[]), for the
// Web Worker: it builds a lesson's start state by replaying earlier lessons' solutions.
import type { APIRoute } from "astro";
import { lessonsInOrder } from "../lessons/order.ts";
import { toLessonPlan } from "../lessons/plan.ts";

export const GET: APIRoute = async () => {
  const plans = (await lessonsInOrder()).map((lesson) => toLessonPlan(lesson.id, lesson.data));
  return new Response(JSON.stringify(plans), { headers: { "Content-Type": "application/json" } });
};
