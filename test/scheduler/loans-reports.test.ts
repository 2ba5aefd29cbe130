import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { scheduledEffects } from '../../src/db/schema/index.js';
import { loanJobs, type LoanView } from '../../src/scheduler/jobs/loans-reports.js';
import { anna, bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';
import { machinery, seedCorporation } from '../support/complex-kit.js';

/**
 * Loans are built elsewhere; this in-memory port stands in for them, so the jobs run exactly as they
 * will against the real capability. (Report notices are tested with the reports capability: test/reports/.)
 */
describe('loan notices through the scheduler (in-memory port)', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness({ now: new Date('2026-11-23T00:00:00Z') }); });
  afterAll(async () => { await h.close(); });

  it('due-soon, overdue and coordinator alert for a loan; downtime rule', { timeout: 60_000 }, async () => {
    const { complexA, personIds } = await seedCorporation(h, { a: [anna, bram, chloe, daan], coordinatorsA: [anna] });
    const loans: LoanView[] = [
      { id: 1, complexId: complexA, itemName: 'Ladder', borrowerPersonId: personIds.get(bram.id)!, borrowerName: 'Bram Jansen', dueAt: new Date('2026-11-23T10:00:00Z'), returnedAt: null },
      { id: 2, complexId: complexA, itemName: 'Sleutel fietsenhok', borrowerPersonId: personIds.get(chloe.id)!, borrowerName: 'Chloé Martin', dueAt: new Date('2026-11-23T12:00:00Z'), returnedAt: null },
    ];
    const jobs = [
      ...loanJobs({ openLoans: async () => loans.filter((l) => !l.returnedAt), getLoan: async (_db, id) => loans.find((l) => l.id === id) ?? null,
        returnAction: (id) => `loan:return:${id}` }),
    ];
    const m = machinery(h, jobs);
    const log: string[] = [];
    const run = async (fromIso: string, toIso: string, stepMin = 60) => {
      for (let t = Date.parse(fromIso); t <= Date.parse(toIso); t += stepMin * 60_000) {
        h.clock.now = new Date(t);
        const before = h.fake.sent.length;
        await m.tick();
        for (const s of h.fake.sent.slice(before)) log.push(`${h.clock.now.toISOString().slice(5, 16)} ${s.toUser} ${s.text}${s.buttons.length ? ` [${s.buttons.flat().map((b) => b.action).join(' ')}]` : ''}`);
      }
    };
    await run('2026-11-23T00:00:00Z', '2026-11-23T09:00:00Z');
    // Down from 09:00 to 13:00: Chloé's due-soon notice (10:00) is stale by then and skipped; overdue notices go out late.
    await run('2026-11-23T13:00:00Z', '2026-11-23T13:00:00Z');
    loans[0]!.returnedAt = new Date('2026-11-23T14:00:00Z');
    await run('2026-11-23T14:00:00Z', '2026-11-26T02:00:00Z');
    await run('2026-11-26T03:00:00Z', '2026-11-27T03:00:00Z');
    expect(log).toEqual([
      '11-23T08:00 u-bram ⏳ Denk je eraan Ladder om maandag 23 november om 11:00 terug te brengen? [loan:return:1]',
      '11-23T13:00 u-bram ❗ Ladder had om maandag 23 november om 11:00 terug moeten zijn. Breng je het terug? [loan:return:1]',
      '11-23T13:00 u-chloe ❗ Sleutel fietsenhok was due back at Monday 23 November at 13:00. Could you return it? [loan:return:2]',
      '11-25T12:00 u-anna ⚠️ Sleutel fietsenhok is al sinds maandag 23 november om 13:00 te laat (geleend door Chloé Martin).',
    ]);
    const effects = await h.database.db.select({ key: scheduledEffects.key, state: scheduledEffects.state, outcome: scheduledEffects.outcome })
      .from(scheduledEffects).orderBy(asc(scheduledEffects.key));
    expect(effects).toEqual([
      { key: 'loan:1:due-soon', state: 'done', outcome: 'on_time' },
      { key: 'loan:1:overdue', state: 'done', outcome: 'late' },
      { key: 'loan:2:alert', state: 'done', outcome: 'on_time' },
      { key: 'loan:2:due-soon', state: 'skipped', outcome: 'skipped_stale' },
      { key: 'loan:2:overdue', state: 'done', outcome: 'late' },
    ]);
  });
});
