// Lessons are read from the top-level `lessons/` folder: one folder per lesson, `lesson.md` in it.
import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { lessonSchema } from "./lessons/schema.ts";

const lessons = defineCollection({
  loader: glob({
    base: "./lessons",
    pattern: "*/lesson.md",
    // `01-before-you-begin/lesson.md` -> `before-you-begin`: the order lives in the frontmatter.
    generateId: ({ entry }) => entry.split("/")[0].replace(/^\d+-/, ""),
  }),
  schema: lessonSchema,
});

export const collections = { lessons };
