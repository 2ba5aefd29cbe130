import type { PlanSections } from '../../src/capability.js';
import { sections } from '../support/plan.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPlan } from '../../src/beheerplan/export.js';
import { findJsonError } from '../../src/beheerplan/json-syntax.js';
import { detectFormat } from '../../src/beheerplan/parse.js';
import type { SectionOwner } from '../../src/beheerplan/sections.js';
import { validatePlanText } from '../../src/beheerplan/validate.js';
import { DEMO_PLAN_URL } from '../../src/demo/seed.js';
import { msg, render, type Lang } from '../../src/i18n/index.js';

function problems(text: string, fileName: string, lang: Lang, owners: PlanSections = sections): string[] {
  const result = validatePlanText(owners, text, fileName);
  if (result.ok) throw new Error(`${fileName} was accepted`);
  return result.problems.map((p) => render(lang, p));
}

const TASK = 'tasks:\n  - name: Trap A\n    recurrence: elke zaterdag\n';

/** Each malformed file, with the exact problem list a Dutch and an English coordinator get. */
const MALFORMED: { file: string; text: string; nl: string[]; en: string[] }[] = [
  {
    file: 'tab.yaml', text: 'tasks:\n  - name: Trap A\n\t  recurrence: elke zaterdag\n',
    nl: ['• Regel 3, kolom 1: inspringen met een tab kan niet; gebruik spaties'],
    en: ['• Line 3, column 1: indenting with a tab is not allowed; use spaces'],
  },
  {
    file: 'indent.yml', text: 'tasks:\n  - name: Trap A\n   recurrence: elke zaterdag\n',
    nl: ['• Regel 3, kolom 1: het inspringen klopt niet (springt deze regel even ver in als de regels die erbij horen?)'],
    en: ['• Line 3, column 1: the indentation is wrong (is this line indented as far as the lines it belongs with?)'],
  },
  {
    file: 'comma.json', text: '{\n  "tasks": [\n    { "name": "Trap A", "recurrence": "elke zaterdag", }\n  ]\n}\n',
    nl: ['• Regel 3, kolom 56: de JSON klopt hier niet: “}” verwacht ik hier niet (mist er een komma, aanhalingsteken of waarde?)'],
    en: ['• Line 3, column 56: the JSON is wrong here: I did not expect “}” (is a comma, quote or value missing?)'],
  },
  {
    file: 'short.json', text: '{\n  "tasks": [\n    { "name": "Trap A", "recurrence": "elke zaterdag" }\n',
    nl: ['• Regel 4, kolom 1: de JSON houdt te vroeg op; mist er een } of ]?'],
    en: ['• Line 4, column 1: the JSON ends too early; is a } or ] missing?'],
  },
  { file: 'empty.yaml', text: '  \n', nl: ['• Het bestand is leeg.'], en: ['• The file is empty.'] },
  {
    file: 'typo.yaml', text: `${TASK}    peple: 2\n`,
    nl: ['• Regel 4, tasks → taak 1 (“Trap A”): onbekend veld “peple”; bedoel je “people”?'],
    en: ['• Line 4, tasks → task 1 (“Trap A”): unknown field “peple”; did you mean “people”?'],
  },
  {
    file: 'type.yaml', text: `${TASK}    people: twee\n`,
    nl: ['• Regel 4, tasks → taak 1 (“Trap A”) → people: moet een getal zijn, maar is tekst'],
    en: ['• Line 4, tasks → task 1 (“Trap A”) → people: must be a number, but is text'],
  },
  {
    file: 'whole.yaml', text: `${TASK}    people: 2.5\n`,
    nl: ['• Regel 4, tasks → taak 1 (“Trap A”) → people: moet een heel getal zijn, niet 2.5'],
    en: ['• Line 4, tasks → task 1 (“Trap A”) → people: must be a whole number, not 2.5'],
  },
  {
    file: 'missing.yaml', text: 'tasks:\n  - name: Trap A\n    time: "09:00"\n',
    nl: ['• Regel 2, tasks → taak 1 (“Trap A”) → recurrence: ontbreekt; dit veld is verplicht'],
    en: ['• Line 2, tasks → task 1 (“Trap A”) → recurrence: is missing; this field is required'],
  },
  {
    file: 'enum.yaml', text: 'items:\n  - name: Schuursleutel\n    kind: keys\n',
    nl: ['• Regel 3, items → item 1 (“Schuursleutel”) → kind: “keys” kan niet; bedoel je “key”? (kies uit: key, tool, supply)'],
    en: ['• Line 3, items → item 1 (“Schuursleutel”) → kind: “keys” is not allowed; did you mean “key”? (choose from: key, tool, supply)'],
  },
  {
    file: 'time.yaml', text: `${TASK}    time: "25:00"\n`,
    nl: ['• Regel 4, tasks → taak 1 (“Trap A”) → time: “25:00” is geen tijd; schrijf UU:MM, bijvoorbeeld 09:30'],
    en: ['• Line 4, tasks → task 1 (“Trap A”) → time: “25:00” is not a time; write HH:MM, for example 09:30'],
  },
  {
    file: 'limits.yaml', text: `${TASK}    points: 500\npolls:\n  - name: Trap\n    question: Schoon?\n    options: [ja]\n    after_task: Trap A\n`,
    nl: [
      '• Regel 4, tasks → taak 1 (“Trap A”) → points: mag hoogstens 100 zijn',
      '• Regel 8, polls → peiling 1 (“Trap”) → options: moet minstens 2 onderdelen hebben',
    ],
    en: [
      '• Line 4, tasks → task 1 (“Trap A”) → points: must be at most 100',
      '• Line 8, polls → poll 1 (“Trap”) → options: must have at least 2 entries',
    ],
  },
  {
    file: 'xor.yaml', text: `${TASK}polls:\n  - name: Trap\n    question: Schoon?\n    options: [ja, nee]\n    schedule: elke maand\n    after_task: Trap A\n`,
    nl: ['• Regel 5, polls → peiling 1 (“Trap”): geef schedule óf after_task, niet allebei'],
    en: ['• Line 5, polls → poll 1 (“Trap”): give schedule or after_task, not both'],
  },
  {
    file: 'tz.yaml', text: 'complex:\n  timezone: Europe/Amsterdm\n',
    nl: ['• Regel 2, complex → timezone: onbekende tijdzone “Europe/Amsterdm”; bedoel je “Europe/Amsterdam”?'],
    en: ['• Line 2, complex → timezone: unknown time zone “Europe/Amsterdm”; did you mean “Europe/Amsterdam”?'],
  },
  {
    file: 'dup.yaml', text: `${TASK}  - name: trap a\n    recurrence: elke zondag\n`,
    nl: ['• Regel 4, tasks → taak 2 (“trap a”) → name: de naam “trap a” komt al eerder voor; elke naam mag maar één keer'],
    en: ['• Line 4, tasks → task 2 (“trap a”) → name: the name “trap a” is already used above; each name may appear only once'],
  },
  {
    file: 'after.yaml', text: `${TASK}polls:\n  - name: Trap\n    question: Schoon?\n    options: [ja, nee]\n    after_task: Trap B\n`,
    nl: ['• Regel 8, polls → peiling 1 (“Trap”) → after_task: er is geen taak “Trap B” in dit plan; bedoel je “Trap A”?'],
    en: ['• Line 8, polls → poll 1 (“Trap”) → after_task: there is no task “Trap B” in this plan; did you mean “Trap A”?'],
  },
  {
    file: 'unknown.yaml', text: `${TASK}bewoners: [Anna]\n`,
    nl: ['• Regel 4, bovenste niveau: onbekend veld “bewoners”; hier kan: version, complex, tasks, items, categories, escalation, polls, reminders'],
    en: ['• Line 4, top level: unknown field “bewoners”; allowed here: version, complex, tasks, items, categories, escalation, polls, reminders'],
  },
  {
    file: 'dupkey.yaml', text: 'items: []\nitems: []\n',
    nl: ['• Regel 2, kolom 1: dit veld staat hier twee keer'],
    en: ['• Line 2, column 1: this field appears twice here'],
  },
  {
    file: 'list.yaml', text: '- Trap A\n- Tuin\n',
    nl: ['• Regel 1, bovenste niveau: moet een groep velden zijn, maar is een lijst'],
    en: ['• Line 1, top level: must be a group of fields, but is a list'],
  },
  {
    file: 'version.yaml', text: `version: "1"\n${TASK}`,
    nl: ['• Regel 1, version: moet een heel getal zijn, maar is tekst'],
    en: ['• Line 1, version: must be a whole number, but is text'],
  },
  {
    file: 'comments.yaml', text: '# alleen commentaar\n# nog niets ingevuld\n',
    nl: ['• Het bestand is leeg.'], en: ['• The file is empty.'],
  },
  {
    file: 'alias.yaml', text: 'items:\n  - name: Ladder\n  - name: Keukentrap\n    aliases: [ladder]\n',
    nl: ['• Regel 4, items → item 2 (“Keukentrap”) → aliases → bijnaam 1 (“ladder”): bijnaam “ladder” is al de naam of bijnaam van “Ladder”'],
    en: ['• Line 4, items → item 2 (“Keukentrap”) → aliases → alias 1 (“ladder”): alias “ladder” is already the name or alias of “Ladder”'],
  },
];

describe('beheerplan validation: every malformed file gets a precise, translated error', () => {
  it.each(MALFORMED)('$file', ({ file, text, nl, en }) => {
    expect(problems(text, file, 'nl')).toEqual(nl);
    expect(problems(text, file, 'en')).toEqual(en);
  });

  it('reports at most ten problems, in file order, and says how many more there are', () => {
    const text = `tasks:\n${Array.from({ length: 12 }, (_, i) => `  - name: Taak ${i + 1}\n`).join('')}`;
    const nl = problems(text, 'many.yaml', 'nl');
    expect(nl).toHaveLength(11);
    expect(nl[0]).toBe('• Regel 2, tasks → taak 1 (“Taak 1”) → recurrence: ontbreekt; dit veld is verplicht');
    expect(nl[9]).toBe('• Regel 11, tasks → taak 10 (“Taak 10”) → recurrence: ontbreekt; dit veld is verplicht');
    expect(nl[10]).toBe('… en verder nog 2. Los eerst deze op.');
    expect(problems(text, 'many.yaml', 'en')[10]).toBe('… and 2 more. Fix these first.');
  });

  it('lists several problems of one file, each in its place', () => {
    const text = 'complex:\n  language: fr\nitems:\n  - name: Ladder\n    loan_hours: 0\n    location: Schuur\ncategories:\n  - category: cleaning\n  - category: cleaning\n';
    expect(problems(text, 'x.yaml', 'nl')).toEqual([
      '• Regel 2, complex → language: “fr” kan niet; kies uit: nl, en',
      '• Regel 5, items → item 1 (“Ladder”) → loan_hours: moet groter dan 0 zijn',
    ]);
    // Cross-checks run once the fields are right.
    expect(problems(text.replace('fr', 'en').replace('0\n', '2\n'), 'x.yaml', 'en')).toEqual([
      '• Line 9, categories → category 2 → category: category “cleaning” is already listed above',
    ]);
  });

  it('lets the owner of a section check its meaning, reported with line and path like the rest', () => {
    const owner: SectionOwner<'tasks'> = {
      section: 'tasks',
      validate: (tasks) => tasks.flatMap((t, i) => (t.recurrence === 'nooit'
        ? [{ path: [i, 'recurrence'], what: msg('beheerplan.issue.format', { value: t.recurrence }) }] : [])),
      async apply() {},
      async read() { return []; },
    };
    const withOwner = new Map(sections).set('tasks', owner);
    const text = `${TASK}  - name: Tuin\n    recurrence: nooit\n`;
    expect(problems(text, 'x.yaml', 'nl', withOwner)).toEqual(['• Regel 5, tasks → taak 2 (“Tuin”) → recurrence: “nooit” heeft niet de goede vorm']);
    // A section that is not in the file is not imported, so it is not checked either.
    expect(validatePlanText(withOwner, 'items: []\n', 'x.yaml').ok).toBe(true);
  });

  it('suggests the right word for Dutch keys and values and for a shortened value', () => {
    const text = 'items:\n  - naam: Ladder\ncategories:\n  - category: tuin\n  - category: clean\n';
    expect(problems(text, 'x.yaml', 'nl')).toEqual([
      // Not also "name is missing": that is the same mistake.
      '• Regel 2, items → item 1: onbekend veld “naam”; bedoel je “name”?',
      '• Regel 4, categories → categorie 1 → category: “tuin” kan niet; bedoel je “garden”? (kies uit: cleaning, garden, maintenance, nuisance, safety, contractor, other)',
      '• Regel 5, categories → categorie 2 → category: “clean” kan niet; bedoel je “cleaning”? (kies uit: cleaning, garden, maintenance, nuisance, safety, contractor, other)',
    ]);
  });

  it('finds the exact spot of a JSON syntax error', () => {
    expect(findJsonError('{"a": 1}')).toBeNull();
    expect(findJsonError('{"a": }')).toEqual({ offset: 6, found: '}' });
    expect(findJsonError('{"a": 1 "b": 2}')).toEqual({ offset: 8, found: '"' });
    expect(findJsonError('[1, 2')).toEqual({ offset: 5, found: null });
    expect(findJsonError('{"a": "x\\q"}')).toEqual({ offset: 9, found: 'q' });
    expect(findJsonError('{"a": tru}')).toEqual({ offset: 9, found: '}' });
  });

  it('chooses YAML or JSON by file name, else by content', () => {
    expect(detectFormat('plan.JSON', 'a: 1')).toBe('json');
    expect(detectFormat('plan.yml', '{}')).toBe('yaml');
    expect(detectFormat(undefined, '  {"tasks": []}')).toBe('json');
    expect(detectFormat('plan', 'tasks: []')).toBe('yaml');
    const json = validatePlanText(sections, '{"tasks": [{"name": "Trap A", "recurrence": "elke zaterdag"}]}');
    expect(json.ok && json.format).toBe('json');
  });

  it('accepts the demo plan, and its export reads back as the same plan (YAML and JSON)', () => {
    const demo = validatePlanText(sections, readFileSync(DEMO_PLAN_URL, 'utf8'), 'demo-beheerplan.yaml');
    if (!demo.ok) throw new Error(demo.problems.map((p) => render('en', p)).join('\n'));
    expect(demo.plan.tasks.map((t) => t.recurrence)).toContain('FREQ=MONTHLY;BYDAY=1SA');
    expect(demo.plan.items.map((i) => i.name)).toEqual(expect.arrayContaining(['Schuursleutel', 'Grasmaaier', 'Ladder']));
    expect(demo.present).toEqual(['tasks', 'items', 'categories', 'escalation', 'polls', 'reminders']);
    for (const format of ['yaml', 'json'] as const) {
      const text = formatPlan(demo.plan, format);
      const back = validatePlanText(sections, text, `export.${format}`);
      expect(back.ok && back.plan).toEqual(demo.plan);
    }
    expect(formatPlan(demo.plan, 'yaml')).toMatch(/^# yaml-language-server: \$schema=beheerplan\.schema\.json\n/);
    expect(formatPlan(demo.plan, 'yaml')).toContain('time: "12:00"');
  });
});
