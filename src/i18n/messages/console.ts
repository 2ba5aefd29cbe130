import { defineMessages } from '../define.js';

/** The terminal chat (adapters/console) and the start-up messages of `npm start`. */
export const consoleMessages = defineMessages({
  'console.starting': {
    nl: 'Even geduld, de bot start op… (de eerste keer duurt dat een paar seconden)',
    en: 'One moment, the bot is starting… (the first time takes a few seconds)',
  },
  'console.welcome': {
    nl: `Welkom bij zelfbeheer-bot in de terminal. Je bent {name} in de groep {place}.
  /as <naam>    wissel van bewoner: {people}
  /dm, /groep   privégesprek met de bot, of terug naar de groep
  1, 2, …       druk op de knop (of stem op de keuze) met dat nummer
  /bestand <pad> [tekst]   stuur een bestand mee
  /wie          wie en waar je bent
  /hulp         wat de bot kan  ·  /exit of Ctrl-D om te stoppen`,
    en: `Welcome to zelfbeheer-bot in the terminal. You are {name} in the group {place}.
  /as <name>    switch resident: {people}
  /dm, /group   private chat with the bot, or back to the group
  1, 2, …       press the button (or vote for the option) with that number
  /file <path> [text]   send a file along
  /who          who and where you are
  /help         what the bot can do  ·  /exit or Ctrl-D to quit`,
  },
  'console.header': { nl: 'Bot · {place} · #{id}', en: 'Bot · {place} · #{id}' },
  'console.header.edited': { nl: 'Bot · {place} · #{id} (bewerkt)', en: 'Bot · {place} · #{id} (edited)' },
  'console.header.poll': { nl: 'Peiling · {place} · #{id}', en: 'Poll · {place} · #{id}' },
  'console.place.direct': { nl: 'privé met {name}', en: 'private with {name}' },
  'console.place.unlinked': { nl: 'Testgroep', en: 'Test group' },
  'console.prompt.direct': { nl: 'privé', en: 'private' },
  'console.onlyYou': { nl: '(alleen voor jou zichtbaar)', en: '(only visible to you)' },
  'console.photo': { nl: '[foto {id}]', en: '[photo {id}]' },
  'console.pinned': { nl: 'Bericht #{id} is vastgezet in {place}.', en: 'Message #{id} was pinned in {place}.' },
  'console.file.saved': { nl: 'Bestand opgeslagen: {path}', en: 'File saved: {path}' },
  'console.file.failed': { nl: 'Kon het bestand {name} niet opslaan: {error}', en: 'Could not save the file {name}: {error}' },
  'console.poll.hint': { nl: 'Stem door het nummer te typen.', en: 'Vote by typing the number.' },
  'console.poll.closed': { nl: 'Peiling #{id} is gesloten.', en: 'Poll #{id} is closed.' },
  'console.poll.alreadyClosed': { nl: 'Deze peiling is al gesloten.', en: 'This poll is already closed.' },
  'console.poll.voted': { nl: 'Je stem is verstuurd: {option}', en: 'Your vote was sent: {option}' },
  'console.as.switched': { nl: 'Je bent nu {name}.', en: 'You are now {name}.' },
  'console.as.unknown': {
    nl: 'Die bewoner ken ik niet: {key}. Kies uit: {people}.',
    en: 'I do not know that resident: {key}. Choose from: {people}.',
  },
  'console.as.usage': {
    nl: 'Typ /as gevolgd door een naam, bijvoorbeeld /as bram. Kies uit: {people}.',
    en: 'Type /as followed by a name, e.g. /as bram. Choose from: {people}.',
  },
  'console.dm.switched': {
    nl: 'Je zit nu in een privégesprek met de bot. Typ /groep om terug te gaan.',
    en: 'You are now in a private chat with the bot. Type /group to go back.',
  },
  'console.group.switched': { nl: 'Je zit nu in de groep {place}.', en: 'You are now in the group {place}.' },
  'console.who': {
    nl: 'Je bent {name} ({key}), nu in: {place}. Bewoners: {people}.',
    en: 'You are {name} ({key}), now in: {place}. Residents: {people}.',
  },
  'console.button.none': {
    nl: 'Er is geen knop of peilingkeuze met nummer {n}.',
    en: 'There is no button or poll option with number {n}.',
  },
  'console.button.otherDirect': {
    nl: 'Knop {n} staat in het privégesprek van {name}. Wissel eerst met /as {key}.',
    en: 'Button {n} is in the private chat of {name}. Switch first with /as {key}.',
  },
  'console.upload.usage': {
    nl: 'Typ /bestand gevolgd door het pad van het bestand, en eventueel een tekst of opdracht.',
    en: 'Type /file followed by the path of the file, and optionally a text or command.',
  },
  'console.upload.unreadable': { nl: 'Kan het bestand {path} niet lezen.', en: 'Cannot read the file {path}.' },
  'console.bye': { nl: 'Tot ziens!', en: 'Goodbye!' },
  'console.config.invalid': {
    nl: 'De configuratie klopt niet. Pas deze variabelen aan (in de omgeving of in .env):',
    en: 'The configuration is not valid. Fix these variables (in the environment or in .env):',
  },
  'console.config.problem': { nl: '  {name}: {problem}', en: '  {name}: {problem}' },
  'console.platform.missing': {
    nl: '{variable} is ingesteld, maar deze versie van de bot heeft geen {platform}-adapter. Haal {variable} weg of gebruik een versie met die adapter.',
    en: '{variable} is set, but this build of the bot has no {platform} adapter. Remove {variable} or use a build that has it.',
  },
  'console.platform.none': {
    nl: 'Geen chatplatform ingesteld: zet TELEGRAM_BOT_TOKEN of DISCORD_TOKEN, of CONSOLE=true voor de terminalchat.',
    en: 'No chat platform configured: set TELEGRAM_BOT_TOKEN or DISCORD_TOKEN, or CONSOLE=true for the terminal chat.',
  },
  'console.http.portBusy': {
    nl: 'HTTP-poort {port} is al in gebruik, dus /healthz en /metrics zijn er niet. De chat werkt gewoon. (Kies een andere poort met HTTP_PORT.)',
    en: 'HTTP port {port} is already in use, so /healthz and /metrics are not available. The chat works as usual. (Pick another port with HTTP_PORT.)',
  },
});
