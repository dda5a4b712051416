/**
 * The frontmatter of a lesson (`lessons/<nn-slug>/lesson.md`). Strict objects: an unknown or
 * misspelt key is an error (at build time, and in `npm run lessons:test`, which names the file
 * and the field), not a silently ignored setting. The lesson engine
 * (src/runtime/lessons) receives the same data as plain objects: see src/lessons/plan.ts.
 */
import { z } from "astro/zod";

const kebab = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const attributeValues = z.record(z.union([z.string(), z.number(), z.boolean()]));
const requestFilter = z
  .object({ namespace: z.string().optional(), pod: z.string().optional(), host: z.string().optional() })
  .strict();
const logCheck = z.object({ contains: z.string().min(1), count: z.number().int().positive().optional() }).strict();

/** The raw (as written) form of a check: one object with exactly one of these keys. */
export interface RawCheck {
  object?: { kind: string; name: string; namespace?: string; exists?: boolean; contains?: unknown };
  lastRequests?: { from?: z.infer<typeof requestFilter>; count?: number; statuses?: number[]; deniedByMixer?: boolean };
  mixerRule?: { name: string; namespace?: string; matches?: Record<string, string | number | boolean>; ignores?: Record<string, string | number | boolean>; handlers?: string[] };
  mixerLog?: z.infer<typeof logCheck>;
  gatewayLog?: z.infer<typeof logCheck>;
  env?: Record<string, string>;
  ran?: string;
  all?: RawCheck[];
  any?: RawCheck[];
  not?: RawCheck;
}

export const CHECK_KINDS = ["object", "lastRequests", "mixerRule", "mixerLog", "gatewayLog", "env", "ran", "all", "any", "not"] as const;

/** A predicate over the sandbox; the engine (src/runtime/lessons/checks.ts) evaluates it. */
export const checkSchema: z.ZodType<RawCheck, z.ZodTypeDef, unknown> = z.lazy(() =>
  z
    .unknown()
    // Counted on the raw object, so a misspelt kind is reported once, as an unrecognized key.
    .superRefine((raw, ctx) => {
      const keys = raw && typeof raw === "object" && !Array.isArray(raw) ? Object.keys(raw) : [];
      if (keys.length !== 1) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `a check has exactly one of the keys ${CHECK_KINDS.join(", ")} (found ${keys.length ? keys.join(", ") : "none"})` });
      }
    })
    .pipe(checkObject()),
);

function checkObject() {
  return z
    .object({
      object: z
        .object({
          kind: z.string().min(1),
          name: z.string().min(1),
          namespace: z.string().optional(),
          exists: z.boolean().optional(),
          contains: z.unknown().optional(),
        })
        .strict()
        .optional(),
      lastRequests: z
        .object({
          from: requestFilter.optional(),
          count: z.number().int().positive().optional(),
          statuses: z.array(z.number().int().min(0)).min(1).optional(),
          deniedByMixer: z.boolean().optional(),
        })
        .strict()
        .optional(),
      mixerRule: z
        .object({
          name: z.string().min(1),
          namespace: z.string().optional(),
          matches: attributeValues.optional(),
          ignores: attributeValues.optional(),
          handlers: z.array(z.string()).optional(),
        })
        .strict()
        .optional(),
      mixerLog: logCheck.optional(),
      gatewayLog: logCheck.optional(),
      env: z.record(z.string()).optional(),
      ran: z.string().min(1).optional(),
      all: z.array(checkSchema).min(1).optional(),
      any: z.array(checkSchema).min(1).optional(),
      not: checkSchema.optional(),
    })
    .strict();
}

/** One thing the reader does: a few sentences of Markdown and the commands to type. */
export const stepSchema = z
  .object({
    /** Stable anchor and progress key: lower-case words joined by dashes. */
    id: z.string().regex(kebab, "step ids are lower-case words joined by dashes"),
    title: z.string().min(1),
    /** Markdown shown before the commands. */
    text: z.string().optional(),
    /** Each entry is one command as a reader types it (a heredoc stays one entry). */
    commands: z.array(z.string().min(1)).min(1),
    /** What the last command prints (stdout, then stderr), compared in the `match` mode. */
    expected: z.string().optional(),
    /** How `expected` is compared: exact, contains, elided (default: `...` lines and in-line `...`), like. */
    match: z.enum(["exact", "contains", "elided", "like"]).optional(),
    /** What must be true once the step is done. */
    check: checkSchema.optional(),
    /** The sentence the reader sees when the check fails. */
    failure: z.string().min(1).optional(),
    /** Shown one by one on request. */
    hints: z.array(z.string().min(1)).optional(),
    /** Commands that reach the step's end state (default: `commands`). */
    solution: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

export const lessonStartSchema = z.union([
  z.object({ from: z.literal("previous") }).strict(),
  z.object({ checkpoint: z.string().regex(kebab, "a checkpoint is a lesson's slug, e.g. before-you-begin") }).strict(),
]);

export const lessonSchema = z
  .object({
    title: z.string().min(1),
    /** One or two sentences: what the lesson teaches (shown on the course home). */
    description: z.string().min(1),
    /** Position in the course, 1-based. */
    order: z.number().int().positive(),
    /** Default `{ from: previous }`: the previous lesson's end state. `{ checkpoint: <slug> }`: that lesson's end state. */
    start: lessonStartSchema.optional(),
    /** Commands run on the start state before the reader's first step. */
    setup: z.array(z.string().min(1)).optional(),
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

/**
 * Zod's issues as `file: field.path: message` lines. An unknown key is reported at the key
 * itself (`steps.1.chek: Unrecognized key`), which is where the author has to look.
 */
export function formatSchemaErrors(file: string, error: z.ZodError): string[] {
  const out: string[] = [];
  const where = (path: (string | number)[]) => (path.length ? path.join(".") : "(frontmatter)");
  for (const issue of error.issues) {
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      for (const key of issue.keys) out.push(`${file}: ${where([...issue.path, key])}: Unrecognized key`);
    } else if (issue.code === z.ZodIssueCode.invalid_union) {
      // Report the branch that got furthest: its deepest issue is the useful one.
      const nested = issue.unionErrors.flatMap((e) => e.issues).sort((a, b) => b.path.length - a.path.length)[0];
      out.push(nested ? formatSchemaErrors(file, new z.ZodError([nested]))[0] : `${file}: ${where(issue.path)}: ${issue.message}`);
    } else out.push(`${file}: ${where(issue.path)}: ${issue.message}`);
  }
  return out;
}
