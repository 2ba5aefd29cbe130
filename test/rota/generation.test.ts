import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { rotaClaims, rotaOccurrences, rotaSlots, rotaTasks } from '../../src/db/schema/index.js';
import { claimOccurrence } from '../../src/rota/claims.js';
import { generateAll, generateOccurrences } from '../../src/rota/generate.js';
import { saveTask } from '../../src/rota/tasks-store.js';
import { applyTasks, readTasks } from '../../src/rota/plan-section.js';
import { UserError } from '../../src/handler.js';
import { seedDemo } from '../../src/demo/seed.js';
import { createHarness, type Harness } from '../support/harness.js';
import { linkedComplex, task } from './setup.js';

describe('occurrence generation', () => {
  let h: Harness;
  let complexId: number;
  const now = new Date('2026-11-22T10:00:00Z');
  beforeAll(async () => {
    h = await createHarness({ now });
    complexId = await linkedComplex(h);
  });
  afterAll(async () => { await h.close(); });

  const occurrences = (taskId: number) => h.database.db.select().from(rotaOccurrences).where(eq(rotaOccurrences.taskId, taskId)).orderBy(rotaOccurrences.dueAt);

  it('fills an 8-week horizon, with one slot per person needed; generating twice creates nothing new', async () => {
    const { task: t } = await saveTask(h.database.db, complexId, task('Hal dweilen', 'elke zaterdag', { people: 2 }), now);
    const first = await occurrences(t.id);
    expect(first).toHaveLength(8);
    expect(first[0]!.dueAt.toISOString()).toBe('2026-11-28T09:00:00.000Z');
    expect(await generateOccurrences(h.database.db, complexId, now)).toBe(0);
    expect(await generateAll(h.database.db, now)).toBe(0);
    expect(await occurrences(t.id)).toHaveLength(8);
    const slots = await h.database.db.select().from(rotaSlots).where(eq(rotaSlots.occurrenceId, first[0]!.id));
    expect(slots.map((s) => s.slot)).toEqual([0, 1]);
    // A week later the horizon rolls on by exactly one.
    expect(await generateOccurrences(h.database.db, complexId, new Date('2026-11-29T10:00:00Z'))).toBe(1);
  });

  it('editing a task regenerates only future, unclaimed turns; pausing removes those', async () => {
    const { task: t } = await saveTask(h.database.db, complexId, task('Ramen lappen', 'elke zaterdag'), now);
    const before = await occurrences(t.id);
    const [memberId] = (await h.database.db.select({ personId: rotaClaims.personId }).from(rotaClaims).limit(1)).map((r) => r.personId);
    const personId = memberId ?? 1;
    expect((await claimOccurrence(h.database.db, before[1]!.id, personId, now)).ok).toBe(true);
    await saveTask(h.database.db, complexId, task('Ramen lappen', 'elke zondag'), now);
    const after = await occurrences(t.id);
    // The claimed Saturday stays; the other Saturdays became Sundays.
    expect(after.filter((o) => new Date(o.dueAt).getUTCDay() === 6).map((o) => o.id)).toEqual([before[1]!.id]);
    expect(after.filter((o) => new Date(o.dueAt).getUTCDay() === 0)).toHaveLength(8);
    await saveTask(h.database.db, complexId, task('Ramen lappen', 'elke zondag', { paused: true }), now);
    expect((await occurrences(t.id)).map((o) => o.id)).toEqual([before[1]!.id]);
    const active = await h.database.db.select().from(rotaClaims).where(and(eq(rotaClaims.occurrenceId, before[1]!.id), isNull(rotaClaims.releasedAt)));
    expect(active).toHaveLength(1);
  });

  it('the beheerplan tasks section round-trips; absent tasks are paused; a bad recurrence names the task', async () => {
    const plan = [
      { name: 'Trap vegen', area: 'Trappenhuis', recurrence: 'elke zaterdag', time: '10:00', duration_minutes: 30, people: 1, points: 2, paused: false },
      { name: 'Tuin', recurrence: 'FREQ=MONTHLY;BYDAY=1SA', time: '09:00', duration_minutes: 120, people: 3, points: 5, auto_assign_hours_before: 48, paused: false },
    ];
    await h.database.db.transaction((tx) => applyTasks(tx, plan, { complexId, now }));
    const read = await readTasks(h.database.db, complexId);
    expect(read.filter((t) => !t.paused)).toEqual(plan);
    expect(read.find((t) => t.name === 'Hal dweilen')?.paused).toBe(true);
    await h.database.db.transaction((tx) => applyTasks(tx, read, { complexId, now }));
    expect(await readTasks(h.database.db, complexId)).toEqual(read);
    const bad = h.database.db.transaction((tx) => applyTasks(tx, [{ ...plan[0]!, recurrence: 'af en toe' }], { complexId, now }));
    await expect(bad).rejects.toBeInstanceOf(UserError);
    await expect(bad).rejects.toMatchObject({ reply: { key: 'rota.error.badRecurrence', params: { task: 'Trap vegen', text: 'af en toe' } } });
    expect((await h.database.db.select().from(rotaTasks).where(eq(rotaTasks.name, 'Trap vegen')))[0]!.recurrence).toBe('elke zaterdag');
  });

  it('the demo complex gets its tasks and turns from the demo beheerplan, once', async () => {
    const demo = await seedDemo(h.database.db, now);
    const demoTasks = await h.database.db.select().from(rotaTasks).where(eq(rotaTasks.complexId, demo.complexId));
    expect(demoTasks.length).toBeGreaterThanOrEqual(3);
    const turns = (await h.database.db.select().from(rotaOccurrences)).length;
    expect(turns).toBeGreaterThan(0);
    await seedDemo(h.database.db, now);
    expect((await h.database.db.select().from(rotaOccurrences)).length).toBe(turns);
    expect(await h.database.db.select().from(rotaTasks).where(eq(rotaTasks.complexId, demo.complexId))).toHaveLength(demoTasks.length);
  });
});
