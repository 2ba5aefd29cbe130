import { sections } from '../support/plan.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPlan } from '../../src/beheerplan/export.js';
import { REPORT_CATEGORIES } from '../../src/beheerplan/schema.js';
import { validatePlanData, validatePlanText } from '../../src/beheerplan/validate.js';

/** Any text people might type: full Unicode, quotes, colons, '#', newlines, leading dashes. */
const text = (max: number) => fc.string({ unit: 'binary', maxLength: max });
const name = text(40).map((s) => s.trim()).filter((s) => s.length > 0);
const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const hours = fc.double({ min: 0.25, max: 1000, noNaN: true });
const unique = <T extends { name: string }>(arb: fc.Arbitrary<T>) =>
  fc.uniqueArray(arb, { maxLength: 4, selector: (x) => x.name.toLocaleLowerCase('nl') });

const task = fc.record({
  name, recurrence: name, area: fc.option(text(30), { nil: undefined }), description: fc.option(text(80), { nil: undefined }),
  time, people: fc.integer({ min: 1, max: 20 }), points: fc.integer({ min: 0, max: 100 }),
  auto_assign_hours_before: fc.option(hours, { nil: undefined }), paused: fc.boolean(),
}, { requiredKeys: ['name', 'recurrence'] });

const item = fc.record({
  name, kind: fc.constantFrom('key', 'tool', 'supply'), location: fc.option(text(30), { nil: undefined }),
  loan_hours: hours, needs_approval: fc.boolean(),
}, { requiredKeys: ['name'] });

const poll = fc.record({
  name, question: name, options: fc.uniqueArray(name, { minLength: 2, maxLength: 5, selector: (s) => s.toLocaleLowerCase('nl') }),
  schedule: name, time, window_hours: hours,
}, { requiredKeys: ['name', 'question', 'options', 'schedule'] });

const plan = fc.record({
  complex: fc.record({ name, language: fc.constantFrom('nl', 'en') }, { requiredKeys: [] }),
  tasks: unique(task),
  items: unique(item),
  categories: fc.subarray([...REPORT_CATEGORIES]).map((cs) => cs.map((category) => ({ category }))),
  polls: unique(poll),
  escalation: fc.option(fc.record({ me_too_threshold: fc.integer({ min: 1, max: 1000 }) }), { nil: undefined }),
}, { requiredKeys: [] });

describe('beheerplan round trip (property)', () => {
  it('any valid plan, written as YAML or JSON, reads back as exactly the same plan', () => {
    fc.assert(fc.property(plan, fc.constantFrom('yaml' as const, 'json' as const), (data, format) => {
      const valid = validatePlanData(sections, JSON.parse(JSON.stringify(data)), 'json');
      fc.pre(valid.ok);
      if (!valid.ok) return;
      const back = validatePlanText(sections, formatPlan(valid.plan, format), `plan.${format}`);
      expect(back.ok && back.plan).toEqual(valid.plan);
    }), { numRuns: 300 });
  });
});
