import { defineMessages } from '../define.js';

/** Free-text conversation: dates named back, answers to questions, and the answer when nothing else fits. */
export const conversation = defineMessages({
  'rota.monthLong.1': { nl: 'januari', en: 'January' }, 'rota.monthLong.2': { nl: 'februari', en: 'February' },
  'rota.monthLong.3': { nl: 'maart', en: 'March' }, 'rota.monthLong.4': { nl: 'april', en: 'April' },
  'rota.monthLong.5': { nl: 'mei', en: 'May' }, 'rota.monthLong.6': { nl: 'juni', en: 'June' },
  'rota.monthLong.7': { nl: 'juli', en: 'July' }, 'rota.monthLong.8': { nl: 'augustus', en: 'August' },
  'rota.monthLong.9': { nl: 'september', en: 'September' }, 'rota.monthLong.10': { nl: 'oktober', en: 'October' },
  'rota.monthLong.11': { nl: 'november', en: 'November' }, 'rota.monthLong.12': { nl: 'december', en: 'December' },
  'rota.error.badDate': {
    nl: 'De datum "{text}" begrijp ik niet. Schrijf bijvoorbeeld 12-12, 12 dec of zaterdag.',
    en: 'I do not understand the date "{text}". Write for example 12-12, 12 Dec or Saturday.',
  },
  'rota.error.noSuchDate': { nl: '{day} {month} bestaat niet. Welke datum bedoel je?', en: '{month} {day} does not exist. Which date do you mean?' },
  'rota.error.weekdayMismatch': { nl: '"{text}" klopt niet: die datum is {date}. Welke bedoel je?', en: '"{text}" does not add up: that date is {date}. Which one do you mean?' },
  'rota.error.doneTooEarly': {
    nl: '{occ} is nog niet aan de beurt; gedaan melden kan vanaf die dag (een coördinator kan het eerder).',
    en: '{occ} is not due yet; it can be reported done from that day on (a coordinator can do it earlier).',
  },
  'rota.text.nearest': { nl: 'Op {date} is er geen open beurt van {task}. Deze zijn er wel:', en: 'There is no open turn of {task} on {date}. These are open:' },
  'rota.ask.confirmSwap': { nl: 'Zal ik {occ} aanbieden om te ruilen?', en: 'Shall I offer {occ} for a swap?' },
  'rota.text.openTitle': { nl: 'Open beurten:', en: 'Open turns:' },
  'rota.text.noneOpenAtAll': { nl: 'Er staan nu geen open beurten op het rooster.', en: 'There are no open turns on the rota right now.' },
  'rota.text.taskTitle': { nl: 'Zo staat {task} op het rooster:', en: 'This is {task} on the rota:' },
  'rota.text.line': { nl: '• {occ}: {who}', en: '• {occ}: {who}' },
  'fallback.greeting': { nl: 'Hallo {name}!', en: 'Hello {name}!' },
  'fallback.notUnderstood': { nl: 'Dat kan ik niet plaatsen.', en: 'I could not place that.' },
  'core.cancel.done': { nl: 'Oké, gestopt. Er is niets opgeslagen.', en: 'OK, stopped. Nothing was saved.' },
  'core.cancel.nothing': { nl: 'Er loopt hier niets om te stoppen.', en: 'There is nothing running here to stop.' },
  'core.help.cancel': { nl: 'stop wat ik je aan het vragen ben (een melding, een nieuwe taak of een nieuw item); "stop" of "laat maar" typen kan ook', en: 'stop what I am asking you (a report, a new task or a new item); typing "stop" or "never mind" works too' },
  'fallback.thanks': { nl: 'Graag gedaan! 🙂', en: 'You are welcome! 🙂' },
  'fallback.acknowledged': { nl: '👍', en: '👍' },
  'fallback.sawTask': { nl: 'Ik zag de taak {task}, maar niet wat je ermee wilt.', en: 'I saw the task {task}, but not what you want to do with it.' },
  'fallback.canDo': { nl: 'Dit kan ik hier voor je doen:', en: 'This is what I can do for you here:' },
  'fallback.more': { nl: 'Alles wat ik kan: /hulp', en: 'Everything I can do: /help' },
  'fallback.liaison': {
    nl: 'Je bent contactpersoon van de corporatie. Meldingen die bewoners naar de corporatie sturen komen hier binnen, met knoppen om te reageren (gezien, in behandeling, opgelost). /meldingen toont de open meldingen, /melding 3 er één met geschiedenis, /vera 3 een melding als VERA-onderhoudsverzoek. Meer: /hulp',
    en: 'You are the housing corporation\'s contact. Reports residents send to the corporation arrive here, with buttons to respond (seen, in progress, resolved). /reports shows the open reports, /showreport 3 one with its history, /vera 3 a report as a VERA maintenance request. More: /help',
  },
  'fallback.noComplex': {
    nl: 'Ik ben de zelfbeheer-bot: ik houd roosters bij voor bewoners. Je hoort nog niet bij een complex. Voeg me toe aan de groep van je complex en typ daar /koppel met de code van je corporatie. Meer: /hulp',
    en: 'I am the self-management bot: I keep rotas for residents. You are not part of a complex yet. Add me to your complex\'s group and type /setup there with the code from your housing corporation. More: /help',
  },
});
