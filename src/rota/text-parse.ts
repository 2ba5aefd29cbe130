import type { Lang, Msg } from '../i18n/index.js';
import { bestMatches, matchTasks, withoutAbbreviations, type MatchableTask, type TaskMatch } from './match.js';
import { readDate, type DateRange } from './dates.js';
import { splitStart } from './recurrence.js';

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
  /** A date was named that cannot be used: name it back. */
  | { kind: 'badDate'; problem: Msg }
  | { kind: IntentKind; tasks: TaskMatch[]; range: DateRange | null; minutes?: number };

const S = '[^.?!]*';
const SOMEONE = /\b(iemand|iemnd|wie kan|wie wil|wie neemt|wil er iemand|kan er iemand|someone|somebody|anyone|anybody|who can|who wants|who could|overnemen|take over|takes over|cover for me|cover me)\b/;
const SWAP = /\b(ruil|ruilen|ruilt|ruilte|omruilen|wisselen|omwisselen|swap|swapping|switch|trade|ruil?en)\b/;
const NEGATION = new RegExp([
  `\\bik (kan|doe|ga|pak|neem|red)\\b${S}\\bniet\\b`, `\\b(kan|lukt|lukken|gaat|gaan|red)\\b${S}\\b(toch )?niet\\b`, '\\bik niet\\b', '\\bniet meer\\b',
  '\\b(afzeggen|afmelden|cancelen|annuleren|afbellen)\\b', '\\bzeg\\b' + S + '\\baf\\b', '\\bben( er)? (dan )?(niet|weg|ziek|op vakantie)\\b',
  "\\bi (can'?t|cannot|can not|won'?t|will not|am not able|'?m not able|am unable|'?m unable)\\b", "\\bcan'?t make\\b", '\\bnot me\\b',
  "\\b(won'?t|will not) be (able|there|around|home)\\b", '\\bunable\\b', "\\b(need|have) to (cancel|drop|back out|bail)\\b", '\\bsomething came up\\b',
  "\\bi'?m (sick|away|ill)\\b", '\\bkomt( me)? (toch )?niet (goed )?uit\\b', '\\bgaat (me )?(toch )?niet lukken\\b',
].join('|'));
const RELEASE = /\b(vrijgeven|vrij geven|geef\b[^.?!]*\bvrij|geef\b[^.?!]*\bterug|afmelden|meld\b[^.?!]*\baf|uitschrijven|schrijf me uit|release|unclaim|drop out|back out|take me off|remove me|cancel)\b/;
const DONE = /\b(gedaan|klaar|afgerond|af\b(?! en toe)|is gebeurd|zijn gebeurd|geveegd|gelapt|gezeemd|gedweild|gemaaid|gewied|geschoffeld|opgeruimd|schoongemaakt|gepoetst|gestofzuigd|buitengezet|binnengezet|buiten gezet|binnen gezet|staan buiten|staan binnen|done|finished|completed|complete|did (it|the|my)|i did|i'?ve done|have done|has been done|swept|mopped|cleaned|put out|took out|taken out|brought in|(are|is) (out|in|clean|swept|mopped)|put\b[^.?!]*\bout)\b/;
const CLAIM = new RegExp([
  '\\bik (doe|pak|neem|wil|kan|ga|help|kom|zal|lap|veeg|dweil|maai|zet|breng|haal|regel|fix|ben er)\\b',
  '\\b(doe|pak|neem|wil|regel|lap|veeg|zet) ik\\b', '\\b(mag|kan) ik\\b', '\\b(zet|schrijf|noteer|plan|deel) (mij|me)\\b',
  '\\bvoor mij\\b', '\\bmij maar\\b', '\\bdoe ik\\b', '\\bik neem hem\\b', '\\bik meld me\\b', '\\bmeld me aan\\b', '\\bhelp (ik )?mee\\b',
  "\\bi'?ll\\b", "\\bill (do|take|grab|handle|cover|sweep|mop|clean|help)\\b", '\\bi will\\b', '\\bi can\\b', '\\bi (take|do|want|got|grab|volunteer)\\b',
  "\\bi'?m (taking|doing|on|happy to|going to|gonna)\\b", '\\blet me\\b', '\\bsign me up\\b', '\\bput me\\b', '\\bcount me in\\b', '\\bme for\\b',
  "\\bcan i\\b", '\\bmay i\\b', "\\bi'?d like to\\b", '\\bmine\\b', '\\bdibs\\b',
].join('|'));
const QUESTION_WORD = /^(wie|wat|wanneer|welke|hoe|waar|is|zijn|staat|staan|heb|moet|who|what|when|which|how|is|are|do|does|have|has|am)\b|\b(wie (doet|heeft|is|staat)|wanneer (ben|moet|is|doe)|wat (moet|staat|is er)|welke beurt|is er nog|zijn er nog|staat er nog|nog open|nog vrij|still open|what'?s open|anything open|who (is|does|has|'?s)|when (is|am|do)|which turns?|my turns|mijn beurt|mijn beurten|wat is er open|aan de beurt|any (open|free)|anything (open|free))\b/;
const MINE = /\b(ik|mijn|mij|me|my|mine|i)\b/;
const ROTA_WORDS = /\b(rooster|rota|beurt|beurten|taak|taken|turn|turns|task|tasks|shift|schema|planning)\b/;

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

function kindOf(t: string, question: boolean): IntentKind | 'ask' | null {
  if (SWAP.test(t)) return 'swap';
  if (SOMEONE.test(t) && !/^(wie|who)\b/.test(t.trim())) return 'giveaway';
  if (SOMEONE.test(t) && /\b(ik (kan )?niet|not me|i can'?t|overnemen|take over)\b/.test(t)) return 'giveaway';
  if (NEGATION.test(t) || RELEASE.test(t)) return 'release';
  const future = /\b(i'?ll|ill|i will|i'?m going to|gonna|ik ga|ik zal|zal ik|ga ik)\b/.test(t) && !/\b(gedaan|klaar|done|finished|heb|have|did)\b/.test(t);
  if (DONE.test(t) && !future && !/\b(worden|wordt|will be|gets|get)\b/.test(t) && !/\b(als|wanneer|when|if|before|voordat|zodra)\b[^.?!]*\b(klaar|done|finished|gedaan)\b/.test(t) && !/\b(moet|moeten|need|needs|has to)\b[^.?!]*\b(gedaan|done)\b/.test(t)) return 'done';
  if (question && QUESTION_WORD.test(t.trim()) && !/\b(kan ik|mag ik|can i|may i|zal ik|shall i)\b/.test(t)) return 'ask';
  if (CLAIM.test(t)) return 'claim';
  return null;
}

/**
 * What a message means for the rota. `addressed`: a mention, a reply to the bot or a DM; other group
 * text is only taken up when it clearly names both an action and a task.
 */
export function parseRotaText(text: string, tasks: MatchableTask[], now: Date, tz: string, opts: { addressed?: boolean; lang?: Lang } = {}): RotaIntent {
  if (typeof text !== 'string' || text.length > 500 || text.trim().startsWith('/')) return { kind: 'none' };
  const t = withoutAbbreviations(text).replace(/@\w+/g, ' ').replace(/\s+/g, ' ').trim();
  const question = /\?\s*$/.test(text.trim()) || /\?/.test(text) || QUESTION_WORD.test(t);
  const kind = kindOf(t, question);
  const matched = bestMatches(matchTasks(text, tasks));
  const rotaWord = ROTA_WORDS.test(t);
  const addressed = opts.addressed === true;
  if (!kind) {
    // Addressed: a task and a date ("trap zaterdag?") is a claim; a task alone is not enough to act on.
    if (addressed && matched.length > 0) {
      const date = readDate(text, now, tz);
      if (date.invalid) return { kind: 'badDate', problem: date.invalid };
      if (date.range && !question) return { kind: 'claim', tasks: matched, range: date.range };
      return question ? { kind: 'ask', tasks: matched, range: date.range, mine: false } : { kind: 'unclear', tasks: matched };
    }
    return addressed && rotaWord ? { kind: 'unclear', tasks: [] } : { kind: 'none' };
  }
  if (kind === 'ask') {
    if (matched.length === 0 && !rotaWord && !/\b(open|vrij|free|aan de beurt|my turn|mijn beurt)\b/.test(t)) return { kind: 'none' };
    // In a group, a question between neighbours is not for the bot unless it names the rota or is addressed.
    if (!addressed && !rotaWord) return { kind: 'none' };
    const date = readDate(text, now, tz);
    return { kind: 'ask', tasks: matched, range: date.range, mine: MINE.test(t) && !/\b(wie|who)\b/.test(t) };
  }
  if (matched.length === 0) {
    // An action without a task: worth an answer when the text was meant for the bot.
    if (!addressed) return { kind: 'none' };
    return rotaWord || kind === 'claim' || kind === 'done' || kind === 'release' || kind === 'swap' ? { kind: 'unclear', tasks: [] } : { kind: 'none' };
  }
  const date = readDate(text, now, tz);
  if (date.invalid) return { kind: 'badDate', problem: date.invalid };
  const minutes = kind === 'done' ? durationMinutes(t) : undefined;
  return { kind, tasks: matched, range: date.range, ...(minutes !== undefined ? { minutes } : {}) };
}
