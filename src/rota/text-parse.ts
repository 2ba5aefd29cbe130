import type { Lang, Msg } from '../i18n/index.js';
import { bestMatches, matchTasks, withoutAbbreviations, type MatchableTask, type TaskMatch } from './match.js';
import { readDate, type DateRange } from './dates.js';
import { splitStart } from './recurrence.js';
import {
  ABSENCE, ACTIVITY_CLAIM, ANY_TASK, AWAY_WORDS, ASKS_OTHERS, CLAIM, CONTRIBUTION, DONE, FIRST_PERSON, MINE, MINE_ASK, OWN_TURN, MY_TURNS, NEGATION, NEIGHBOUR_ASK, OBSERVED, OPEN_ASK, OWN_HOME, PRAISE,
  QUESTION_WORD, RELEASE, ROTA_WORDS, SHOW_ROTA, SOMEONE, SWAP, WHEN_HOW,
} from './text-patterns.js';

export type { DateRange } from './dates.js';

/**
 * The free-text parser: a pure function from what someone wrote to what they want with the rota.
 * It never decides on its own: the handler shows what it understood and asks for a button press.
 * 'none' means the text is not about the rota (another handler, or silence).
 */

export type IntentKind = 'claim' | 'release' | 'giveaway' | 'swap' | 'done';
export type RotaIntent =
  | { kind: 'none' }
  /** About the rota (a rota word, a task name) but not enough to act on: say what we can do. */
  | { kind: 'unclear'; tasks: TaskMatch[] }
  /** A question: which turns are open, which are mine, who does a task. */
  | { kind: 'ask'; tasks: TaskMatch[]; range: DateRange | null; mine: boolean }
  /** How much have I done ("hoeveel punten heb ik?"): the asker's contribution, as /mijnbijdrage. */
  | { kind: 'contribution' }
  /** Away for a while, no task named ("ik ben op vakantie van 10 tot 20 december"): an absence, as /afwezig; null range: ask when. */
  | { kind: 'away'; range: DateRange | null }
  /** A date was named that cannot be used: name it back. */
  | { kind: 'badDate'; problem: Msg }
  | { kind: IntentKind; tasks: TaskMatch[]; range: DateRange | null; minutes?: number };

function durationMinutes(text: string): number | undefined {
  const min = /(\d{1,3})\s*(min|mins|minuten|minuut|minutes|minute|minuutjes)\b/.exec(text);
  if (min) return Number(min[1]);
  const hours = /(\d{1,2}(?:[.,]\d{1,2})?)\s*(uur|u|hours|hour|hrs|hr|h)\b/.exec(text);
  if (hours) return Math.round(Number(hours[1]!.replace(',', '.')) * 60);
  if (/\b(half uur|half an hour|halfuur|halfuurtje)\b/.test(text)) return 30;
  if (/\b(kwartier|quarter of an hour)\b/.test(text)) return 15;
  if (/\b(an hour|een uur|een uurtje|uurtje)\b/.test(text)) return 60;
  return undefined;
}

/** Dates as a local-date range, in the complex's zone; null when the text names none (or an impossible one). */
export function parseDateRange(text: string, now: Date, tz: string): DateRange | null {
  return readDate(text, now, tz).range;
}

/**
 * The start date written in a recurrence ("elke 2 weken op zaterdag vanaf 12 december"): a local date,
 * null when none is written, 'invalid' when it cannot be read.
 */
export function startDateOf(recurrence: string, now: Date, tz: string): { date: string } | { invalid: true } | null {
  const { start } = splitStart(recurrence);
  if (!start) return null;
  const read = readDate(start, now, tz);
  return read.range ? { date: read.range.from } : { invalid: true };
}

/** A report of one's own turn done: not a plan, not a question about someone else, not praise. */
function isDone(t: string, question: boolean): boolean {
  // A tick (✅ ✔ ☑) after a task is a done report too.
  if (!DONE.test(t) && !/[\u2705\u2714\u2611]/.test(t)) return false;
  if (/\b(i'?ll|ill|i will|i'?m going to|gonna|ik ga|ik zal|zal ik|ga ik)\b/.test(t) && !/\b(gedaan|klaar|done|finished|heb|have|did)\b/.test(t)) return false;
  if (/\b(worden|wordt|will be|gets|get)\b/.test(t)) return false;
  if (/\b(als|wanneer|when|if|before|voordat|zodra)\b[^.?!]*\b(klaar|done|finished|gedaan)\b/.test(t)) return false;
  if (/\b(moet|moeten|need|needs|has to)\b[^.?!]*\b(gedaan|done)\b/.test(t)) return false;
  if (!FIRST_PERSON.test(t) && (PRAISE.test(t) || (question && ASKS_OTHERS.test(t)))) return false;
  if (/\?/.test(t) && WHEN_HOW.test(t)) return false;
  if (OBSERVED.test(t)) return false;
  return true;
}

/** Someone else should take the turn: "kan iemand…", "who can take over…", but not "heeft iemand een ladder?". */
function isGiveaway(t: string): boolean {
  if (!SOMEONE.test(t) || NEIGHBOUR_ASK.test(t)) return false;
  // "Is er al iemand voor trap B?" asks who is down, it gives nothing away.
  if (/\b(al|already) (iemand|someone|anyone|somebody)\b|\b(iemand|someone|anyone|somebody) (al|already)\b/.test(t)) return false;
  return !/^(wie|who)\b/.test(t) || /\b(ik (kan )?niet|not me|i can'?t|overnemen|take over)\b/.test(t);
}

function kindOf(t: string, question: boolean): IntentKind | 'ask' | null {
  if (SWAP.test(t)) return 'swap';
  if (isGiveaway(t)) return 'giveaway';
  if (NEGATION.test(t) || RELEASE.test(t)) return 'release';
  if (isDone(t, question)) return 'done';
  if (OPEN_ASK.test(t) || MY_TURNS.test(t) || SHOW_ROTA.test(t) || (question && MINE_ASK.test(t))) return 'ask';
  if (question && QUESTION_WORD.test(t.trim()) && !/\b(kan ik|mag ik|can i|may i|zal ik|shall i)\b/.test(t)) return 'ask';
  if (CLAIM.test(t) || ACTIVITY_CLAIM.test(t)) return 'claim';
  return null;
}

/** Both spellings with doubled letters folded, so "veeg" meets "vegen" and "zet" meets "zetten". */
const fold = (w: string) => w.replace(/([a-z])\1+/g, '$1');

/** "ik zet de containers buiten" claims; "ik zet mijn fiets in de hal" does not: the verb must be the task's work. */
function activityFits(t: string, matched: TaskMatch[], tasks: MatchableTask[]): boolean {
  const m = ACTIVITY_CLAIM.exec(t);
  const verb = fold(m?.[1] ?? m?.[2] ?? '');
  return matched.some((x) => {
    const task = tasks.find((k) => k.id === x.taskId);
    return `${task?.name ?? ''} ${(task?.aliases ?? []).join(' ')}`.toLowerCase().split(/[^a-z]+/).some((w) => fold(w).startsWith(verb));
  });
}

/**
 * What a message means for the rota. `addressed`: a mention, a reply to the bot or a DM; other group
 * text is only taken up when it clearly names both an action and a task.
 */
export function parseRotaText(text: string, tasks: MatchableTask[], now: Date, tz: string, opts: { addressed?: boolean; lang?: Lang } = {}): RotaIntent {
  if (typeof text !== 'string' || text.length > 500 || text.trim().startsWith('/')) return { kind: 'none' };
  const t = withoutAbbreviations(text).replace(/@\w+/g, ' ').replace(/\s+/g, ' ').trim();
  const question = /\?/.test(text) || QUESTION_WORD.test(t);
  const addressed = opts.addressed === true;
  // A question to the neighbours in the group is theirs to answer.
  if (!addressed && NEIGHBOUR_ASK.test(t)) return { kind: 'none' };
  if (addressed && CONTRIBUTION.test(t)) return { kind: 'contribution' };
  const matched = bestMatches(matchTasks(text, tasks));
  let kind = kindOf(t, question);
  if (kind === 'claim' && !addressed && !CLAIM.test(t) && !activityFits(t, matched, tasks)) kind = null;
  if ((kind === 'claim' || kind === 'done') && OWN_HOME.test(t)) kind = null;
  const rotaWord = ROTA_WORDS.test(t);
  // Away for a while, said to the bot without a task or one's turn: an absence. Asking someone to take over stays a giveaway.
  if (addressed && matched.length === 0 && kind !== 'giveaway' && kind !== 'swap' && kind !== 'ask' && !OWN_TURN.test(t) && ABSENCE.test(t)) {
    const date = readDate(text, now, tz);
    if (date.invalid) return { kind: 'badDate', problem: date.invalid };
    if (date.range || AWAY_WORDS.test(t)) return { kind: 'away', range: date.range };
  }
  if (!kind) {
    // Addressed: a task and a date ("trap zaterdag?") is a claim; a task alone is not enough to act on.
    if (addressed && matched.length > 0) {
      const date = readDate(text, now, tz);
      if (date.invalid) return { kind: 'badDate', problem: date.invalid };
      if (date.range && !question) return { kind: 'claim', tasks: matched, range: date.range };
      // A question about the task ("wie doet de trap?", "tuin zaterdag?"), not one that merely names it ("kan de verwarming in de hal hoger?").
      const aboutTask = QUESTION_WORD.test(t) || t.split(' ').length <= 4;
      return question && aboutTask ? { kind: 'ask', tasks: matched, range: date.range, mine: false } : { kind: 'unclear', tasks: matched };
    }
    // Addressed, a rota word and a question ("rooster?", "open turns?"): show the rota.
    if (addressed && rotaWord && question) return { kind: 'ask', tasks: [], range: readDate(text, now, tz).range, mine: MINE.test(t) };
    return addressed && rotaWord ? { kind: 'unclear', tasks: [] } : { kind: 'none' };
  }
  if (kind === 'ask') {
    const about = OPEN_ASK.test(t) || MINE_ASK.test(t) || MY_TURNS.test(t) || SHOW_ROTA.test(t);
    if (matched.length === 0 && !rotaWord && !about && !/\b(open|vrij|free|aan de beurt|my turn|mijn beurt)\b/.test(t)) return { kind: 'none' };
    // In a group, a question between neighbours is not for the bot unless it names the rota or is addressed.
    if (!addressed && !rotaWord) return { kind: 'none' };
    const date = readDate(text, now, tz);
    return { kind: 'ask', tasks: matched, range: date.range, mine: !OPEN_ASK.test(t) && !SHOW_ROTA.test(t) && MINE.test(t) && !/\b(wie|who)\b/.test(t) };
  }
  if (matched.length === 0) {
    // An action without a task: worth an answer when the text was meant for the bot.
    if (!addressed) return { kind: 'none' };
    // "ik wil wel iets doen", "I can help on saturday": what is open (then).
    if (kind === 'claim' && ANY_TASK.test(t)) return { kind: 'ask', tasks: [], range: readDate(text, now, tz).range, mine: false };
    // "kan iemand mijn beurt overnemen", "kan ik ruilen?": about one's own turn, whichever task it is.
    if (kind !== 'claim' && (OWN_TURN.test(t) || kind === 'swap')) return { kind, tasks: [], range: readDate(text, now, tz, { past: kind === 'done' }).range };
    // "ik kan zaterdag toch niet": a day without a task is about one's own turns that day.
    if (kind === 'release') {
      const day = readDate(text, now, tz);
      if (day.range) return { kind, tasks: [], range: day.range };
    }
    return rotaWord || kind !== 'giveaway' ? { kind: 'unclear', tasks: [] } : { kind: 'none' };
  }
  const date = readDate(text, now, tz, { past: kind === 'done' });
  if (date.invalid) return { kind: 'badDate', problem: date.invalid };
  const minutes = kind === 'done' ? durationMinutes(t) : undefined;
  return { kind, tasks: matched, range: date.range, ...(minutes !== undefined ? { minutes } : {}) };
}
