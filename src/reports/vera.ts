import type { ComplexRow } from '../handler.js';
import type { ReportRow } from './queries.js';

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

export function veraDocument(r: ReportRow, complex: Pick<ComplexRow, 'id' | 'name'>): Record<string, unknown> {
  const description = r.location ? `${r.location}: ${r.text}` : r.text;
  return {
    idExtern: `zelfbeheer-bot:${complex.id}:${r.number}`,
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
