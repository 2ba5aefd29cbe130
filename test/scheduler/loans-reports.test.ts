import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { scheduledEffects } from '../../src/db/schema/index.js';
import { reportJobs, type ReportView } from '../../src/scheduler/jobs/loans-reports.js';
import { anna, bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';
import { machinery, seedCorporation } from '../support/complex-kit.js';

/**
 * Reports are built elsewhere; this in-memory port stands in for them, so the jobs run exactly as
 * they will against the real capability. (Loan notices run on real loans: test/loans/jobs.test.ts.)
 */
describe('report notices through the scheduler (in-memory port)', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness({ now: new Date('2026-11-23T00:00:00Z') }); });
  afterAll(async () => { await h.close(); });

  it('SLA breach, escalation and "is it fixed?" for a report; downtime rule', { timeout: 60_000 }, async () => {
    const { complexA, personIds } = await seedCorporation(h, { a: [anna, bram, chloe, daan], coordinatorsA: [anna] });
    const reports: ReportView[] = [{ id: 7, complexId: complexA, title: 'Lamp kapot in de gang', reporterPersonId: personIds.get(daan.id)!,
      openedAt: new Date('2026-11-23T00:00:00Z'), acknowledgedAt: null, resolvedAt: null, escalatedAt: null,
      escalateAfterHours: 72, slaAcknowledgeHours: 24, slaResolveHours: 24 * 14 }];
    const escalated: number[] = [];
    const jobs = [
      ...reportJobs({ activeReports: async () => reports, getReport: async (_db, id) => reports.find((r) => r.id === id) ?? null,
        escalate: async (_tx, id, now) => { escalated.push(id); reports[0]!.escalatedAt = now; }, fixedAction: (id, yes) => `rep:fixed:${id}:${yes ? 1 : 0}` }),
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
    await run('2026-11-23T13:00:00Z', '2026-11-23T13:00:00Z');
    await run('2026-11-23T14:00:00Z', '2026-11-26T02:00:00Z');
    reports[0]!.resolvedAt = new Date('2026-11-26T02:00:00Z');
    await run('2026-11-26T03:00:00Z', '2026-11-27T03:00:00Z');
    expect(log).toEqual([
      '11-24T00:00 u-anna ⏱️ Melding "Lamp kapot in de gang" is na 24 uur nog niet in behandeling genomen.',
      '11-27T02:00 u-daan Is "Lamp kapot in de gang" echt verholpen? [rep:fixed:7:1 rep:fixed:7:0]',
    ]);
    expect(escalated).toEqual([7]);
    const effects = await h.database.db.select({ key: scheduledEffects.key, state: scheduledEffects.state, outcome: scheduledEffects.outcome })
      .from(scheduledEffects).orderBy(asc(scheduledEffects.key));
    expect(effects).toEqual([
      { key: 'report:7:escalate', state: 'done', outcome: 'on_time' },
      { key: 'report:7:fixed?', state: 'done', outcome: 'on_time' },
      { key: 'sla:report:7:acknowledge', state: 'done', outcome: 'on_time' },
    ]);
  });
});
