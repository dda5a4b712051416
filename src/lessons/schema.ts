/**
 * The frontmatter of a lesson (`lessons/<nn-slug>/lesson.md`). Strict objects: an unknown or
 * misspelt key is an error at build time, not a silently ignored setting. Kept small on
 * purpose; the lessons issue grows it (checks, setup, solutions) by adding optional fields.
 */
import { z } from "astro/zod";

/** One thing the reader does: a few sentences of Markdown and the commands to type. */
export const stepSchema = z
  .object({
    /** Stable anchor and progress key: lower-case words joined by dashes. */
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "step ids are lower-case words joined by dashes"),
    title: z.string().min(1),
    /** Markdown shown before the commands. */
    text: z.string().optional(),
    /** Each entry is one command as a reader types it (a heredoc stays one entry). */
    commands: z.array(z.string().min(1)).min(1),
    /** What the last command prints; `...` lines stand for any lines, as in the Istio docs. */
    expected: z.string().optional(),
  })
  .strict();

export const lessonSchema = z
  .object({
    title: z.string().min(1),
    /** One or two sentences: what the lesson teaches (shown on the course home). */
    description: z.string().min(1),
    /** Position in the course, 1-based. */
    order: z.number().int().positive(),
    steps: z.array(stepSchema).min(1),
  })
  .strict()
  .superRefine((lesson, ctx) => {
    const seen = new Set<string>();
    lesson.steps.forEach((step, i) => {
      if (seen.has(step.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["steps", i, "id"], message: `duplicate step id "${step.id}"` });
      seen.add(step.id);
    });
  });

export type LessonStep = z.infer<typeof stepSchema>;
export type LessonFrontmatter = z.infer<typeof lessonSchema>;
