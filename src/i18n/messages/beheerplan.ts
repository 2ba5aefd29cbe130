import { defineMessages } from '../define.js';

/** Beheerplan import/export: validation problems, confirmation, summaries, admin CLI. */
export const beheerplan = defineMessages({
  // Where a problem is.
  'beheerplan.path.root': { nl: 'bovenste niveau', en: 'top level' },
  'beheerplan.path.key': { nl: '{key}', en: '{key}' },
  'beheerplan.path.child': { nl: '{parent} → {key}', en: '{parent} → {key}' },
  'beheerplan.path.element': { nl: '{parent} → {noun} {n}', en: '{parent} → {noun} {n}' },
  'beheerplan.path.elementNamed': { nl: '{parent} → {noun} {n} (“{name}”)', en: '{parent} → {noun} {n} (“{name}”)' },
  'beheerplan.noun.task': { nl: 'taak', en: 'task' },
  'beheerplan.noun.item': { nl: 'item', en: 'item' },
  'beheerplan.noun.category': { nl: 'categorie', en: 'category' },
  'beheerplan.noun.poll': { nl: 'peiling', en: 'poll' },
  'beheerplan.noun.option': { nl: 'antwoord', en: 'option' },
  'beheerplan.noun.alias': { nl: 'bijnaam', en: 'alias' },
  'beheerplan.noun.entry': { nl: 'nr.', en: 'no.' },
  'beheerplan.problem': { nl: '• {where}: {what}', en: '• {where}: {what}' },
  'beheerplan.problem.line': { nl: '• Regel {line}, {where}: {what}', en: '• Line {line}, {where}: {what}' },

  // What is wrong.
  'beheerplan.type.string': { nl: 'tekst', en: 'text' },
  'beheerplan.type.number': { nl: 'een getal', en: 'a number' },
  'beheerplan.type.int': { nl: 'een heel getal', en: 'a whole number' },
  'beheerplan.type.boolean': { nl: 'true of false (ja/nee)', en: 'true or false' },
  'beheerplan.type.array': { nl: 'een lijst', en: 'a list' },
  'beheerplan.type.object': { nl: 'een groep velden', en: 'a group of fields' },
  'beheerplan.type.null': { nl: 'leeg', en: 'empty' },
  'beheerplan.type.unknown': { nl: 'iets anders', en: 'something else' },
  'beheerplan.issue.required': { nl: 'ontbreekt; dit veld is verplicht', en: 'is missing; this field is required' },
  'beheerplan.issue.type': { nl: 'moet {expected} zijn, maar is {received}', en: 'must be {expected}, but is {received}' },
  'beheerplan.issue.notWhole': { nl: 'moet een heel getal zijn, niet {value}', en: 'must be a whole number, not {value}' },
  'beheerplan.issue.empty': { nl: 'mag niet leeg zijn', en: 'must not be empty' },
  'beheerplan.issue.tooShort': { nl: 'moet minstens {limit, plural, one {# teken} other {# tekens}} hebben', en: 'must have at least {limit, plural, one {# character} other {# characters}}' },
  'beheerplan.issue.tooLong': { nl: 'mag hoogstens {limit, plural, one {# teken} other {# tekens}} hebben', en: 'may have at most {limit, plural, one {# character} other {# characters}}' },
  'beheerplan.issue.tooFew': { nl: 'moet minstens {limit, plural, one {# onderdeel} other {# onderdelen}} hebben', en: 'must have at least {limit, plural, one {# entry} other {# entries}}' },
  'beheerplan.issue.tooMany': { nl: 'mag hoogstens {limit, plural, one {# onderdeel} other {# onderdelen}} hebben', en: 'may have at most {limit, plural, one {# entry} other {# entries}}' },
  'beheerplan.issue.atLeast': { nl: 'moet minstens {limit} zijn', en: 'must be at least {limit}' },
  'beheerplan.issue.moreThan': { nl: 'moet groter dan {limit} zijn', en: 'must be more than {limit}' },
  'beheerplan.issue.atMost': { nl: 'mag hoogstens {limit} zijn', en: 'must be at most {limit}' },
  'beheerplan.issue.lessThan': { nl: 'moet kleiner dan {limit} zijn', en: 'must be less than {limit}' },
  'beheerplan.issue.unknownKey': {
    nl: 'onbekend veld “{key}”; hier kan: {allowed}',
    en: 'unknown field “{key}”; allowed here: {allowed}',
  },
  'beheerplan.issue.unknownKeySuggest': { nl: 'onbekend veld “{key}”; bedoel je “{suggestion}”?', en: 'unknown field “{key}”; did you mean “{suggestion}”?' },
  'beheerplan.issue.exactly': { nl: 'moet {expected} zijn, niet {value}', en: 'must be {expected}, not {value}' },
  'beheerplan.issue.oneOf': { nl: '“{value}” kan niet; kies uit: {values}', en: '“{value}” is not allowed; choose from: {values}' },
  'beheerplan.issue.oneOfSuggest': {
    nl: '“{value}” kan niet; bedoel je “{suggestion}”? (kies uit: {values})',
    en: '“{value}” is not allowed; did you mean “{suggestion}”? (choose from: {values})',
  },
  'beheerplan.issue.time': {
    nl: '“{value}” is geen tijd; schrijf UU:MM, bijvoorbeeld 09:30',
    en: '“{value}” is not a time; write HH:MM, for example 09:30',
  },
  'beheerplan.issue.format': { nl: '“{value}” heeft niet de goede vorm', en: '“{value}” does not have the right form' },
  'beheerplan.issue.scheduleOrAfterTask': {
    nl: 'geef schedule (wanneer, bijvoorbeeld “elke eerste zaterdag van de maand”) of after_task (na welke taak)',
    en: 'give schedule (when, for example “FREQ=MONTHLY;BYDAY=1SA”) or after_task (after which task)',
  },
  'beheerplan.issue.scheduleAndAfterTask': {
    nl: 'geef schedule óf after_task, niet allebei',
    en: 'give schedule or after_task, not both',
  },
  'beheerplan.issue.timezone': {
    nl: 'onbekende tijdzone “{value}”; gebruik een naam zoals Europe/Amsterdam',
    en: 'unknown time zone “{value}”; use a name such as Europe/Amsterdam',
  },
  'beheerplan.issue.timezoneSuggest': {
    nl: 'onbekende tijdzone “{value}”; bedoel je “{suggestion}”?',
    en: 'unknown time zone “{value}”; did you mean “{suggestion}”?',
  },
  'beheerplan.issue.invalid': { nl: 'deze waarde klopt niet', en: 'this value is not valid' },
  'beheerplan.issue.duplicateName': {
    nl: 'de naam “{name}” komt al eerder voor; elke naam mag maar één keer',
    en: 'the name “{name}” is already used above; each name may appear only once',
  },
  'beheerplan.issue.duplicateCategory': { nl: 'categorie “{name}” staat er al eerder in', en: 'category “{name}” is already listed above' },
  'beheerplan.issue.duplicateOption': { nl: 'antwoord “{name}” staat er al eerder in', en: 'option “{name}” is already listed above' },
  'beheerplan.issue.aliasTaken': {
    nl: 'bijnaam “{name}” is al de naam of bijnaam van “{item}”',
    en: 'alias “{name}” is already the name or alias of “{item}”',
  },
  'beheerplan.issue.unknownTask': { nl: 'er is geen taak “{name}” in dit plan', en: 'there is no task “{name}” in this plan' },
  'beheerplan.issue.unknownTaskSuggest': {
    nl: 'er is geen taak “{name}” in dit plan; bedoel je “{suggestion}”?',
    en: 'there is no task “{name}” in this plan; did you mean “{suggestion}”?',
  },
  'beheerplan.issue.thresholdAboveScale': {
    nl: 'moet tussen 1 en {max} liggen (het aantal antwoorden)',
    en: 'must be between 1 and {max} (the number of options)',
  },

  // Broken YAML / JSON.
  'beheerplan.syntax.at': { nl: '• Regel {line}, kolom {column}: {problem}', en: '• Line {line}, column {column}: {problem}' },
  'beheerplan.syntax.duplicateKey': { nl: 'dit veld staat hier twee keer', en: 'this field appears twice here' },
  'beheerplan.syntax.tab': { nl: 'inspringen met een tab kan niet; gebruik spaties', en: 'indenting with a tab is not allowed; use spaces' },
  'beheerplan.syntax.indent': {
    nl: 'het inspringen klopt niet (springt deze regel even ver in als de regels die erbij horen?)',
    en: 'the indentation is wrong (is this line indented as far as the lines it belongs with?)',
  },
  'beheerplan.syntax.nested': {
    nl: 'hier begint een nieuw veld waar dat niet kan: springt de regel te ver in, of staat er een dubbele punt in een waarde? Zet zo’n waarde tussen aanhalingstekens',
    en: 'a new field starts where it cannot: is the line indented too far, or is there a colon in a value? Put such a value in quotes',
  },
  'beheerplan.syntax.escape': {
    nl: 'ongeldige \\-code in tekst tussen dubbele aanhalingstekens; gebruik enkele aanhalingstekens',
    en: 'invalid \\ escape in text between double quotes; use single quotes',
  },
  'beheerplan.syntax.missingChar': {
    nl: 'hier mist een afsluitend teken, zoals een aanhalingsteken of haakje',
    en: 'a closing character is missing here, such as a quote or a bracket',
  },
  'beheerplan.syntax.flow': {
    nl: 'binnen [ ] of { } klopt iets niet; mist er een komma of haakje?',
    en: 'something is wrong inside [ ] or { }; is a comma or bracket missing?',
  },
  'beheerplan.syntax.unexpected': { nl: 'hier staat een teken dat hier niet hoort', en: 'there is a character here that does not belong here' },
  'beheerplan.syntax.multipleDocs': {
    nl: 'het bestand bevat meer dan één document (---); zet alles in één document',
    en: 'the file contains more than one document (---); put everything in one document',
  },
  'beheerplan.syntax.alias': { nl: 'er klopt iets niet met een verwijzing (*naam)', en: 'something is wrong with a reference (*name)' },
  'beheerplan.syntax.scalarStart': {
    nl: 'een waarde kan niet met dit teken beginnen; zet hem tussen aanhalingstekens',
    en: 'a value cannot start with this character; put it in quotes',
  },
  'beheerplan.syntax.other': { nl: 'de opbouw van het bestand klopt hier niet ({detail})', en: 'the structure of the file is wrong here ({detail})' },
  'beheerplan.syntax.jsonToken': {
    nl: 'de JSON klopt hier niet: “{found}” verwacht ik hier niet (mist er een komma, aanhalingsteken of waarde?)',
    en: 'the JSON is wrong here: I did not expect “{found}” (is a comma, quote or value missing?)',
  },
  'beheerplan.syntax.jsonEnd': { nl: 'de JSON houdt te vroeg op; mist er een } of ]?', en: 'the JSON ends too early; is a } or ] missing?' },
  'beheerplan.syntax.empty': { nl: '• Het bestand is leeg.', en: '• The file is empty.' },
  // A file that would cost too much to read (refused before parsing).
  'beheerplan.limit.tooLarge': {
    nl: '• Het bestand is te groot voor een beheerplan (meer dan {kb} kB). Stuur alleen het plan zelf.',
    en: '• The file is too large for a beheerplan (more than {kb} kB). Send only the plan itself.',
  },
  'beheerplan.limit.nodes': {
    nl: '• Het bestand heeft te veel velden en regels (meer dan {max}). Een beheerplan is veel kleiner; stuur alleen het plan zelf.',
    en: '• The file has too many fields and entries (more than {max}). A beheerplan is much smaller; send only the plan itself.',
  },
  'beheerplan.limit.tooDeep': {
    nl: '• Het bestand is te diep genest (meer dan {max} niveaus). Een beheerplan heeft maar een paar niveaus; controleer het inspringen.',
    en: '• The file is nested too deeply (more than {max} levels). A beheerplan has only a few levels; check the indentation.',
  },
  'beheerplan.limit.aliases': {
    nl: '• Het bestand gebruikt te veel verwijzingen (*naam; hoogstens {max}). Schrijf de waarden gewoon uit.',
    en: '• The file uses too many references (*name; at most {max}). Write the values out instead.',
  },
  'beheerplan.limit.expanded': {
    nl: '• Met de verwijzingen (*naam) ingevuld wordt het plan te groot (meer dan {kb} kB). Schrijf de waarden gewoon uit.',
    en: '• With its references (*name) filled in the plan becomes too large (more than {kb} kB). Write the values out instead.',
  },
  'beheerplan.syntax.binary': { nl: '• Dit is geen tekstbestand. Stuur een .yaml- of .json-bestand.', en: '• This is not a text file. Send a .yaml or .json file.' },

  // Sections, for summaries.
  'beheerplan.section.tasks': { nl: 'Taken', en: 'Tasks' },
  'beheerplan.section.items': { nl: 'Spullen', en: 'Items' },
  'beheerplan.section.categories': { nl: 'Meldingscategorieën', en: 'Report categories' },
  'beheerplan.section.escalation': { nl: 'Escalatie', en: 'Escalation' },
  'beheerplan.section.polls': { nl: 'Peilingen', en: 'Polls' },
  'beheerplan.section.reminders': { nl: 'Herinneringen', en: 'Reminders' },
  'beheerplan.count': { nl: '• {section}: {n}', en: '• {section}: {n}' },
  'beheerplan.count.settings': { nl: '• {section}: ingesteld', en: '• {section}: set' },
  'beheerplan.change.name': { nl: '• Naam van het complex: {from} → {to}', en: '• Name of the complex: {from} → {to}' },
  'beheerplan.change.timezone': { nl: '• Tijdzone: {from} → {to}', en: '• Time zone: {from} → {to}' },
  'beheerplan.change.language': { nl: '• Taal van de groep: {from} → {to}', en: '• Language of the group: {from} → {to}' },
  'beheerplan.change.added': { nl: '• {section}, nieuw: {names}', en: '• {section}, new: {names}' },
  'beheerplan.change.changed': { nl: '• {section}, gewijzigd: {names}', en: '• {section}, changed: {names}' },
  'beheerplan.change.paused': {
    nl: '• {section}, gepauzeerd (niet meer in het bestand; geschiedenis blijft): {names}',
    en: '• {section}, paused (no longer in the file; history is kept): {names}',
  },
  'beheerplan.change.removed': { nl: '• {section}, verwijderd: {names}', en: '• {section}, removed: {names}' },
  'beheerplan.change.settings': { nl: '• {section}: instellingen gewijzigd', en: '• {section}: settings changed' },
  'beheerplan.change.kept': {
    nl: '• Niet in het bestand, dus blijft zoals het is: {sections}',
    en: '• Not in the file, so it stays as it is: {sections}',
  },
  'beheerplan.change.none': { nl: 'Er verandert niets.', en: 'Nothing changes.' },

  // In chat.
  'beheerplan.help': {
    nl: 'het beheerplan als bestand (stuur een .yaml- of .json-bestand om het in te lezen)',
    en: 'the beheerplan as a file (send a .yaml or .json file to import it)',
  },
  'beheerplan.invalid.title': { nl: 'Dit beheerplan ({file}) kan ik niet inlezen:', en: 'I cannot import this beheerplan ({file}):' },
  'beheerplan.invalid.more': { nl: '… en verder nog {n}. Los eerst deze op.', en: '… and {n} more. Fix these first.' },
  'beheerplan.invalid.footer': { nl: 'Pas het bestand aan en stuur het opnieuw.', en: 'Fix the file and send it again.' },
  'beheerplan.confirm.title': {
    nl: 'Het beheerplan {file} voor {complex} is in orde. Dit verandert er:',
    en: 'The beheerplan {file} for {complex} is valid. This is what changes:',
  },
  'beheerplan.confirm.question': { nl: 'Wil je het inlezen?', en: 'Do you want to import it?' },
  'beheerplan.button.import': { nl: 'Importeren', en: 'Import' },
  'beheerplan.button.cancel': { nl: 'Annuleren', en: 'Cancel' },
  'beheerplan.imported': { nl: 'Beheerplan ingelezen voor {complex}:', en: 'Beheerplan imported for {complex}:' },
  'beheerplan.cancelled': { nl: 'Oké, het beheerplan is niet ingelezen.', en: 'OK, the beheerplan was not imported.' },
  'beheerplan.alreadyHandled': { nl: 'Dit beheerplan is al verwerkt.', en: 'This beheerplan has already been handled.' },
  'beheerplan.export.caption': {
    nl: 'Het beheerplan van {complex}. Pas het aan en stuur het terug om het in te lezen.',
    en: 'The beheerplan of {complex}. Edit it and send it back to import it.',
  },
  'beheerplan.error.coordinatorOnly': {
    nl: 'Alleen een coördinator kan een beheerplan inlezen. Vraag een coördinator van je complex.',
    en: 'Only a coordinator can import a beheerplan. Ask a coordinator of your complex.',
  },
  'beheerplan.error.whichComplex': {
    nl: 'Je bent coördinator van meer complexen ({complexes}). Stuur het bestand in de groep van het complex, of zet de naam onder complex: name: in het bestand.',
    en: 'You are coordinator of several complexes ({complexes}). Send the file in the complex’s group, or put its name under complex: name: in the file.',
  },
  'beheerplan.error.download': { nl: 'Ik kon het bestand niet ophalen. Stuur het nog eens.', en: 'I could not fetch the file. Please send it again.' },
  'beheerplan.error.tooLarge': {
    nl: 'Dit bestand is te groot voor een beheerplan (meer dan {kb} kB).',
    en: 'This file is too large for a beheerplan (more than {kb} kB).',
  },
  'beheerplan.error.noComplex': { nl: 'Dit complex bestaat niet (meer).', en: 'This complex does not exist (any more).' },
  'beheerplan.error.format': { nl: 'Kies yaml of json, niet “{value}”.', en: 'Choose yaml or json, not “{value}”.' },

  // Admin CLI.
  'beheerplan.cli.usage': {
    nl: `Gebruik:
  npm run admin -- beheerplan import <complex-id> <bestand.yaml|json>
  npm run admin -- beheerplan export <complex-id> [--format yaml|json]
  npm run --silent admin -- beheerplan schema > src/beheerplan/beheerplan.schema.json`,
    en: `Usage:
  npm run admin -- beheerplan import <complex-id> <file.yaml|json>
  npm run admin -- beheerplan export <complex-id> [--format yaml|json]
  npm run --silent admin -- beheerplan schema > src/beheerplan/beheerplan.schema.json`,
  },
  'beheerplan.cli.invalid': { nl: 'Beheerplan {file} niet ingelezen:\n{problems}', en: 'Beheerplan {file} not imported:\n{problems}' },
  'beheerplan.cli.unreadable': { nl: 'Kan {file} niet lezen: {reason}', en: 'Cannot read {file}: {reason}' },
});
