import type { PlanSections } from '../capability.js';
import type { ComplexRow } from '../handler.js';
import { msg, type Msg } from '../i18n/index.js';
import { SECTION_NAMES, type Beheerplan } from './schema.js';
import type { SectionName } from './sections.js';
import type { ValidPlan } from './validate.js';

/** What an import would change, for the confirmation message: names added, changed and removed per section. */

const MAX_NAMES = 8;

function names(list: string[]): string {
  return list.length > MAX_NAMES ? `${list.slice(0, MAX_NAMES).join(', ')}, …` : list.join(', ');
}

function keyed(section: 'tasks' | 'items' | 'categories' | 'polls', plan: Beheerplan): Map<string, string> {
  const entries: { key: string; json: string }[] = section === 'categories'
    ? plan.categories.map((c) => ({ key: c.category, json: JSON.stringify(c) }))
    : plan[section].map((e) => ({ key: e.name, json: JSON.stringify(e) }));
  return new Map(entries.map((e) => [e.key, e.json]));
}

export function describeChanges(sections: PlanSections, complex: ComplexRow, current: Beheerplan, next: ValidPlan): Msg[] {
  const lines: Msg[] = [];
  const c = next.plan.complex;
  if (c.name !== undefined && c.name !== complex.name) lines.push(msg('beheerplan.change.name', { from: complex.name, to: c.name }));
  if (c.timezone !== undefined && c.timezone !== complex.timezone) {
    lines.push(msg('beheerplan.change.timezone', { from: complex.timezone, to: c.timezone }));
  }
  if (c.language !== undefined && c.language !== complex.language) {
    lines.push(msg('beheerplan.change.language', { from: complex.language, to: c.language }));
  }
  for (const section of SECTION_NAMES) {
    if (!next.present.includes(section)) continue;
    const label = msg(`beheerplan.section.${section}`);
    if (section === 'escalation' || section === 'reminders') {
      if (JSON.stringify(current[section] ?? null) !== JSON.stringify(next.plan[section] ?? null)) {
        lines.push(msg('beheerplan.change.settings', { section: label }));
      }
      continue;
    }
    const before = keyed(section, current);
    const after = keyed(section, next.plan);
    const added = [...after.keys()].filter((k) => !before.has(k));
    const changed = [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k));
    let removed = [...before.keys()].filter((k) => !after.has(k));
    const pausesAbsent = sections.get(section)?.absent === 'paused';
    if (pausesAbsent) {
      // Already paused items stay paused: nothing changes for them.
      const pausedNow = new Set((current[section] as { name?: string; paused?: boolean }[] | undefined ?? [])
        .filter((item) => item.paused).map((item) => (item.name ?? '').toLowerCase()));
      removed = removed.filter((k) => !pausedNow.has(k.toLowerCase()));
    }
    if (added.length) lines.push(msg('beheerplan.change.added', { section: label, names: names(added) }));
    if (changed.length) lines.push(msg('beheerplan.change.changed', { section: label, names: names(changed) }));
    if (removed.length) {
      lines.push(msg(pausesAbsent ? 'beheerplan.change.paused' : 'beheerplan.change.removed', { section: label, names: names(removed) }));
    }
  }
  if (lines.length === 0) lines.push(msg('beheerplan.change.none'));
  const kept: SectionName[] = SECTION_NAMES.filter((s) => !next.present.includes(s));
  if (kept.length > 0) lines.push(msg('beheerplan.change.kept', { sections: kept.join(', ') }));
  return lines;
}
