import { describe, expect, it } from 'vitest';
import type { ReportRow } from '../../src/reports/queries.js';
import { actionForStatus, isFinalStatus, VERA_STATUSES, veraDocument } from '../../src/reports/vera.js';
import { bodyProblems, ohd } from '../support/vera/spec.js';

/**
 * The VERA hand-off: a report as an `Onderhoudsverzoek`, validated against the request body schema of
 * POST /onderhoudsverzoeken in the public spec (Aedes-datastandaarden/vera-openapi, Ketenprocessen/OHD.yaml,
 * kept in test/support/vera with its licence). As a strict server would, it also refuses properties the
 * spec does not declare.
 */
const problems = (doc: unknown) => bodyProblems('/onderhoudsverzoeken', 'POST', doc);

const report: ReportRow = {
  id: 7, complexId: 3, number: 12, reporterPersonId: 5, text: 'De lamp in hal B is kapot', category: 'maintenance', location: 'hal B',
  photoFileId: 'tg-photo', photoPlatform: 'telegram', visibility: 'private', source: 'direct', state: 'escalated', heldBy: 'corporation',
  assigneePersonId: null, originChatId: null, meToo: 2, round: 1, createdAt: new Date('2026-12-01T09:15:30.123Z'), acknowledgedAt: null,
  escalatedAt: new Date('2026-12-01T10:00:00Z'), liaisonAcknowledgedAt: null, resolvedAt: null, closedAt: null, waitingSince: null, pausedMs: 0, note: null,
};

describe('VERA Onderhoudsverzoek (OHD) export', () => {
  it('the kept spec is VERA OHD 4.3.0', () => {
    expect(ohd.info.version).toBe('4.3.0+260116.26');
  });

  it('is a valid POST /onderhoudsverzoeken body, declares nothing the spec does not know, and leaves the reporter out', () => {
    const doc = veraDocument(report, { id: 3, name: 'De Linde' });
    expect(problems(doc)).toEqual([]);
    expect(doc).toMatchObject({
      idExtern: 'zelfbeheer-bot:3:12', omschrijving: 'hal B: De lamp in hal B is kapot', melddatum: '2026-12-01T09:15:30Z',
      status: { code: 'REG', naam: 'Geregistreerd' }, onderhoudSoort: { code: 'REP', naam: 'Reparatie' },
    });
    // VERA's validation regex for melddatum.
    expect(doc.melddatum).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/);
    expect(JSON.stringify(doc)).not.toMatch(/relaties|reporter|personId/);
  });

  it('maps states onto ONDERHOUDSVERZOEKSTATUS', () => {
    const code = (state: string) => (veraDocument({ ...report, state }, { id: 3, name: 'De Linde' }).status as { code: string }).code;
    expect(['new', 'escalated', 'in_progress', 'resolved', 'closed', 'rejected'].map(code)).toEqual(['REG', 'REG', 'INB', 'TEC', 'AFG', 'GEA']);
  });

  it('the checks can fail: a wrong type and an unknown property are caught', () => {
    const doc = { ...veraDocument(report, { id: 3, name: 'De Linde' }), omschrijving: 5, melder: 'Bram' };
    expect(problems(doc)).toEqual(['.omschrijving should be string', '.melder is not in the spec']);
  });

  it('maps every ONDERHOUDSVERZOEKSTATUS onto an action of the liaison (or none), and knows the final ones', () => {
    expect(Object.fromEntries(VERA_STATUSES.map((c) => [c, actionForStatus(c)]))).toEqual({
      REG: null, BEO: null, INB: 'start', TEC: 'resolve', FIN: 'resolve', AFG: 'resolve', GEA: 'notOurs',
    });
    expect(VERA_STATUSES.filter(isFinalStatus)).toEqual(['AFG', 'GEA']);
  });

  it('a later hand-off of the same report has its own idExtern', () => {
    expect(veraDocument(report, { id: 3, name: 'De Linde' }, 'zelfbeheer-bot:3:12:2').idExtern).toBe('zelfbeheer-bot:3:12:2');
  });
});
