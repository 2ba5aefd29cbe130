import { capabilities } from '../../src/capabilities.js';
import { sections } from '../support/plan.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { AdminError, runAdmin } from '../../src/admin/commands.js';
import { beheerplanJsonSchema } from '../../src/beheerplan/export.js';
import { currentPlan } from '../../src/beheerplan/store.js';
import { validatePlanText } from '../../src/beheerplan/validate.js';
import { beheerplanVersions } from '../../src/db/schema/index.js';
import { DEMO_PLAN_URL, seedDemo } from '../../src/demo/seed.js';
import { t, type Lang } from '../../src/i18n/index.js';
import { createHarness, type Harness } from '../support/harness.js';

const SCHEMA_FILE = new URL('../../src/beheerplan/beheerplan.schema.json', import.meta.url);

describe('beheerplan admin CLI, JSON Schema and demo plan', () => {
  let h: Harness;
  const dir = mkdtempSync(join(tmpdir(), 'beheerplan-'));

  async function admin(lang: Lang, ...argv: string[]): Promise<string[]> {
    const lines: string[] = [];
    await runAdmin({ db: h.database.db, now: h.clock.now, lang, out: (l) => lines.push(l), capabilities }, argv);
    return lines;
  }

  /** What the CLI prints on stderr for an operator mistake. */
  async function adminError(lang: Lang, ...argv: string[]): Promise<string> {
    try {
      await admin(lang, ...argv);
    } catch (err) {
      if (err instanceof AdminError) return t(lang, err.key, err.params);
      throw err;
    }
    throw new Error('no error');
  }

  function file(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  beforeAll(async () => {
    h = await createHarness();
    await admin('en', 'complex', 'create', 'Oude naam');
  });
  afterAll(async () => { await h.close(); });

  it('the committed JSON Schema is up to date', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(committed, 'src/beheerplan/beheerplan.schema.json is out of date; regenerate it with: '
      + 'npm run --silent admin -- beheerplan schema > src/beheerplan/beheerplan.schema.json').toBe(`${beheerplanJsonSchema()}\n`);
    const schema = JSON.parse(committed) as { properties: Record<string, unknown>; required?: string[]; additionalProperties: boolean };
    expect(Object.keys(schema.properties)).toEqual(['$schema', 'version', 'complex', 'tasks', 'items', 'categories', 'escalation', 'polls', 'reminders']);
    // io: 'input': fields with a default are optional for the editor.
    expect(schema.required ?? []).toEqual([]);
    expect(schema.additionalProperties).toBe(false);
  });

  it('beheerplan schema prints that schema', async () => {
    expect(await admin('en', 'beheerplan', 'schema')).toEqual([readFileSync(SCHEMA_FILE, 'utf8').trimEnd()]);
  });

  it('beheerplan import reads a file into a complex and prints what it imported', async () => {
    const path = file('demo.yaml', readFileSync(DEMO_PLAN_URL, 'utf8'));
    expect(await admin('en', 'beheerplan', 'import', '1', path)).toEqual([
      'Beheerplan imported for De Linde:', '• Tasks: 7', '• Items: 6', '• Report categories: 7', '• Escalation: set', '• Polls: 2', '• Reminders: set',
    ]);
    expect(await admin('nl', 'beheerplan', 'import', '1', file('items.json', '{"items": []}'))).toEqual([
      'Beheerplan ingelezen voor De Linde:', '• Spullen: 0',
    ]);
  });

  it('beheerplan export gives YAML (default) or JSON that imports back to the same plan', async () => {
    const [yaml] = await admin('en', 'beheerplan', 'export', '1');
    expect(yaml).toMatch(/^# yaml-language-server: \$schema=beheerplan\.schema\.json\n\nversion: 1\n\ncomplex:\n {2}name: De Linde\n/);
    const [json] = await admin('en', 'beheerplan', 'export', '1', '--format', 'json');
    const current = await currentPlan(h.database.db, 1, sections);
    for (const [text, name] of [[yaml!, 'x.yaml'], [json!, 'x.json']] as const) {
      const back = validatePlanText(sections, text, name);
      expect(back.ok && back.plan).toEqual(current);
    }
    expect(current!.items).toEqual([]);
    expect(current!.tasks).toHaveLength(7);
  });

  it('prints precise, translated errors and imports nothing', async () => {
    const [before] = await h.database.db.select({ n: count() }).from(beheerplanVersions).where(eq(beheerplanVersions.complexId, 1));
    const bad = file('bad.yaml', 'items:\n  - name: Ladder\n    loan_hours: "lang"\n    kleur: rood\n');
    expect(await adminError('nl', 'beheerplan', 'import', '1', bad)).toBe([
      `Beheerplan ${bad} niet ingelezen:`,
      '• Regel 3, items → item 1 (“Ladder”) → loan_hours: moet een getal zijn, maar is tekst',
      '• Regel 4, items → item 1 (“Ladder”): onbekend veld “kleur”; hier kan: name, aliases, kind, location, loan_hours, needs_approval',
    ].join('\n'));
    expect(await adminError('en', 'beheerplan', 'import', '1', bad)).toContain('• Line 3, items → item 1 (“Ladder”) → loan_hours: must be a number, but is text');
    expect(await adminError('en', 'beheerplan', 'import', '1', join(dir, 'missing.yaml'))).toMatch(/^Cannot read .*missing\.yaml: ENOENT/);
    expect(await adminError('en', 'beheerplan', 'import', '7', bad)).toBe('complex 7 does not exist.');
    expect(await adminError('en', 'beheerplan', 'import', '1')).toBe('Missing: <file>');
    expect(await adminError('en', 'beheerplan', 'export', 'x')).toBe('Invalid value for <complex-id>: x');
    expect(await adminError('en', 'beheerplan', 'export', '1', '--format', 'xml')).toBe('Invalid value for --format: xml');
    expect(await adminError('nl', 'beheerplan', 'frobnicate')).toBe('Ongeldige waarde voor beheerplan: frobnicate');
    const [after] = await h.database.db.select({ n: count() }).from(beheerplanVersions).where(eq(beheerplanVersions.complexId, 1));
    expect(after!.n).toBe(before!.n);
  });

  it('seedDemo imports the demo plan once (idempotent)', async () => {
    const first = await seedDemo(h.database.db, h.clock.now);
    expect(first.created).toBe(true);
    const demo = validatePlanText(sections, readFileSync(DEMO_PLAN_URL, 'utf8'), 'demo.yaml');
    expect(demo.ok && (await currentPlan(h.database.db, first.complexId, sections))).toEqual(demo.ok && demo.plan);
    const second = await seedDemo(h.database.db, h.clock.now);
    expect(second).toMatchObject({ complexId: first.complexId, created: false });
    const [versions] = await h.database.db.select({ n: count() }).from(beheerplanVersions)
      .where(eq(beheerplanVersions.complexId, first.complexId));
    expect(versions!.n).toBe(1);
  });
});
