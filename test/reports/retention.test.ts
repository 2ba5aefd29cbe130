import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { capabilities } from '../../src/capabilities.js';
import { retentionRules } from '../../src/capability.js';
import { reportEvents, reportMeToo, reports, reportSettings } from '../../src/db/schema/index.js';
import { act, meToo, openReport } from '../../src/reports/service.js';
import { anna, bram, createHarness, daan, type Harness } from '../support/harness.js';
import { seedCorporation } from '../support/complex-kit.js';

const DAY = 86_400_000;

/** Finished reports are deleted, with their history and "me too"s, a year (or the beheerplan's days) after they finished. */
describe('retention of finished reports', () => {
  let h: Harness;
  let complexA: number;
  let complexB: number;
  let ids: Map<string, number>;
  const now = new Date('2027-06-01T04:00:00Z');
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const open = (complexId: number, text: string, at: Date) => h.database.db.transaction(async (tx) => (await openReport(tx, {
    complexId, reporterPersonId: ids.get(bram.id)!, text, category: 'maintenance', location: null, visibility: 'public', source: 'group', now: at,
  })).report);
  const coordinator = () => ({ personId: ids.get(anna.id)!, role: 'coordinator' as const });

  beforeAll(async () => {
    h = await createHarness({ now });
    ({ complexA, complexB, personIds: ids } = await seedCorporation(h, { a: [anna, bram, daan], coordinatorsA: [anna], b: [] }));
  });
  afterAll(async () => { await h.close(); });

  it('deletes what finished longer ago than the complex keeps it; open and recent ones stay', async () => {
    const db = h.database.db;
    await db.insert(reportSettings).values({ complexId: complexB, escalation: { closed_report_days: 60 } });
    const closedOld = await open(complexA, 'Lamp kapot in hal A', ago(420));
    await db.transaction((tx) => meToo(tx, closedOld.id, ids.get(daan.id)!, ago(419)));
    await db.transaction(async (tx) => {
      await act(tx, closedOld.id, 'resolve', coordinator(), null, ago(400));
      await act(tx, closedOld.id, 'close', coordinator(), null, ago(370));
    });
    const closedRecent = await open(complexA, 'Deur klemt', ago(200));
    await db.transaction(async (tx) => {
      await act(tx, closedRecent.id, 'resolve', coordinator(), null, ago(120));
      await act(tx, closedRecent.id, 'close', coordinator(), null, ago(100));
    });
    const rejectedOld = await open(complexA, 'Dubbele melding', ago(500));
    await db.transaction((tx) => act(tx, rejectedOld.id, 'reject', coordinator(), 'dubbel', ago(499)));
    const openOld = await open(complexA, 'Hek sluit niet', ago(800));
    const resolvedOld = await open(complexA, 'Graffiti', ago(450));
    await db.transaction((tx) => act(tx, resolvedOld.id, 'resolve', coordinator(), null, ago(380)));
    const shortKept = await open(complexB, 'Brievenbus kapot', ago(150));
    await db.update(reports).set({ state: 'closed', resolvedAt: ago(100), closedAt: ago(90) }).where(eq(reports.id, shortKept.id));

    const rule = retentionRules(capabilities).find((r) => r.name === 'finished reports')!;
    expect(await rule.run(db, now)).toBe(4);
    const left = await db.select({ id: reports.id }).from(reports);
    expect(left.map((r) => r.id).sort((a, b) => a - b)).toEqual([closedRecent.id, openOld.id].sort((a, b) => a - b));
    const gone = [closedOld.id, rejectedOld.id, resolvedOld.id, shortKept.id];
    expect(await db.select().from(reportEvents).where(inArray(reportEvents.reportId, gone))).toEqual([]);
    expect(await db.select().from(reportMeToo).where(inArray(reportMeToo.reportId, gone))).toEqual([]);
    // Run again: nothing more to do.
    expect(await rule.run(db, now)).toBe(0);
  });
});
