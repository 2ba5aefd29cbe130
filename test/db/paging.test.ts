import { and, asc, lte } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pagesByTimeAndId } from '../../src/db/bulk.js';
import { complexes } from '../../src/db/schema/index.js';
import { testDatabase, type TestDatabase } from '../support/db.js';

describe('reading in pages by (time, id)', () => {
  let database: TestDatabase;
  beforeAll(async () => { database = await testDatabase(); });
  afterAll(async () => { await database.close(); });

  it('every row once, in (time, id) order, across pages that split rows of the same time', async () => {
    const times = ['2026-12-01T09:00:00Z', '2026-12-01T09:00:00Z', '2026-11-30T09:00:00Z', '2026-12-01T09:00:00Z', '2026-11-30T09:00:00Z',
      '2026-12-02T09:00:00Z', '2026-12-01T09:00:00Z', '2026-11-30T09:00:00Z', '2026-12-03T09:00:00Z', '2026-12-01T09:00:00Z'];
    const rows = await database.db.insert(complexes).values(times.map((t, i) => ({ name: `C${i}`, createdAt: new Date(t) }))).returning();
    const expected = rows.filter((r) => r.createdAt <= new Date('2026-12-02T09:00:00Z'))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id).map((r) => r.id);
    const pageSizes: number[] = [];
    const read: number[] = [];
    for await (const page of pagesByTimeAndId(complexes.createdAt, complexes.id, 3, (after) => database.db.select().from(complexes)
      .where(and(lte(complexes.createdAt, new Date('2026-12-02T09:00:00Z')), after))
      .orderBy(asc(complexes.createdAt), asc(complexes.id)).limit(3), (r) => ({ at: r.createdAt, id: r.id }))) {
      pageSizes.push(page.length);
      read.push(...page.map((r) => r.id));
    }
    expect(read).toEqual(expected);
    expect(pageSizes).toEqual([3, 3, 3, 0]);
  });
});
