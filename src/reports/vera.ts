import type { ComplexRow } from '../handler.js';
import type { ReportRow } from './queries.js';
import type { ReportAction } from './rules.js';

/**
 * A report as a VERA `Onderhoudsverzoek` (Aedes VERA, ketenproces Onderhoud — OHD.yaml in
 * Aedes-datastandaarden/vera-openapi), the body a corporation's system accepts on
 * POST /onderhoudsverzoeken. The reporter is not included (AVG: the corporation's liaison gets
 * contact through the bot); status codes are ONDERHOUDSVERZOEKSTATUS from vera-referentiedata.
 */

type Referentiedata = { code: string; naam: string };

const STATUS: Record<string, Referentiedata> = {
  new: { code: 'REG', naam: 'Geregistreerd' },
  acknowledged: { code: 'REG', naam: 'Geregistreerd' },
  escalated: { code: 'REG', naam: 'Geregistreerd' },
  in_progress: { code: 'INB', naam: 'In behandeling' },
  resolved: { code: 'TEC', naam: 'Technisch gereed' },
  closed: { code: 'AFG', naam: 'Afgehandeld' },
  rejected: { code: 'GEA', naam: 'Geannuleerd' },
};

/** ONDERHOUDSOORT: a defect reported by residents is a repair (REP), cleaning and garden liveability (LEE). */
const SOORT: Record<string, Referentiedata> = {
  cleaning: { code: 'LEE', naam: 'Leefbaarheid' },
  garden: { code: 'LEE', naam: 'Leefbaarheid' },
  nuisance: { code: 'LEE', naam: 'Leefbaarheid' },
};
const REPAIR: Referentiedata = { code: 'REP', naam: 'Reparatie' };

/** VERA date-times: UTC with a Z (validation regex in OHD.yaml). */
const veraTime = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Our key for a report's verzoek; a later hand-off of the same report gets a suffix (see vera-queue.ts). */
export const veraIdExtern = (complexId: number, number: number): string => `zelfbeheer-bot:${complexId}:${number}`;

export function veraDocument(r: ReportRow, complex: Pick<ComplexRow, 'id' | 'name'>, idExtern = veraIdExtern(complex.id, r.number)): Record<string, unknown> {
  const description = r.location ? `${r.location}: ${r.text}` : r.text;
  return {
    idExtern,
    code: `${complex.id}-${r.number}`,
    omschrijving: description.slice(0, 200),
    onderhoudSoort: SOORT[r.category] ?? REPAIR,
    status: STATUS[r.state] ?? STATUS.new,
    melddatum: veraTime(r.createdAt),
    cluster: { idExtern: `zelfbeheer-bot:complex:${complex.id}`, naam: complex.name },
    defecten: [{ omschrijving: description }],
    contactmomenten: [{ datum: veraTime(r.createdAt), onderwerp: 'Melding via de zelfbeheer-bot', omschrijving: r.text }],
    'extra-attributen': [
      { naam: 'categorie', waarde: r.category },
      ...(r.location ? [{ naam: 'locatie', waarde: r.location }] : []),
      { naam: 'aantalIkOok', waarde: String(r.meToo) },
      ...(r.photoFileId ? [{ naam: 'foto', waarde: 'beschikbaar via de contactpersoon in de chat' }] : []),
    ],
  };
}

/** ONDERHOUDSVERZOEKSTATUS (vera-referentiedata): the codes a corporation's system reports back. */
export const VERA_STATUSES = ['REG', 'BEO', 'INB', 'TEC', 'FIN', 'AFG', 'GEA'] as const;
export type VeraStatus = (typeof VERA_STATUSES)[number];

export function isVeraStatus(code: unknown): code is VeraStatus {
  return typeof code === 'string' && (VERA_STATUSES as readonly string[]).includes(code);
}

/**
 * What a status change in the corporation's system means for the report, as an action the liaison
 * could have taken (the decider still says whether it applies now): in behandeling → in progress,
 * technically done / financial settlement / done → resolved (the reporter is then asked "is it
 * fixed?"), cancelled → not ours (back to the coordinators). Registered and "ter beoordeling" are
 * no acknowledgement by a person: they change nothing, so the SLA clock keeps running.
 */
export function actionForStatus(code: VeraStatus): ReportAction | null {
  switch (code) {
    case 'REG': case 'BEO': return null;
    case 'INB': return 'start';
    case 'TEC': case 'FIN': case 'AFG': return 'resolve';
    case 'GEA': return 'notOurs';
    default: {
      const never: never = code;
      throw new Error(`unknown VERA status ${String(never)}`);
    }
  }
}

/** After these the verzoek does not change any more: following it stops. */
export function isFinalStatus(code: VeraStatus): boolean {
  return code === 'AFG' || code === 'GEA';
}
