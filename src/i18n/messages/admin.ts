import { defineMessages } from '../define.js';

/** The operator's command line (npm run admin). */
export const admin = defineMessages({
  'admin.usage': {
    nl: `Gebruik: npm run admin -- <opdracht>
  corporation create <naam> [--rate <euro per uur>]    corporatie aanmaken
  corporation list                                     corporaties tonen
  complex create <naam> [--corporation <id>] [--timezone Europe/Amsterdam] [--language nl|en]
  complex list                                         complexen tonen
  code issue --complex <id> [--uses <n>] [--days <n>]   koppelcode voor een groep
  code issue --liaison --corporation <id> [--days <n>]  koppelcode voor de contactchat van een corporatie
  code list [--all]                                    geldige (of alle) koppelcodes
  beheerplan import <complex-id> <bestand.yaml|json>   beheerplan inlezen
  beheerplan export <complex-id> [--format yaml|json]  beheerplan uitvoeren
  beheerplan schema                                    JSON Schema voor editors`,
    en: `Usage: npm run admin -- <command>
  corporation create <name> [--rate <euro per hour>]   create a corporation
  corporation list                                     list corporations
  complex create <name> [--corporation <id>] [--timezone Europe/Amsterdam] [--language nl|en]
  complex list                                         list complexes
  code issue --complex <id> [--uses <n>] [--days <n>]   join code for a group
  code issue --liaison --corporation <id> [--days <n>]  join code for a corporation's liaison chat
  code list [--all]                                    valid (or all) join codes
  beheerplan import <complex-id> <file.yaml|json>      import a beheerplan
  beheerplan export <complex-id> [--format yaml|json]  export a beheerplan
  beheerplan schema                                    JSON Schema for editors`,
  },
  'admin.corporation.created': { nl: 'Corporatie {id} aangemaakt: {name}', en: 'Corporation {id} created: {name}' },
  'admin.corporation.line': { nl: '{id}\t{name}\t€{rate}/uur', en: '{id}\t{name}\t€{rate}/hour' },
  'admin.complex.created': { nl: 'Complex {id} aangemaakt: {name}', en: 'Complex {id} created: {name}' },
  'admin.complex.line': { nl: '{id}\t{name}\t{corporation}\t{timezone}\t{chats, plural, one {# chat} other {# chats}}', en: '{id}\t{name}\t{corporation}\t{timezone}\t{chats, plural, one {# chat} other {# chats}}' },
  'admin.complex.selfOrganised': { nl: '(zelfgeorganiseerd)', en: '(self-organised)' },
  'admin.code.issued': {
    nl: 'Koppelcode {code} (nog {uses}× te gebruiken, geldig tot {expires}). Typ in de groep: /koppel {code}',
    en: 'Join code {code} ({uses, plural, one {# use} other {# uses}} left, valid until {expires}). Type in the group: /setup {code}',
  },
  'admin.code.line': { nl: '{code}\t{purpose}\t{target}\tnog {uses}×\ttot {expires}', en: '{code}\t{purpose}\t{target}\t{uses} left\tuntil {expires}' },
  'admin.none': { nl: '(geen)', en: '(none)' },
  'admin.error.notFound': { nl: '{what} {id} bestaat niet.', en: '{what} {id} does not exist.' },
  'admin.error.missing': { nl: 'Ontbrekend: {what}', en: 'Missing: {what}' },
  'admin.error.invalid': { nl: 'Ongeldige waarde voor {what}: {value}', en: 'Invalid value for {what}: {value}' },
});
