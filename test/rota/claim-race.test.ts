import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, notInArray } from 'drizzle-orm';
import { people, rotaClaims, rotaOccurrences } from '../../src/db/schema/index.js';
import { inParallel } from '../support/db.js';
import { createHarness, type Harness } from '../support/harness.js';
import type { FakeUser } from '../support/fake-platform.js';
import { addTasks, GROUP, linkedComplex, task } from './setup.js';

const neighbours: FakeUser[] = Array.from({ length: 50 }, (_, i) => ({ id: `u-n${i}`, name: `Buur ${i}`, language: 'nl' }));

async function firstOccurrence(h: Harness, taskId: number): Promise<number> {
  const [occ] = await h.database.db.select().from(rotaOccurrences).where(eq(rotaOccurrences.taskId, taskId)).orderBy(rotaOccurrences.dueAt).limit(1);
  return occ!.id;
}

async function activeClaims(h: Harness, occurrenceId: number) {
  return h.database.db.select().from(rotaClaims).where(and(eq(rotaClaims.occurrenceId, occurrenceId), isNull(rotaClaims.releasedAt)));
}

describe('claim races (real PostgreSQL, the default test database)', () => {
  let h: Harness;
  let single: number;
  let double: number;
  beforeAll(async () => {
    // The default test database is a real PostgreSQL server (TEST_DB=pglite would serialise the presses).
    h = await createHarness();
    const complexId = await linkedComplex(h);
    [single, double] = (await addTasks(h, complexId, [task('Trappenhuis A vegen', 'elke zaterdag'), task('Tuin bijhouden', 'elke zondag', { people: 2 })])) as [number, number];
  });
  afterAll(async () => { await h.close(); });

  it('50 neighbours press the claim button of a one-person turn at once: one claim, 49 clear answers', async () => {
    const occ = await firstOccurrence(h, single);
    const before = h.fake.sent.length;
    const results = await inParallel(50, (i) => h.fake.press(neighbours[i]!, GROUP, `rota:c:${occ}`));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    // Replies of concurrent presses interleave, so count all 50 answers in the group.
    const texts = h.fake.sent.slice(before).map((s) => s.text);
    expect(texts).toHaveLength(50);
    expect(texts.filter((t) => t.includes('doet Trappenhuis A vegen, za 28 nov 10:00'))).toHaveLength(1);
    expect(texts.filter((t) => t === 'Trappenhuis A vegen, za 28 nov 10:00 is al vol. Kijk in /rooster wat er nog open is.')).toHaveLength(49);
    expect(await activeClaims(h, occ)).toHaveLength(1);
  });

  it('a turn needing two people gets exactly two, and nobody holds two slots of one turn', async () => {
    const occ = await firstOccurrence(h, double);
    const results = await inParallel(50, (i) => h.fake.press(neighbours[i % 25]!, GROUP, `rota:c:${occ}`));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const claims = await activeClaims(h, occ);
    expect(claims).toHaveLength(2);
    expect(new Set(claims.map((c) => c.personId)).size).toBe(2);
    expect(claims.map((c) => c.slot).sort()).toEqual([0, 1]);
  });

  it('the database itself refuses a second active claim on a slot, a slot beyond the people count, and two slots for one person', async () => {
    const occ = await firstOccurrence(h, double);
    const db = h.database.db;
    const [a, b] = await db.select({ personId: rotaClaims.personId, slot: rotaClaims.slot }).from(rotaClaims)
      .where(and(eq(rotaClaims.occurrenceId, occ), isNull(rotaClaims.releasedAt)));
    const now = new Date('2026-11-22T10:00:00Z');
    const insert = (slot: number, personId: number) => db.insert(rotaClaims).values({ occurrenceId: occ, slot, personId, claimedAt: now });
    await expect(insert(a!.slot, b!.personId)).rejects.toMatchObject({ cause: { code: '23505' } }); // unique: slot taken
    const [other] = await db.select({ id: people.id }).from(people).where(notInArray(people.id, [a!.personId, b!.personId])).limit(1);
    await expect(insert(2, other!.id)).rejects.toMatchObject({ cause: { code: '23503' } }); // no such slot
    await db.update(rotaClaims).set({ releasedAt: now }).where(and(eq(rotaClaims.occurrenceId, occ), eq(rotaClaims.personId, b!.personId)));
    await expect(insert(b!.slot, a!.personId)).rejects.toMatchObject({ cause: { code: '23505' } }); // one slot per person
    expect(await activeClaims(h, occ)).toHaveLength(1);
  });
});
