import { defineMessages } from '../define.js';

/** The hand-off of reports to a corporation's own system (Aedes VERA, OHD): history and operator commands. */
export const veraMessages = defineMessages({
  'reports.actor.corporationSystem': { nl: 'systeem van de corporatie', en: 'the corporation\'s system' },
  'reports.vera.admin.usage': {
    nl: 'Gebruik: npm run admin -- vera set <corporatie-id> --url <https://…/v4> [--token-url <url>] --client-id <id> --client-secret-file <bestand>'
      + ' | vera show <corporatie-id> | vera remove <corporatie-id> | vera handoffs | vera retry <overdracht-id>',
    en: 'Usage: npm run admin -- vera set <corporation-id> --url <https://…/v4> [--token-url <url>] --client-id <id> --client-secret-file <file>'
      + ' | vera show <corporation-id> | vera remove <corporation-id> | vera handoffs | vera retry <handoff-id>',
  },
  'reports.vera.admin.https': {
    nl: '{what} moet een https-adres zijn (http alleen op localhost): {value}',
    en: '{what} must be an https address (http only on localhost): {value}',
  },
  'reports.vera.admin.set': {
    nl: 'Corporatie {id}: escalaties gaan voortaan als VERA-onderhoudsverzoek naar {url}.',
    en: 'Corporation {id}: escalations now go to {url} as VERA maintenance requests.',
  },
  'reports.vera.admin.show': {
    nl: 'Corporatie {id}: {url} (token: {tokenUrl}), client-id {clientId}, client-secret ingesteld (niet getoond).',
    en: 'Corporation {id}: {url} (token: {tokenUrl}), client id {clientId}, client secret set (not shown).',
  },
  'reports.vera.admin.none': { nl: 'Corporatie {id} heeft geen VERA-koppeling.', en: 'Corporation {id} has no VERA link.' },
  'reports.vera.admin.removed': {
    nl: 'VERA-koppeling van corporatie {id} verwijderd: nieuwe escalaties blijven in de chat.',
    en: 'VERA link of corporation {id} removed: new escalations stay in the chat.',
  },
  'reports.vera.admin.handoff': {
    nl: '#{id} {idExtern} {state}, {attempts, plural, one {# mislukte poging} other {# mislukte pogingen}}, volgende {next}, verzoek {verzoek}, status {status}, fout {error}',
    en: '#{id} {idExtern} {state}, {attempts, plural, one {# failed attempt} other {# failed attempts}}, next {next}, request {verzoek}, status {status}, error {error}',
  },
  'reports.vera.admin.retried': { nl: 'Overdracht #{id} wordt opnieuw geprobeerd.', en: 'Handoff #{id} will be tried again.' },
  'reports.vera.admin.notFailed': {
    nl: 'Overdracht #{id} bestaat niet of is niet mislukt.',
    en: 'Handoff #{id} does not exist or has not failed.',
  },
  'reports.sla.admin.usage': {
    nl: 'Gebruik: npm run admin -- sla set <corporatie-id> [--category <categorie>] --acknowledge <uren> --resolve <uren> [--business-hours 08:00-17:00]'
      + ' | sla show <corporatie-id> | sla remove <corporatie-id> [--category <categorie>]',
    en: 'Usage: npm run admin -- sla set <corporation-id> [--category <category>] --acknowledge <hours> --resolve <hours> [--business-hours 08:00-17:00]'
      + ' | sla show <corporation-id> | sla remove <corporation-id> [--category <category>]',
  },
  'reports.sla.admin.none': {
    nl: 'Corporatie {id} heeft geen eigen SLA: het beheerplan van elk complex geldt.',
    en: 'Corporation {id} has no SLA of its own: each complex\'s beheerplan applies.',
  },
  'reports.sla.admin.any': { nl: 'alle categorieën', en: 'every category' },
  'reports.sla.admin.line': {
    nl: '{category}: bevestigen binnen {acknowledge, plural, one {# uur} other {# uur}}, oplossen binnen {resolve, plural, one {# uur} other {# uur}}',
    en: '{category}: acknowledge within {acknowledge, plural, one {# hour} other {# hours}}, resolve within {resolve, plural, one {# hour} other {# hours}}',
  },
  'reports.sla.admin.lineHours': {
    nl: '{category}: bevestigen binnen {acknowledge, plural, one {# werkuur} other {# werkuur}}, oplossen binnen {resolve, plural, one {# werkuur} other {# werkuur}} (werktijd {start}–{end})',
    en: '{category}: acknowledge within {acknowledge, plural, one {# working hour} other {# working hours}}, resolve within {resolve, plural, one {# working hour} other {# working hours}} (working time {start}–{end})',
  },
  'reports.sla.admin.hoursForAll': {
    nl: '--business-hours geldt voor de hele corporatie: zet het zonder --category.',
    en: '--business-hours holds for the whole corporation: set it without --category.',
  },
  'reports.inComplex': { nl: '🏠 {complex}', en: '🏠 {complex}' },
  'reports.error.usageShowLiaison': {
    nl: 'Gebruik: /melding <nummer> of /melding <complex> <nummer>, bv. /melding De Linde 3',
    en: 'Usage: /showreport <number> or /showreport <complex> <number>, e.g. /showreport De Linde 3',
  },
  'reports.error.whichComplex': {
    nl: 'Melding #{number} is er in meer complexen: {complexes}. Noem het complex, bv. /melding {example} {number}',
    en: 'Report #{number} exists in more than one complex: {complexes}. Name the complex, e.g. /showreport {example} {number}',
  },
});
