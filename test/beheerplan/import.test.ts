import { sections } from '../support/plan.js';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { formatPlan } from '../../src/beheerplan/export.js';
import { importPlan } from '../../src/beheerplan/import.js';
import type { PlanItem } from '../../src/beheerplan/schema.js';
import type { SectionOwner } from '../../src/beheerplan/sections.js';
import { currentPlan } from '../../src/beheerplan/store.js';
import { validatePlanText, type ValidPlan } from '../../src/beheerplan/validate.js';
import type { Db } from '../../src/db/client.js';
import { auditLog, beheerplanVersions, complexes } from '../../src/db/schema/index.js';
import { DEMO_PLAN_URL } from '../../src/demo/seed.js';
import { UserError } from '../../src/handler.js';
import { msg, render } from '../../src/i18n/index.js';
import { createHarness, type Harness } from '../support/harness.js';
import { inParallel } from '../support/db.js';

function valid(text: string, fileName: string): ValidPlan {
  const result = validatePlanText(sections, text, fileName);
  if (!result.ok) throw new Error(result.problems.map((p) => render('en', p)).join('\n'));
  return result;
}

async function newComplex(db: Db, name: string): Promise<number> {
  const [row] = await db.insert(complexes).values({ name }).returning();
  return row!.id;
}

async function rows(db: Db, complexId: number) {
  const [versions] = await db.select({ n: count() }).from(beheerplanVersions).where(eq(beheerplanVersions.complexId, complexId));
  const [audits] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.complexId, complexId));
  const [complex] = await db.select().from(complexes).where(eq(complexes.id, complexId));
  return { versions: versions!.n, audits: audits!.n, complex };
}

const demoText = readFileSync(DEMO_PLAN_URL, 'utf8');

describe('beheerplan import and export against PostgreSQL', () => {
  let h: Harness;
  let db: Db;
  const now = new Date('2026-11-22T10:00:00Z');
  beforeAll(async () => { h = await createHarness(); db = h.database.db; });
  afterAll(async () => { await h.close(); });

  it('round trip in YAML: export(import(f)) is the normalised f, and import(export(x)) changes nothing', async () => {
    const id = await newComplex(db, 'Oud');
    const plan = valid(demoText, 'demo.yaml');
    const result = await importPlan(db, id, plan, { now, actorPersonId: null, sections });
    expect(result.complexName).toBe('De Linde');
    expect(result.counts).toEqual([
      { section: 'tasks', count: 7 }, { section: 'items', count: 6 }, { section: 'categories', count: 7 },
      { section: 'escalation', count: null }, { section: 'polls', count: 2 }, { section: 'reminders', count: null },
    ]);
    const exported = await currentPlan(db, id, sections);
    expect(exported).toEqual(plan.plan);

    const text = formatPlan(exported!, 'yaml');
    await importPlan(db, id, valid(text, 'export.yaml'), { now, actorPersonId: null, sections });
    expect(await currentPlan(db, id, sections)).toEqual(exported);
    expect(formatPlan((await currentPlan(db, id, sections))!, 'yaml')).toBe(text);
    expect((await rows(db, id)).versions).toBe(2);
  });

  it('round trip in JSON, and a file without complex settings keeps the complex as it is', async () => {
    const id = await newComplex(db, 'Hofje Zonnehoek');
    const json = JSON.stringify({ tasks: [{ name: 'Ramen', recurrence: 'FREQ=MONTHLY;BYDAY=2SA', people: 2 }], reminders: {} });
    const plan = valid(json, 'plan.json');
    await importPlan(db, id, plan, { now, actorPersonId: null, sections });
    const exported = (await currentPlan(db, id, sections))!;
    expect(exported).toEqual({
      ...plan.plan, complex: { name: 'Hofje Zonnehoek', timezone: 'Europe/Amsterdam', language: 'nl' },
    });
    const again = formatPlan(exported, 'json');
    expect(JSON.parse(again)).toMatchObject({ $schema: 'beheerplan.schema.json', tasks: [{ name: 'Ramen', time: '10:00', people: 2 }] });
    await importPlan(db, id, valid(again, 'again.json'), { now, actorPersonId: null, sections });
    expect(await currentPlan(db, id, sections)).toEqual(exported);
  });

  it('sections missing from the file stay as they are', async () => {
    const id = await newComplex(db, 'De Eik');
    await importPlan(db, id, valid(demoText, 'demo.yaml'), { now, actorPersonId: null, sections });
    const result = await importPlan(db, id, valid('items:\n  - name: Bolderkar\n', 'items.yaml'), { now, actorPersonId: null, sections });
    expect(result.counts).toEqual([{ section: 'items', count: 1 }]);
    const plan = (await currentPlan(db, id, sections))!;
    expect(plan.items.map((i) => i.name)).toEqual(['Bolderkar']);
    expect(plan.tasks).toHaveLength(7);
    expect(plan.polls).toHaveLength(2);
    expect(plan.complex.name).toBe('De Linde');
  });

  it('nothing is half imported: an owner that writes and then refuses rolls the whole import back', async () => {
    const id = await newComplex(db, 'De Beuk');
    await importPlan(db, id, valid('tasks:\n  - name: Trap\n    recurrence: elke zaterdag\n', 'first.yaml'), { now, actorPersonId: null, sections });
    const before = await rows(db, id);
    const applied: PlanItem[][] = [];
    const owner: SectionOwner<'items'> = {
      section: 'items',
      async apply(tx, value, ctx) {
        applied.push(value);
        if (value.some((i) => i.name === 'Ladder')) return;
        // Writes first, like a real capability would, then finds a problem.
        await tx.update(complexes).set({ name: 'Half geïmporteerd' }).where(eq(complexes.id, ctx.complexId));
        await tx.insert(auditLog).values({ complexId: ctx.complexId, action: 'test.half' });
        if (value.some((i) => i.name === 'Boormachine')) throw new UserError(msg('beheerplan.error.noComplex'));
        throw new Error('database went away');
      },
      async read() { return applied.at(-1) ?? []; },
    };
    const withOwner = new Map(sections).set('items', owner);
    const plan = 'complex:\n  name: De Nieuwe Beuk\n  language: en\ntasks: []\nitems:\n  - name: Boormachine\n';
    await expect(importPlan(db, id, valid(plan, 'bad.yaml'), { now, actorPersonId: null, sections: withOwner })).rejects.toBeInstanceOf(UserError);
    await expect(importPlan(db, id, valid(plan.replace('Boormachine', 'Crash'), 'bad.yaml'), { now, actorPersonId: null, sections: withOwner }))
      .rejects.toThrow('database went away');
    expect(applied.map((v) => v[0]!.name)).toEqual(['Boormachine', 'Crash']);
    // Complex name and language, version rows and audit rows: all as before.
    expect(await rows(db, id)).toEqual(before);
    expect(before.complex!.name).toBe('De Beuk');
    expect((await currentPlan(db, id, withOwner))!.tasks.map((t) => t.name)).toEqual(['Trap']);

    // The same owner accepting the plan: its apply runs in the transaction and export reads it back.
    await importPlan(db, id, valid(plan.replace('Boormachine', 'Ladder'), 'good.yaml'), { now, actorPersonId: null, sections: withOwner });
    const after = await rows(db, id);
    expect(after.versions).toBe(before.versions + 1);
    expect(after.complex).toMatchObject({ name: 'De Nieuwe Beuk', language: 'en' });
    expect((await currentPlan(db, id, withOwner))!.items.map((i) => i.name)).toEqual(['Ladder']);
  });

  it('parallel imports of one complex run one after the other (row lock), each seeing the one before', async () => {
    const id = await newComplex(db, 'De Wilg');
    const seen: number[] = [];
    const owner: SectionOwner<'items'> = {
      section: 'items',
      async apply(tx, _value, ctx) {
        const [row] = await tx.select({ n: count() }).from(beheerplanVersions).where(eq(beheerplanVersions.complexId, ctx.complexId));
        seen.push(row!.n);
      },
      async read() { return []; },
    };
    const withOwner = new Map(sections).set('items', owner);
    const results = await inParallel(6, (i) => importPlan(db, id, valid(`items:\n  - name: Item ${i}\n`, 'p.yaml'), { now, actorPersonId: null, sections: withOwner }));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect((await rows(db, id)).versions).toBe(6);
  });

  it('refuses a complex that does not exist', async () => {
    await expect(importPlan(db, 99999, valid('items: []\n', 'x.yaml'), { now, actorPersonId: null, sections })).rejects.toBeInstanceOf(UserError);
  });
});
