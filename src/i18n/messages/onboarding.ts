import { defineMessages } from '../define.js';

export const onboarding = defineMessages({
  'onboarding.start.direct': {
    nl: 'Hallo {name}! Ik ben de zelfbeheer-bot van je complex. Ik houd de roosters bij, leen de schuursleutel uit, neem meldingen aan en herinner iedereen op tijd. Typ /hulp voor alles wat ik kan.',
    en: 'Hello {name}! I am your complex’s self-management bot. I keep the rotas, lend out the shed key, take reports and remind everyone in time. Type /help to see everything I can do.',
  },
  'onboarding.start.groupLinked': {
    nl: 'Hallo! Deze groep hoort bij {complex}. Typ /hulp om te zien wat ik kan.',
    en: 'Hello! This group belongs to {complex}. Type /help to see what I can do.',
  },
  'onboarding.setup.alreadyLinked': {
    nl: 'Deze groep is al gekoppeld aan {complex}.',
    en: 'This group is already linked to {complex}.',
  },
  'onboarding.setup.alreadyLiaison': {
    nl: 'Deze chat is al de contactchat van {corporation}.',
    en: 'This chat is already the liaison chat of {corporation}.',
  },
  'onboarding.setup.noCode': {
    nl: 'Heb je een koppelcode van je corporatie? Typ dan /koppel <code>, bijvoorbeeld /koppel ABCD-2345.\nGeen code? Dan kan een beheerder van deze groep hieronder een nieuw, zelfgeorganiseerd complex registreren.',
    en: 'Do you have a join code from your housing corporation? Then type /setup <code>, for example /setup ABCD-2345.\nNo code? Then an admin of this group can register a new, self-organised complex below.',
  },
  'onboarding.setup.registerButton': { nl: 'Nieuw complex registreren', en: 'Register a new complex' },
  'onboarding.setup.codeInvalid': {
    nl: 'De code {code} werkt niet: hij bestaat niet, is verlopen of is al gebruikt. Controleer de code (letters en cijfers, bijvoorbeeld ABCD-2345) of vraag je corporatie om een nieuwe.',
    en: 'The code {code} does not work: it does not exist, has expired or has already been used. Check the code (letters and digits, e.g. ABCD-2345) or ask your housing corporation for a new one.',
  },
  'onboarding.code.tooMany': {
    nl: 'Te veel verkeerde codes geprobeerd (hoogstens {max} in 10 minuten). Probeer het opnieuw vanaf {until}.',
    en: 'Too many wrong codes tried (at most {max} in 10 minutes). Try again from {until}.',
  },
  'onboarding.setup.linked': {
    nl: 'Gelukt! Deze groep is nu gekoppeld aan {complex}. Coördinatoren: {coordinators}. Typ /hulp om te beginnen.',
    en: 'Done! This group is now linked to {complex}. Coordinators: {coordinators}. Type /help to get started.',
  },
  'onboarding.setup.liaisonLinked': {
    nl: 'Gelukt! Deze chat is nu de contactchat van {corporation}. Escalaties komen hier binnen. Contactpersonen: {liaisons}.',
    en: 'Done! This chat is now the liaison chat of {corporation}. Escalations arrive here. Liaisons: {liaisons}.',
  },
  'onboarding.setup.registered': {
    nl: 'Gelukt! Nieuw complex {complex} geregistreerd en aan deze groep gekoppeld. Coördinatoren: {coordinators}. Stel taken in met /hulp, of stuur een beheerplan-bestand.',
    en: 'Done! New complex {complex} registered and linked to this group. Coordinators: {coordinators}. Set up tasks via /help, or send a beheerplan file.',
  },
  'onboarding.setup.adminOnly': {
    nl: 'Alleen een beheerder van deze groep kan een nieuw complex registreren.',
    en: 'Only an admin of this group can register a new complex.',
  },
  'onboarding.setup.notInDirect': {
    nl: 'Koppelen doe je in de groepschat van je complex: voeg mij toe aan de groep en typ daar /koppel <code>.',
    en: 'Linking happens in your complex’s group chat: add me to the group and type /setup <code> there.',
  },
  'onboarding.help.setup': { nl: 'deze groep koppelen aan je complex', en: 'link this group to your complex' },
  'onboarding.help.start': { nl: 'kennismaken', en: 'get started' },
  'onboarding.help.help': { nl: 'wat ik kan', en: 'what I can do' },
  'onboarding.help.language': { nl: 'taal kiezen (nl/en)', en: 'choose your language (nl/en)' },
  'onboarding.help.coordinator': { nl: 'iemand coördinator maken: /coordinator @naam', en: 'make someone a coordinator: /coordinator @name' },
  'onboarding.help.resident': { nl: 'coördinator weer bewoner maken: /bewoner @naam', en: 'make a coordinator a resident again: /resident @name' },
  'onboarding.help.members': { nl: 'leden en hun rol', en: 'members and their roles' },
  'onboarding.help.linkAccount': { nl: 'je Telegram- en Discord-account koppelen', en: 'link your Telegram and Discord accounts' },
  'onboarding.language.choose': { nl: 'Kies je taal:', en: 'Choose your language:' },
  'onboarding.language.set': {
    nl: 'Ik praat vanaf nu Nederlands met je.',
    en: 'From now on I will talk to you in English.',
  },
  'onboarding.language.unknown': {
    nl: 'Die taal ken ik niet. Kies nl (Nederlands) of en (English), bijvoorbeeld /taal en.',
    en: 'I do not know that language. Choose nl (Nederlands) or en (English), e.g. /language nl.',
  },
  'onboarding.language.nl': { nl: 'Nederlands', en: 'Nederlands' },
  'onboarding.language.en': { nl: 'English', en: 'English' },
  'onboarding.role.needName': {
    nl: 'Over wie gaat het? Typ bijvoorbeeld /coordinator @anna.',
    en: 'Who do you mean? Type for example /coordinator @anna.',
  },
  'onboarding.role.notFound': {
    nl: 'Ik vind niemand met de naam {name} in dit complex. Diegene moet eerst iets in de groep hebben gezegd.',
    en: 'I cannot find anyone called {name} in this complex. They must have said something in the group first.',
  },
  'onboarding.role.ambiguous': {
    nl: 'Er zijn meerdere mensen met de naam {name}: {names}. Gebruik de @gebruikersnaam.',
    en: 'Several people are called {name}: {names}. Use their @username.',
  },
  'onboarding.role.promoted': { nl: '{name} is nu coördinator.', en: '{name} is now a coordinator.' },
  'onboarding.role.demoted': { nl: '{name} is nu bewoner.', en: '{name} is now a resident.' },
  'onboarding.role.already': { nl: '{name} is al {role}.', en: '{name} is already {role}.' },
  'onboarding.role.lastCoordinator': {
    nl: '{name} is de laatste coördinator. Maak eerst iemand anders coördinator.',
    en: '{name} is the last coordinator. Make someone else a coordinator first.',
  },
  'onboarding.members.title': { nl: 'Leden van {complex}:', en: 'Members of {complex}:' },
  'onboarding.coordinators.list': {
    nl: '{count, plural, one {De coördinator} other {De coördinatoren}} van {complex}: {names}. Bij {count, plural, one {die} other {hen}} kun je terecht met vragen over het rooster, de spullen en de meldingen.',
    en: 'The {count, plural, one {coordinator} other {coordinators}} of {complex}: {names}. Ask them about the rota, the shared items and reports.',
  },
  'onboarding.coordinators.none': {
    nl: '{complex} heeft nu geen coördinator. Vraag je corporatie of wie de bot beheert om er een aan te wijzen.',
    en: '{complex} has no coordinator right now. Ask your housing corporation or whoever runs the bot to appoint one.',
  },
  'onboarding.members.line': { nl: '{name} – {role}', en: '{name} – {role}' },
  'onboarding.link.code': {
    nl: 'Je koppelcode is {code} (30 minuten geldig). Stuur op je andere account (Telegram of Discord) in een privébericht aan mij: /koppelaccount {code}',
    en: 'Your link code is {code} (valid for 30 minutes). On your other account (Telegram or Discord), send me in a direct message: /linkaccount {code}',
  },
  'onboarding.link.invalid': {
    nl: 'Die koppelcode klopt niet of is verlopen. Vraag op je andere account een nieuwe aan met /koppelaccount.',
    en: 'That link code is wrong or has expired. Ask for a new one on your other account with /linkaccount.',
  },
  'onboarding.link.samePlatform': {
    nl: 'Die code is van een account op hetzelfde platform. Gebruik hem op je andere platform (Telegram of Discord).',
    en: 'That code belongs to an account on the same platform. Use it on your other platform (Telegram or Discord).',
  },
  'onboarding.link.same': { nl: 'Deze accounts zijn al gekoppeld.', en: 'These accounts are already linked.' },
  'onboarding.link.done': {
    nl: 'Gelukt! Je accounts zijn gekoppeld: ik ken je nu op beide platforms als {name}.',
    en: 'Done! Your accounts are linked: I now know you on both platforms as {name}.',
  },
  'onboarding.addedToGroup': {
    nl: 'Hallo allemaal! Ik ben de zelfbeheer-bot. Een beheerder van deze groep koppelt mij aan jullie complex met /koppel <code> (de code krijg je van je corporatie), of met /koppel zonder code om een nieuw complex te registreren.',
    en: 'Hello everyone! I am the self-management bot. A group admin links me to your complex with /setup <code> (your housing corporation gives you the code), or with /setup without a code to register a new complex.',
  },
  'onboarding.left.lastCoordinator': {
    nl: '{name} was de laatste coördinator en is uit de groep. Er is nu geen coördinator: vraag je corporatie of de beheerder van de bot om een nieuwe aan te wijzen.',
    en: '{name} was the last coordinator and has left the group. There is no coordinator now: ask your housing corporation or whoever runs the bot to appoint a new one.',
  },
  'onboarding.left.lastCoordinatorAdmins': {
    nl: '{name} was de laatste coördinator en is uit de groep. De beheerders van deze groep zijn nu coördinator: {coordinators}.',
    en: '{name} was the last coordinator and has left the group. The admins of this group are now coordinators: {coordinators}.',
  },
  'onboarding.welcome': {
    nl: 'Welkom {name}! Typ /hulp om te zien wat ik voor je kan doen.',
    en: 'Welcome {name}! Type /help to see what I can do for you.',
  },
});
