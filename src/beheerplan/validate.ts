import type { Msg } from '../i18n/index.js';
import { crossCheck } from './crosscheck.js';
import { parsePlanText, type PlanFormat } from './parse.js';
import { fromZodIssue, problemLines, type Source } from './problems.js';
import { beheerplanSchema, SECTION_NAMES, type Beheerplan } from './schema.js';
import type { SectionName } from './sections.js';

/** A plan that passed every check, with the sections the file actually contained. */
export interface ValidPlan {
  plan: Beheerplan;
  /** Sections present in the file; the others are left as they are on import. */
  present: SectionName[];
  format: PlanFormat;
}

export type Validation = ({ ok: true } & ValidPlan) | { ok: false; problems: Msg[] };

/** The plan as stored and exported: defaults filled in, the editor-only `$schema` key dropped. */
export function normalise(plan: Beheerplan): Beheerplan {
  const { $schema: _editorHint, ...rest } = plan;
  return rest;
}

export function validatePlanData(data: unknown, format: PlanFormat, source: Source | null = null): Validation {
  const parsed = beheerplanSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, problems: problemLines(parsed.error.issues.flatMap(fromZodIssue), data, source) };
  }
  const cross = crossCheck(parsed.data);
  if (cross.length > 0) return { ok: false, problems: problemLines(cross, data, source) };
  const keys = Object.keys(data as object);
  return { ok: true, plan: normalise(parsed.data), present: SECTION_NAMES.filter((s) => keys.includes(s)), format };
}

/** Parses YAML or JSON (by file name, else by content) and validates it. */
export function validatePlanText(text: string, fileName?: string): Validation {
  const parsed = parsePlanText(text, fileName);
  if (!parsed.ok) return parsed;
  return validatePlanData(parsed.data, parsed.format, parsed);
}
