import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import type { ReportRow } from '../../src/reports/queries.js';
import { veraDocument } from '../../src/reports/vera.js';

/**
 * The VERA hand-off: a report as an `Onderhoudsverzoek`, validated against the request body schema of
 * POST /onderhoudsverzoeken in the public spec (Aedes-datastandaarden/vera-openapi, Ketenprocessen/OHD.yaml;
 * the schemas it reaches are stored in test/data with the commit they come from). As a strict server
 * would, it also refuses properties the spec does not declare.
 */
const spec = JSON.parse(readFileSync(new URL('../data/vera-ohd-onderhoudsverzoekbericht.json', import.meta.url), 'utf8')) as {
  source: { repository: string; path: string; commit: string }; root: string; components: { schemas: Record<string, Schema> };
};
type Schema = { $ref?: string; allOf?: Schema[]; oneOf?: Schema[]; properties?: Record<string, Schema>; items?: Schema; type?: string };

const ajv = new Ajv({ allErrors: true, unknownFormats: 'ignore' });
ajv.addSchema({ $id: 'ohd', components: spec.components }, 'ohd');
const validate = ajv.compile({ $ref: `ohd#/components/schemas/${spec.root}` });

function resolve(s: Schema): Schema {
  return s.$ref ? resolve(spec.components.schemas[s.$ref.replace('#/components/schemas/', '')]!) : s;
}

/** Declared properties of a schema, through $ref and allOf (oneOf: all alternatives). */
function declared(s: Schema): Record<string, Schema> {
  const r = resolve(s);
  const parts: Record<string, Schema>[] = [r.properties ?? {}, ...(r.allOf ?? []).map(declared), ...(r.oneOf ?? []).map(declared)];
  return Object.fromEntries(parts.flatMap((p) => Object.entries(p)));
}

/** Paths of properties in `value` that the schema does not declare. */
function undeclared(value: unknown, s: Schema, path = ''): string[] {
  const r = resolve(s);
  if (Array.isArray(value)) return value.flatMap((v, i) => undeclared(v, r.items ?? {}, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const props = declared(r);
  return Object.entries(value).flatMap(([k, v]) => (props[k] ? undeclared(v, props[k], `${path}.${k}`) : [`${path}.${k}`]));
}

const report: ReportRow = {
  id: 7, complexId: 3, number: 12, reporterPersonId: 5, text: 'De lamp in hal B is kapot', category: 'maintenance', location: 'hal B',
  photoFileId: 'tg-photo', photoPlatform: 'telegram', visibility: 'private', source: 'direct', state: 'escalated', heldBy: 'corporation',
  assigneePersonId: null, originChatId: null, meToo: 2, round: 1, createdAt: new Date('2026-12-01T09:15:30.123Z'), acknowledgedAt: null,
  escalatedAt: new Date('2026-12-01T10:00:00Z'), liaisonAcknowledgedAt: null, resolvedAt: null, closedAt: null, waitingSince: null, pausedMs: 0, note: null,
};

describe('VERA Onderhoudsverzoek (OHD) export', () => {
  it('the fixture names its source', () => {
    expect(spec.source).toMatchObject({ repository: 'https://github.com/Aedes-datastandaarden/vera-openapi', path: 'Ketenprocessen/OHD.yaml' });
    expect(spec.source.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('is a valid POST /onderhoudsverzoeken body, declares nothing the spec does not know, and leaves the reporter out', () => {
    const doc = veraDocument(report, { id: 3, name: 'De Linde' });
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(undeclared(doc, { $ref: `#/components/schemas/${spec.root}` })).toEqual([]);
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
    expect(validate(doc)).toBe(false);
    expect(undeclared(doc, { $ref: `#/components/schemas/${spec.root}` })).toEqual(['.melder']);
  });
});
