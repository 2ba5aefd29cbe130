import { defineMessages } from '../define.js';

export const core = defineMessages({
  'core.unavailable': {
    nl: 'Ik kan even niet bij mijn gegevens. Ik doe het zodra ik terug ben; je hoeft het niet opnieuw te sturen.',
    en: 'I can’t reach my data for a moment. I’ll do it as soon as I’m back; no need to send it again.',
  },
  'core.error.unexpected': {
    nl: 'Sorry, er ging iets mis aan mijn kant. Probeer het zo nog eens.',
    en: 'Sorry, something went wrong on my side. Please try again in a moment.',
  },
  'core.error.notLinked': {
    nl: 'Deze groep is nog niet gekoppeld aan een complex. Een beheerder van de groep typt /koppel <code> (de code krijg je van je corporatie), of /koppel zonder code om een nieuw complex te registreren.',
    en: 'This group is not linked to a complex yet. A group admin types /setup <code> (your housing corporation gives you the code), or /setup without a code to register a new complex.',
  },
  'core.error.noComplexInDirect': {
    nl: 'Ik weet niet bij welk complex je hoort. Stuur dit bericht in de groep van je complex.',
    en: 'I do not know which complex you belong to. Send this message in your complex’s group.',
  },
  'core.error.coordinatorOnly': {
    nl: 'Dit kan alleen een coördinator. Vraag een coördinator van je complex om hulp.',
    en: 'Only a coordinator can do this. Ask a coordinator of your complex for help.',
  },
  'core.error.liaisonOnly': {
    nl: 'Dit kan alleen de contactpersoon van de corporatie.',
    en: 'Only the housing corporation’s liaison can do this.',
  },
  'core.error.groupOnly': {
    nl: 'Dit werkt alleen in de groepschat van je complex.',
    en: 'This only works in your complex’s group chat.',
  },
  'core.error.directOnly': {
    nl: 'Dit werkt alleen in een privégesprek met mij. Stuur me een privébericht.',
    en: 'This only works in a private chat with me. Send me a direct message.',
  },
  'core.error.directUnreachable': {
    nl: 'Ik kan je geen privébericht sturen. Open eerst een privéchat met mij en druk op Start, en probeer het dan opnieuw.',
    en: 'I cannot send you a direct message. Open a private chat with me first and press Start, then try again.',
  },
  'core.error.buttonNotForYou': {
    nl: 'Deze knop is niet (meer) voor jou of voor deze groep bedoeld.',
    en: 'This button is not (or no longer) meant for you or for this group.',
  },
  'core.error.buttonExpired': {
    nl: 'Deze knop werkt niet meer. Vraag het opnieuw aan.',
    en: 'This button no longer works. Please ask again.',
  },
  'core.unknownCommand': {
    nl: 'Die opdracht ken ik niet: /{command}. Typ /hulp voor wat ik kan.',
    en: 'I do not know the command /{command}. Type /help to see what I can do.',
  },
  'core.help.title': {
    nl: 'Dit kan ik voor je doen:',
    en: 'This is what I can do for you:',
  },
  'core.help.line': { nl: '/{name} – {description}', en: '/{name} – {description}' },
  'core.help.coordinatorTitle': {
    nl: 'Voor coördinatoren:',
    en: 'For coordinators:',
  },
  'core.help.footer': {
    nl: 'Je kunt ook gewoon typen wat je wilt, of op de knoppen drukken.',
    en: 'You can also just type what you want, or press the buttons.',
  },
  'core.role.resident': { nl: 'bewoner', en: 'resident' },
  'core.role.coordinator': { nl: 'coördinator', en: 'coordinator' },
  'core.role.liaison': { nl: 'contactpersoon corporatie', en: 'corporation liaison' },
  'core.yes': { nl: 'Ja', en: 'Yes' },
  'core.no': { nl: 'Nee', en: 'No' },
  'core.cancel': { nl: 'Annuleren', en: 'Cancel' },
  'core.cancelled': { nl: 'Oké, niets veranderd.', en: 'OK, nothing changed.' },
  'core.listItem': { nl: '• {text}', en: '• {text}' },
  'core.plain': { nl: '{text}', en: '{text}' },
  /** A person's name; adapters that can (Telegram) render it as a link to the person. Build with mention(). */
  'core.mention': { nl: '{name}', en: '{name}' },
});
