/**
 * Reads the course from disk (Node only: the lesson tests and scripts). Every lesson folder's
 * frontmatter is validated; problems come back as `lessons/<folder>/lesson.md: field: message`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { formatSchemaErrors, lessonSchema } from "./schema.ts";
import { lessonSlug, toLessonPlan } from "./plan.ts";
import type { LessonPlan } from "../runtime/lessons/types.ts";

export interface LoadedCourse {
  /** Valid lessons, in course order. */
  lessons: LessonPlan[];
  /** The file of each lesson id, relative to the project root. */
  files: Map<string, string>;
  errors: string[];
}

/** The YAML between the first two `---` lines of a Markdown file. */
export function frontmatterOf(text: string): string | undefined {
  const m = text.match(/^---\r?\n([\s\S]*?)\r?\n---\s*(?:\r?\n|$)/);
  return m?.[1];
}

/** Validates one lesson file's text; `file` is the name errors are reported under. */
export function parseLessonFile(file: string, id: string, text: string): { plan?: LessonPlan; errors: string[] } {
  const yaml = frontmatterOf(text);
  if (yaml === undefined) return { errors: [`${file}: no frontmatter (the file must start with a --- line)`] };
  let data: unknown;
  try {
    data = parseYaml(yaml);
  } catch (e) {
    return { errors: [`${file}: frontmatter is not valid YAML: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`] };
  }
  const result = lessonSchema.safeParse(data);
  if (!result.success) return { errors: formatSchemaErrors(file, result.error) };
  return { plan: toLessonPlan(id, result.data), errors: [] };
}

export function loadCourse(root: string, dir = "lessons"): LoadedCourse {
  const folders = readdirSync(join(root, dir), { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d+-/.test(d.name))
    .map((d) => d.name)
    .sort();
  const lessons: LessonPlan[] = [];
  const files = new Map<string, string>();
  const errors: string[] = [];
  for (const folder of folders) {
    const file = `${dir}/${folder}/lesson.md`;
    let text: string;
    try {
      text = readFileSync(join(root, file), "utf8");
    } catch {
      errors.push(`${file}: missing (every lesson folder holds a lesson.md)`);
      continue;
    }
    const parsed = parseLessonFile(file, lessonSlug(folder), text);
    errors.push(...parsed.errors);
    if (parsed.plan) {
      lessons.push(parsed.plan);
      files.set(parsed.plan.id, file);
    }
  }
  lessons.sort((a, b) => a.order - b.order);
  return { lessons, files, errors };
}
