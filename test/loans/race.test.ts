import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { loanReservations, loans } from '../../src/db/schema/index.js';
import { reserve } from '../../src/loans/service.js';
import { inParallel } from '../support/db.js';
import type { FakeUser } from '../support/fake-platform.js';
import { createHarness, type Harness } from '../support/harness.js';
import { GROUP, linkedComplex } from '../rota/setup.js';
import { addItems, item } from './setup.js';

const neighbours: FakeUser[] = Array.from({ length: 50 }, (_, i) => ({ id: `u-n${i}`, name: `Buur ${i}`, language: 'nl' }));

describe('loan races (real PostgreSQL, the default test database)', () => {
  let h: Harness;
  let ids: Map<string, number>;
  beforeAll(async () => {
    h = await createHarness();
    const complexId = await linkedComplex(h, 'De Linde', GROUP, neighbours);
    ids = await addItems(h, complexId, [item('Schuursleutel', { kind: 'key' }), item('Ladder')]);
  });
  afterAll(async () => { await h.close(); });

  it('50 neighbours press Borrow on one key at once: exactly one loan, 49 answers naming the holder', async () => {
    const key = ids.get('Schuursleutel')!;
    const before = h.fake.sent.length;
    const results = await inParallel(50, (i) => h.fake.press(neighbours[i]!, GROUP, `loan:b:${key}`));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const open = await h.database.db.select().from(loans).where(and(eq(loans.itemId, key), isNull(loans.returnedAt)));
    expect(open).toHaveLength(1);
    const texts = h.fake.sent.slice(before).map((s) => s.text);
    expect(texts).toHaveLength(50);
    const winner = texts.find((t) => t.startsWith('✅'))!;
    const holder = /^✅ (Buur \d+) leent Schuursleutel/.exec(winner)![1]!;
    expect(texts.filter((t) => t.startsWith('✅'))).toHaveLength(1);
    expect(texts.filter((t) => t.startsWith(`Schuursleutel is nu bij ${holder} (terug uiterlijk`))).toHaveLength(49);
  });

  it('the database itself refuses a second open loan of an item', async () => {
    const key = ids.get('Schuursleutel')!;
    const [open] = await h.database.db.select().from(loans).where(and(eq(loans.itemId, key), isNull(loans.returnedAt)));
    await expect(h.database.db.insert(loans).values({ ...open!, id: undefined, borrowerPersonId: open!.borrowerPersonId }))
      .rejects.toMatchObject({ cause: { code: '23505' } });
  });

  it('two overlapping reservations at the same instant: exactly one is stored', async () => {
    const ladder = ids.get('Ladder')!;
    const db = h.database.db;
    const people = await db.select({ id: loans.borrowerPersonId }).from(loans).limit(1);
    const persons = [people[0]!.id, people[0]!.id + 1];
    const now = h.clock.now;
    const windows = [
      { startsAt: new Date('2026-11-28T09:00:00Z'), endsAt: new Date('2026-11-28T13:00:00Z') },
      { startsAt: new Date('2026-11-28T12:00:00Z'), endsAt: new Date('2026-11-28T16:00:00Z') },
    ];
    for (let round = 0; round < 5; round++) {
      await db.delete(loanReservations).where(eq(loanReservations.itemId, ladder));
      const results = await Promise.allSettled(windows.map((w, i) => db.transaction((tx) => reserve(tx, ladder, persons[i]!, w, now))));
      expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
      const kinds = results.map((r) => (r as PromiseFulfilledResult<{ kind: string }>).value.kind).sort();
      expect(kinds).toEqual(['refuse', 'reserve']);
      expect(await db.select().from(loanReservations).where(eq(loanReservations.itemId, ladder))).toHaveLength(1);
    }
  });
});
