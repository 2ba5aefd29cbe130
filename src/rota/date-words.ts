/**
 * The words of dates in Dutch and English: months, weekdays (with the short forms and typos people
 * type), named days, and day numbers written as words ("twaalf december", "the twelfth").
 */

const MONTHS: [number, RegExp][] = [
  [1, /^(jan|januari|january)$/], [2, /^(feb|febr|februari|february)$/], [3, /^(mrt|mar|maart|march|maa)$/],
  [4, /^(apr|april)$/], [5, /^(mei|may)$/], [6, /^(jun|juni|june)$/], [7, /^(jul|juli|july)$/], [8, /^(aug|augustus|august)$/],
  [9, /^(sep|sept|september)$/], [10, /^(okt|oct|oktober|october)$/], [11, /^(nov|november)$/], [12, /^(dec|december)$/],
];
export const MONTH_WORD = '(jan(?:uari|uary)?|feb(?:r|ruari|ruary)?|mrt|maart|mar(?:ch)?|apr(?:il)?|mei|may|jun[ei]?|jul[iy]?|aug(?:ustus|ust)?|sept?(?:ember)?|o[kc]t(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
export const ORD = '(?:e|ste|de|st|nd|rd|th)?';

/** Weekday names (0 = Sunday) with the forms people type; short ones only count next to a date or "op". */
const WEEKDAYS: { day: number; full: string[]; short: string[]; tiny: string }[] = [
  { day: 0, full: ['zondag', 'sunday'], short: ['zon', 'sun'], tiny: 'zo' },
  { day: 1, full: ['maandag', 'monday'], short: ['maa', 'mon'], tiny: 'ma' },
  { day: 2, full: ['dinsdag', 'tuesday'], short: ['din', 'tue', 'tues'], tiny: 'di' },
  { day: 3, full: ['woensdag', 'wednesday'], short: ['woe', 'wed', 'weds'], tiny: 'wo' },
  { day: 4, full: ['donderdag', 'thursday'], short: ['don', 'thu', 'thur', 'thurs'], tiny: 'do' },
  { day: 5, full: ['vrijdag', 'friday'], short: ['fri'], tiny: 'vr' },
  { day: 6, full: ['zaterdag', 'saturday'], short: ['zat', 'sat'], tiny: 'za' },
];
/** Named days people plan around: [pattern, month, day]. */
export const HOLIDAYS: [RegExp, number, number][] = [
  [/\b((1e|eerste) kerstdag|christmas day|kerstmis)\b/, 12, 25], [/\b((2e|tweede) kerstdag|boxing day)\b/, 12, 26],
  [/\b(oudejaarsdag|oudjaarsdag|oudjaar|new year'?s eve)\b/, 12, 31], [/\b(nieuwjaarsdag|nieuwjaar|new year'?s day)\b/, 1, 1],
  [/\b(kerstavond|christmas eve)\b/, 12, 24],
];
export const NUMBERS: Record<string, number> = {
  een: 1, 'één': 1, a: 1, one: 1, twee: 2, two: 2, drie: 3, three: 3, vier: 4, four: 4, vijf: 5, five: 5, zes: 6, six: 6,
};

export function monthOf(word: string): number | undefined {
  return MONTHS.find(([, re]) => re.test(word))?.[0];
}

/** Edit distance ≤ limit (small strings only). */
function near(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length]! <= limit;
}

/** The weekday a word names: full names (and plurals, typos), short forms; tiny ones ("za") only when `tinyOk`. */
export function weekdayWord(word: string, tinyOk: boolean): number | undefined {
  const w = word.replace(/\.$/, '');
  for (const d of WEEKDAYS) {
    if (d.full.some((f) => w === f || w === `${f}s` || w === `${f}avond` || w === `${f}ochtend` || w === `${f}middag`)) return d.day;
    if (d.short.includes(w) || (tinyOk && w === d.tiny)) return d.day;
  }
  // Typos of a weekday, but "maand" (month) is not "maandag".
  if (w.length >= 5 && !/^(maand|maanden|maandje)$/.test(w)) {
    for (const d of WEEKDAYS) if (d.full.some((f) => near(w, f, f.length >= 7 ? 2 : 1))) return d.day;
  }
  return undefined;
}


const NL_UNITS = ['een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen'];
const NL_TEENS = ['tien', 'elf', 'twaalf', 'dertien', 'veertien', 'vijftien', 'zestien', 'zeventien', 'achttien', 'negentien'];
const NL_UNIT_ORD = ['eerste', 'tweede', 'derde', 'vierde', 'vijfde', 'zesde', 'zevende', 'achtste', 'negende'];
const EN_UNITS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const EN_TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_UNIT_ORD = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const EN_TEEN_ORD = ['tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];

/** Day numbers 1–31 as words: cardinals (without "een"/"one", which are articles too) and ordinals. */
function dayWords(): { cardinal: Map<string, number>; ordinal: Map<string, number> } {
  const cardinal = new Map<string, number>();
  const ordinal = new Map<string, number>();
  NL_UNITS.forEach((w, i) => { if (i > 0) cardinal.set(w, i + 1); ordinal.set(NL_UNIT_ORD[i]!, i + 1); });
  NL_TEENS.forEach((w, i) => { cardinal.set(w, i + 10); ordinal.set(`${w}de`, i + 10); });
  EN_UNITS.forEach((w, i) => { if (i > 0) cardinal.set(w, i + 1); ordinal.set(EN_UNIT_ORD[i]!, i + 1); });
  EN_TEENS.forEach((w, i) => { cardinal.set(w, i + 10); ordinal.set(EN_TEEN_ORD[i]!, i + 10); });
  for (const [tens, nl, en, enOrd] of [[20, 'twintig', 'twenty', 'twentieth'], [30, 'dertig', 'thirty', 'thirtieth']] as const) {
    cardinal.set(nl, tens); ordinal.set(`${nl}ste`, tens); cardinal.set(en, tens); ordinal.set(enOrd, tens);
    for (let u = 1; u <= (tens === 30 ? 1 : 9); u++) {
      // "tweeëntwintig" is written "tweeentwintig" once accents are gone.
      const nlWord = `${NL_UNITS[u - 1]}en${nl}`;
      cardinal.set(nlWord, tens + u); ordinal.set(`${nlWord}ste`, tens + u);
      for (const sep of ['-', ' ']) { cardinal.set(`${en}${sep}${EN_UNITS[u - 1]}`, tens + u); ordinal.set(`${en}${sep}${EN_UNIT_ORD[u - 1]}`, tens + u); }
    }
  }
  return { cardinal, ordinal };
}

const DAY_WORDS = dayWords();
const alternation = (m: Map<string, number>) => [...m.keys()].sort((a, b) => b.length - a.length).join('|');
const BEFORE_MONTH = new RegExp(`\\b(${alternation(DAY_WORDS.cardinal)}|${alternation(DAY_WORDS.ordinal)})(?=\\s+(?:of\\s+)?${MONTH_WORD}\\b)`, 'g');
const AFTER_ARTICLE = new RegExp(`\\b(de|the|op de|on the)\\s+(${alternation(DAY_WORDS.ordinal)})\\b`, 'g');

/** "twaalf december" → "12 december", "the twelfth" → "the 12e", "zaterdag de twaalfde" → "zaterdag de 12e". */
export function dayNumbersAsDigits(t: string): string {
  const value = (w: string) => DAY_WORDS.cardinal.get(w) ?? DAY_WORDS.ordinal.get(w)!;
  return t.replace(BEFORE_MONTH, (w) => String(value(w))).replace(AFTER_ARTICLE, (_, art: string, w: string) => `${art} ${value(w)}e`);
}
