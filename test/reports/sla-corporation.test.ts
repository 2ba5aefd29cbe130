import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../src/admin/commands.js';
import { capabilities } from '../../src/capabilities.js';
import { act, openReport } from '../../src/reports/service.js';
import { DEFAULT_ESCALATION, slaHours, type ReportConfig } from '../../src/reports/settings.js';
import { anna, bram, createHarness, type Harness } from '../support/harness.js';
import { liaisonUser, machinery, seedCorporation } from '../support/complex-kit.js';

/**
 * The SLA a corporation promises (npm run admin -- sla …), per category or for all, with its own
 * working hours: it goes before the complex's beheerplan.
 */

const config = (corporation: [string, number, number][], byCategory: [string, number][] = []): ReportConfig => ({
  categories: [], escalation: { ...DEFAULT_ESCALATION, sla_acknowledge_hours: 24, sla_resolve_hours: 336 },
  byCategory: new Map(byCategory.map(([c, h]) => [c, { category: c as 'maintenance', sla_acknowledge_hours: h, sla_resolve_hours: h * 10 }])),
  corporationSla: new Map(corporation.map(([c, a, r]) => [c, { acknowledge: a, resolve: r }])),
  clock: { timezone: 'Europe/Amsterdam', businessHours: null },
});

describe('SLA per corporation and category', () => {
  it('the corporation\'s category, then its default, then the beheerplan\'s category, then its escalation section', () => {
    const both = config([['maintenance', 4, 48], ['*', 8, 80]], [['maintenance', 12], ['garden', 30]]);
    expect(slaHours(both, 'maintenance')).toEqual({ acknowledge: 4, resolve: 48 });
    expect(slaHours(both, 'garden')).toEqual({ acknowledge: 8, resolve: 80 });
    const categoryOnly = config([['maintenance', 4, 48]], [['garden', 30]]);
    expect(slaHours(categoryOnly, 'garden')).toEqual({ acknowledge: 30, resolve: 300 });
    expect(slaHours(categoryOnly, 'cleaning')).toEqual({ acknowledge: 24, resolve: 336 });
  });

  describe('in a complex', () => {
    let h: Harness;
    let corporationId: number;
    let complexA: number;
    let personIds: Map<string, number>;
    const admin = async (...argv: string[]) => {
      const lines: string[] = [];
      await runAdmin({ db: h.database.db, now: h.clock.now, lang: 'en', out: (l) => lines.push(l), capabilities }, argv);
      return lines;
    };
    beforeAll(async () => {
      // Friday 4 December 2026, 15:00 in Amsterdam.
      h = await createHarness({ now: new Date('2026-12-04T14:00:00Z') });
      ({ corporationId, complexA, personIds } = await seedCorporation(h, { a: [anna, bram], coordinatorsA: [anna], liaison: liaisonUser }));
    });
    afterAll(async () => { await h.close(); });

    it('the operator sets and shows it; bad input is refused', async () => {
      expect(await admin('sla', 'show', String(corporationId))).toEqual([`Corporation ${corporationId} has no SLA of its own: each complex's beheerplan applies.`]);
      await admin('sla', 'set', String(corporationId), '--acknowledge', '8', '--resolve', '80', '--business-hours', '08:00-17:00');
      expect(await admin('sla', 'set', String(corporationId), '--category', 'maintenance', '--acknowledge', '4', '--resolve', '40')).toEqual([
        'every category: acknowledge within 8 working hours, resolve within 80 working hours (working time 08:00–17:00)',
        'maintenance: acknowledge within 4 hours, resolve within 40 hours',
      ]);
      await expect(admin('sla', 'set', String(corporationId), '--category', 'lift', '--acknowledge', '4', '--resolve', '40')).rejects.toMatchObject({ key: 'admin.error.invalid' });
      await expect(admin('sla', 'set', String(corporationId), '--acknowledge', '0', '--resolve', '40')).rejects.toMatchObject({ key: 'admin.error.invalid' });
      await expect(admin('sla', 'set', String(corporationId), '--category', 'garden', '--acknowledge', '1', '--resolve', '2', '--business-hours', '08:00-17:00'))
        .rejects.toMatchObject({ key: 'reports.sla.admin.hoursForAll' });
      await expect(admin('sla', 'set', String(corporationId), '--acknowledge', '1', '--resolve', '2', '--business-hours', '17:00-08:00')).rejects.toMatchObject({ key: 'admin.error.invalid' });
    });

    it('a breach is counted by the corporation\'s SLA in its working hours, across the weekend, once', { timeout: 60_000 }, async () => {
      const { report } = await h.database.db.transaction((tx) => openReport(tx, {
        complexId: complexA, reporterPersonId: personIds.get(bram.id)!, text: 'De cv-ketel in de berging lekt', category: 'maintenance',
        location: null, visibility: 'public', source: 'group', now: h.clock.now,
      }));
      await h.database.db.transaction((tx) => act(tx, report.id, 'escalate', { personId: personIds.get(anna.id)!, role: 'coordinator' }, null, h.clock.now));
      const m = machinery(h);
      await m.tick();
      const seen: string[] = [];
      for (let t = h.clock.now.getTime() + 3_600_000; t <= Date.parse('2026-12-07T16:00:00Z'); t += 3_600_000) {
        h.clock.now = new Date(t);
        const before = h.fake.sent.length;
        await m.tick();
        for (const s of h.fake.sent.slice(before)) if (s.text.startsWith('⏱️')) seen.push(`${h.clock.now.toISOString().slice(5, 16)} ${s.toUser ?? s.chatId} ${s.text.split('\n')[0]}`);
      }
      // 4 working hours: Friday 15:00–17:00, then Monday 08:00–10:00 (09:00Z); the beheerplan's 24 hours do not count.
      expect(seen).toEqual([
        `12-07T09:00 liaison ⏱️ Melding #${report.number} is na 4 uur nog niet bevestigd door de corporatie.`,
        `12-07T09:00 u-anna ⏱️ Melding #${report.number} is na 4 uur nog niet bevestigd door de corporatie.`,
      ]);
    });
  });
});
