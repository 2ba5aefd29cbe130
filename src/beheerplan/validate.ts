import { msg, type Msg } from '../i18n/index.js';
import { crossCheck } from './crosscheck.js';
import { parsePlanText, type PlanFormat } from './parse.js';
import { fromZodIssue, problemLines, type Source } from './problems.js';
import { beheerplanSchema, SECTION_NAMES, type Beheerplan } from './schema.js';
import type { PlanSections } from '../capability.js';
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

export function validatePlanData(sections: PlanSections, data: unknown, format: PlanFormat, source: Source | null = null): Validation {
  if (data === null || data === undefined) return { ok: false, problems: [msg('beheerplan.syntax.empty')] };
  const parsed = beheerplanSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, problems: problemLines(parsed.error.issues.flatMap(fromZodIssue), data, source) };
  }
  const keys = Object.keys(data);
  const present = SECTION_NAMES.filter((s) => keys.includes(s));
  const cross = crossCheck(parsed.data);
  // Owners check what their section means (only sections in the file: the others are not imported).
  for (const section of present) {
    const owner = sections.get(section);
    for (const p of owner?.validate?.(parsed.data[section]) ?? []) cross.push({ path: [section, ...p.path], what: p.what });
  }
  if (cross.length > 0) return { ok: false, problems: problemLines(cross, data, source) };
  return { ok: true, plan: normalise(parsed.data), present, format };
}

/** Parses YAML or JSON (by file name, else by content) and validates it. */
export function validatePlanText(sections: PlanSections, text: string, fileName?: string): Validation {
  const parsed = parsePlanText(text, fileName);
  if (!parsed.ok) return parsed;
  return validatePlanData(sections, parsed.data, parsed.format, parsed);
}
