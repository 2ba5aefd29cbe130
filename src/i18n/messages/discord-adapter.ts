import { defineMessages } from '../define.js';

/** The Discord adapter: slash-command option names and descriptions (names: lowercase, no spaces, ≤ 32). */
export const discord = defineMessages({
  'discord.option.task.name': { nl: 'taak', en: 'task' },
  'discord.option.task.description': { nl: 'Welke taak (begin te typen om te kiezen)', en: 'Which task (start typing to choose)' },
  'discord.option.item.name': { nl: 'spullen', en: 'item' },
  'discord.option.item.description': { nl: 'Welke sleutel of welk gereedschap (begin te typen)', en: 'Which key or tool (start typing)' },
  'discord.option.details.name': { nl: 'details', en: 'details' },
  'discord.option.details.description': { nl: 'Wanneer, hoeveel minuten, aan wie …', en: 'When, how many minutes, to whom …' },
  'discord.option.text.name': { nl: 'tekst', en: 'text' },
  'discord.option.text.description': { nl: 'Wat je erbij wilt zeggen (mag leeg)', en: 'Anything to add (may be empty)' },
  'discord.command.fallback': { nl: 'Zelfbeheer: /{name}', en: 'Self-management: /{name}' },
  'discord.choose': { nl: 'Kies …', en: 'Choose …' },
  'discord.form.open': { nl: 'Formulier openen', en: 'Open the form' },
  'discord.form.gone': { nl: 'Dit formulier is verlopen. Begin opnieuw.', en: 'This form has expired. Please start again.' },
  'discord.open.bad': { nl: 'Deze link klopt niet.', en: 'This link is not right.' },
  'discord.open.denied': {
    nl: 'Discord is niet geopend: je gaf geen toestemming. Scan opnieuw en kies "Toestaan", of stuur de bot zelf een privébericht.',
    en: 'Discord was not opened: you did not allow it. Scan again and choose "Authorize", or send the bot a direct message yourself.',
  },
  'discord.open.expired': { nl: 'Deze link is verlopen. Scan de sticker opnieuw.', en: 'This link has expired. Scan the sticker again.' },
  'discord.open.failed': {
    nl: 'Het openen van je privégesprek met de bot lukte nu niet. Probeer het zo opnieuw.',
    en: 'Opening your direct chat with the bot did not work just now. Please try again in a moment.',
  },
});
