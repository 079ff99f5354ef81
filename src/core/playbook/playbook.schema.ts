import { z } from 'zod';
import { FACT_VALUES, type FactKey, FORM_KINDS } from './playbook.types.js';

/** Shapes of a school's playbook file: a whole playbook, or an extension of a known one. */

const KEY = /^[a-z0-9][a-z0-9-]{0,62}$/;
const key = z.string().regex(KEY, { error: 'use lowercase letters, digits and dashes (a-z, 0-9, -)' });
const text = z.string().trim().min(1, { error: 'must not be empty' }).max(3000);

export const localizedSchema = z.strictObject({ nl: text, en: text.optional() });

const FACT_KEYS = Object.keys(FACT_VALUES) as [FactKey, ...FactKey[]];

const conditionSchema = z
  .strictObject({ fact: z.enum(FACT_KEYS), in: z.array(z.string()).min(1) })
  .superRefine((condition, ctx) => {
    const allowed: readonly string[] = FACT_VALUES[condition.fact] ?? [];
    condition.in.forEach((value, index) => {
      if (!allowed.includes(value)) {
        ctx.addIssue({
          code: 'custom',
          path: ['in', index],
          message: `"${value}" is not one of ${allowed.join(', ')}`,
        });
      }
    });
  });

const stepFields = {
  posterOrder: z.number().int().positive().optional(),
  guidance: z.array(localizedSchema).optional(),
  applicableWhen: z.array(conditionSchema).optional(),
  form: z.enum(FORM_KINDS as [string, ...string[]]).optional(),
  dueAfterHours: z
    .number()
    .positive()
    .max(24 * 365)
    .optional(),
};

const stepSchema = z.strictObject({ key, title: localizedSchema, ...stepFields });
const stepPatchSchema = z.strictObject({ key, title: localizedSchema.optional(), ...stepFields });

const contactSchema = z.strictObject({
  key,
  name: localizedSchema,
  description: localizedSchema.optional(),
  phone: z.string().trim().min(3).max(40).optional(),
  url: z.url({ protocol: /^https$/, error: 'must be a web address starting with https://' }).optional(),
});

const importantSchema = z.strictObject({
  title: localizedSchema,
  intro: localizedSchema,
  slogan: localizedSchema,
  closing: localizedSchema,
});

export const playbookFileSchema = z.strictObject({
  key,
  version: z.number().int().positive(),
  name: localizedSchema,
  goal: localizedSchema,
  important: importantSchema,
  tips: z.array(localizedSchema),
  contacts: z.array(contactSchema),
  phases: z.array(z.strictObject({ key, title: localizedSchema, steps: z.array(stepSchema).min(1) })).min(1),
});

export const playbookExtensionSchema = z.strictObject({
  /** `stappenplan-sexting` or `stappenplan-sexting@1`. */
  extends: z.string().regex(/^[a-z0-9][a-z0-9-]*(@\d+)?$/, { error: 'write the key, optionally @version' }),
  key,
  version: z.number().int().positive(),
  name: localizedSchema.optional(),
  goal: localizedSchema.optional(),
  important: importantSchema.optional(),
  addTips: z.array(localizedSchema).optional(),
  contacts: z.array(contactSchema).optional(),
  phases: z
    .array(
      z.strictObject({ key, title: localizedSchema.optional(), steps: z.array(stepPatchSchema).optional() }),
    )
    .optional(),
  removeSteps: z.array(key).optional(),
});

export type PlaybookFile = z.infer<typeof playbookFileSchema>;
export type PlaybookExtension = z.infer<typeof playbookExtensionSchema>;
export type StepPatch = z.infer<typeof stepPatchSchema>;

/** Turns zod's findings into "phases[2].steps[0].title.nl: must not be empty" lines. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const extraKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    if (extraKeys.length > 0) {
      return extraKeys.map((name) => `${formatPath([...issue.path, name])}: unknown field`).join('; ');
    }
    return `${formatPath(issue.path)}: ${issueMessage(issue)}`;
  });
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(file)';
}

function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${article(issue.expected)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array' ? `needs at least ${issue.minimum} item(s)` : issue.message;
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  if (expected === 'object') return 'a mapping of fields';
  if (expected === 'array') return 'a list';
  if (expected === 'string') return 'text';
  return `a ${expected}`;
}
