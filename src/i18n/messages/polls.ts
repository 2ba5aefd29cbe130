import { defineMessages } from '../define.js';

/** Quality-evaluation polls (/peiling, /poll). */
export const pollMessages = defineMessages({
  'polls.help': {
    nl: 'kwaliteitspeilingen: /peiling resultaten [gebied] · /peiling lijst · coördinatoren: /peiling toevoegen naam; vraag; optie1, optie2, …; schema [; gebied] · /peiling verwijder naam',
    en: 'quality polls: /poll results [area] · /poll list · coordinators: /poll add name; question; option1, option2, …; schedule [; area] · /poll remove name',
  },
  'polls.question': { nl: '📋 {question}', en: '📋 {question}' },
  'polls.closesAt': { nl: 'Stemmen kan tot {when}. Je kunt je stem veranderen.', en: 'Voting is open until {when}. You can change your vote.' },
  'polls.option': { nl: '{option}', en: '{option}' },
  'polls.voted': { nl: 'Je stem is genoteerd: {option}.', en: 'Your vote is in: {option}.' },
  'polls.closed': { nl: 'Deze peiling is al gesloten.', en: 'This poll is closed.' },
  'polls.reminder': {
    nl: '⏰ Nog een dag om te stemmen: {question} ({votes, plural, one {# stem} other {# stemmen}} tot nu toe).',
    en: '⏰ One day left to vote: {question} ({votes, plural, one {# vote} other {# votes}} so far).',
  },
  'polls.result': { nl: '📊 Uitslag: {question}', en: '📊 Result: {question}' },
  'polls.resultLine': { nl: '{option}: {count}', en: '{option}: {count}' },
  'polls.resultAverage': { nl: 'Gemiddeld {average} (van 1 tot {max}), {votes, plural, one {# stem} other {# stemmen}}.', en: 'Average {average} (1 to {max}), {votes, plural, one {# vote} other {# votes}}.' },
  // One decimal in each language's own notation.
  'polls.decimal': { nl: '{whole},{tenth}', en: '{whole}.{tenth}' },
  'polls.resultNone': { nl: 'Niemand heeft gestemd.', en: 'Nobody voted.' },
  'polls.alert': {
    nl: '⚠️ Lage score voor {area}: gemiddeld {average} (grens {threshold}) bij "{question}". Bekijk wat er nodig is.',
    en: '⚠️ Low score for {area}: average {average} (threshold {threshold}) on "{question}". Please look into it.',
  },
  'polls.noArea': { nl: 'het complex', en: 'the complex' },
  'polls.added': { nl: 'Peiling "{name}" toegevoegd ({schedule}).', en: 'Poll "{name}" added ({schedule}).' },
  'polls.removed': { nl: 'Peiling "{name}" verwijderd.', en: 'Poll "{name}" removed.' },
  'polls.listLine': { nl: '• {name}: {question} — {schedule}', en: '• {name}: {question} — {schedule}' },
  'polls.listEmpty': { nl: 'Er zijn nog geen peilingen.', en: 'There are no polls yet.' },
  'polls.seriesLine': { nl: '{date} {area}: {average} ({votes, plural, one {# stem} other {# stemmen}})', en: '{date} {area}: {average} ({votes, plural, one {# vote} other {# votes}})' },
  'polls.seriesEmpty': { nl: 'Nog geen uitslagen.', en: 'No results yet.' },
  'polls.error.usage': {
    nl: 'Schrijf: /peiling toevoegen naam; vraag; optie1, optie2, …; schema (bijv. "elke eerste van de maand") [; gebied]',
    en: 'Write: /poll add name; question; option1, option2, …; schedule (e.g. "first of every month") [; area]',
  },
  'polls.error.options': { nl: 'Geef 2 tot 10 antwoorden, gescheiden door komma\'s.', en: 'Give 2 to 10 answers, separated by commas.' },
  'polls.error.schedule': {
    nl: 'Dat schema begrijp ik niet. Bijvoorbeeld: "elke maandag", "dagelijks", "elke eerste van de maand" of een RRULE.',
    en: 'I do not understand that schedule. For example: "every monday", "daily", "first of every month" or an RRULE.',
  },
  'polls.error.exists': { nl: 'Er is al een peiling met de naam "{name}".', en: 'There already is a poll named "{name}".' },
  'polls.error.notFound': { nl: 'Geen peiling met de naam "{name}".', en: 'No poll named "{name}".' },
});
