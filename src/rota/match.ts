/**
 * Fuzzy task matching: a small token scorer. "trap" finds "Trappenhuis A vegen" (prefix), "tuin"
 * finds "Tuinonderhoud" (compound), a typo within one letter still matches, and a few bilingual
 * synonyms let English speakers name Dutch tasks ("bins" → containers) and the other way round.
 */

export interface MatchableTask { id: number; name: string; area: string | null; aliases?: string[] | null }
export interface TaskMatch { taskId: number; score: number }

const STOPWORDS = new Set([
  'de', 'het', 'een', 'en', 'of', 'op', 'in', 'van', 'voor', 'met', 'aan', 'bij', 'naar', 'om', 'te', 'ik', 'jij', 'je', 'wij', 'we',
  'doe', 'doen', 'pak', 'pakken', 'neem', 'nemen', 'wil', 'kan', 'ga', 'gaat', 'zal', 'dat', 'die', 'dit', 'deze', 'er', 'wel', 'niet',
  'nog', 'ook', 'toch', 'maar', 'mij', 'me', 'mijn', 'iemand', 'wie', 'heb', 'gedaan', 'klaar', 'beurt', 'taak', 'keer',
  'the', 'a', 'an', 'and', 'or', 'on', 'at', 'for', 'of', 'to', 'with', 'i', 'ill', 'll', 'will', 'can', 'take', 'do', 'did', 'done', 'my',
  'me', 'someone', 'anyone', 'who', 'this', 'that', 'it', 'turn', 'task', 'please', 'vegen', 'sweep', 'doing', 'have',
  // Dates, times and everyday words are never task names, however close they look.
  'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag', 'monday', 'tuesday', 'wednesday', 'thursday',
  'friday', 'saturday', 'sunday', 'morgen', 'vandaag', 'overmorgen', 'tomorrow', 'today', 'week', 'weken', 'weeks', 'volgende',
  'komende', 'aanstaande', 'next', 'weekend', 'maand', 'month', 'over', 'vanaf', 'from', 'tot', 'until', 'uur', 'min', 'minuten',
  'minutes', 'hours', 'hour', 'alles', 'all', 'graag', 'even', 'weer', 'dan', 'als', 'want', 'omdat', 'hoi', 'hallo', 'hello', 'thanks',
  'bedankt', 'dank', 'kunnen', 'willen', 'moet', 'moeten', 'zou', 'zullen', 'hebben', 'heeft', 'hij', 'zij', 'ze', 'ons', 'onze', 'jullie',
  'what', 'when', 'which', 'wat', 'wanneer', 'welke', 'nou', 'hoor', 'haha', 'oke', 'okay', 'ok', 'wil', 'helpen', 'help', 'mee',
  'your', 'you', 'are', 'was', 'were', 'been', 'het', 'is', 'zijn', 'ben', 'ruilen', 'swap', 'vrij', 'free', 'open', 'januari',
  'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december', 'niemand',
  // The verbs and adverbs of task names say what is done, not to what: "hoger zetten" is no container.
  'zetten', 'zet', 'buiten', 'binnen', 'bijhouden', 'hoger', 'lager', 'groep', 'group', 'chat', 'bot',
]);

/** Abbreviations whose letters are not task marks ("a.s. zaterdag" is not Trappenhuis A). */
const ABBREVIATIONS = /(?:^|[\s(])(a\.s\.?|a\.u\.b\.?|t\/m|t\.m\.|z\.s\.m\.?|i\.p\.v\.?|o\.a\.?|m\.b\.t\.?|i\.v\.m\.?|n\.a\.v\.?|d\.w\.z\.?|s\.v\.p\.?|e\.d\.?|bijv\.?|bv\.?|evt\.?|a\.m\.|p\.m\.|e\.g\.|i\.e\.|etc\.?|asap|svp|aub|zsm)(?=[\s,.!?)]|$)/g;

/** Dutch ↔ English words for common zelfbeheer tasks; each text token also tries these. */
const SYNONYMS: Record<string, string[]> = {
  bins: ['containers', 'container', 'vuilnis', 'kliko', 'afval', 'vuilnisbakken'], bin: ['container', 'vuilnis', 'kliko', 'afval'],
  trash: ['vuilnis', 'afval', 'containers'], garbage: ['vuilnis', 'afval', 'containers'], rubbish: ['vuilnis', 'afval'],
  stairs: ['trap', 'trappenhuis', 'trappen'], stair: ['trap', 'trappenhuis'], stairwell: ['trappenhuis', 'trap'], staircase: ['trappenhuis', 'trap'],
  garden: ['tuin'], yard: ['tuin'], hall: ['hal', 'gang'], hallway: ['hal', 'gang'], corridor: ['gang', 'galerij'],
  windows: ['ramen'], window: ['ramen', 'raam'], entrance: ['entree', 'ingang'], lobby: ['entree', 'hal'],
  bikes: ['fietsen', 'fietsenstalling'], bike: ['fietsen', 'fietsenstalling'], shed: ['schuur', 'berging'], lights: ['lampen', 'verlichting'],
  kliko: ['containers', 'container', 'vuilnis', 'afval', 'bins'], klikos: ['containers', 'kliko', 'vuilnis', 'afval'],
  vuilnisbak: ['containers', 'kliko', 'vuilnis'], vuilnisbakken: ['containers', 'kliko', 'vuilnis'], afval: ['containers', 'vuilnis', 'kliko'],
  afvalbakken: ['containers', 'vuilnis'], rolcontainers: ['containers'], bakken: ['containers'], gft: ['containers', 'kliko'],
  trappen: ['trap', 'trappenhuis'], portiek: ['trappenhuis', 'trap', 'entree'], glazen: ['ramen'], lappen: ['ramen'], gras: ['tuin', 'gazon'],
  grasmaaien: ['tuin', 'gras'], onkruid: ['tuin'], groen: ['tuin'], binnentuin: ['tuin'], gang: ['hal', 'galerij'], galerij: ['gang', 'hal'],
  bulbs: ['lampen'], lift: ['lift'], elevator: ['lift'], leaves: ['bladeren'], weeds: ['onkruid'], mopping: ['dweilen'], mop: ['dweilen'],
  kitchen: ['keuken'], common: ['gemeenschappelijke', 'recreatieruimte'], paper: ['papier', 'oud'],
  containers: ['bins', 'kliko', 'vuilnis'], vuilnis: ['bins', 'trash', 'containers', 'kliko'], trap: ['stairs'], trappenhuis: ['stairs', 'stairwell'], tuin: ['garden'],
  hal: ['hall'], ramen: ['windows'], entree: ['entrance'], fietsenstalling: ['bikes'],
};

export function normalise(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[’‘`´]/g, "'");
}

/** The text without abbreviations like "a.s.", "t/m", "z.s.m." (their letters are no task marks). */
export function withoutAbbreviations(text: string): string {
  return normalise(text).replace(ABBREVIATIONS, ' ');
}

export function tokens(text: string): string[] {
  return normalise(text).split(/[^a-z0-9]+/).filter(Boolean);
}

/** "containerbeurt", "tuinklusje", "bins turn": the task word in a compound with a rota word. */
const ROTA_SUFFIX = /^([a-z]{3,}?)(beurten|beurt|taken|taak|klusje|klus|dienst|corvee|rooster|turns|turn|shift|duty)$/;

function withCompounds(words: string[]): string[] {
  return words.flatMap((w) => {
    const part = ROTA_SUFFIX.exec(w)?.[1];
    return part ? [w, part] : [w];
  });
}

/** Edit distance counting a transposition as one edit (optimal string alignment). */
function levenshtein(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  let before = prev;
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      // A swapped pair of letters ("tuni") is one typo.
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j]!, before[j - 2]! + 1);
    }
    before = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The other-language words for a word, also when the word has a typo ("gardn" → garden → tuin). */
function synonymsOf(word: string): string[] {
  const exact = SYNONYMS[word];
  if (exact) return exact;
  if (word.length < 5) return [];
  // Only longer words get typo room: "groep" is no typo of "groen".
  const key = Object.keys(SYNONYMS).find((k) => k.length >= 6 && levenshtein(word, k) <= 1);
  return key ? [key, ...SYNONYMS[key]!] : [];
}

/** How well one word of the text matches one word of a task name (0..1). */
function wordScore(x: string, t: string): number {
  if (x === t) return 1;
  if (x.length >= 3 && t.length >= 3 && (t.startsWith(x) || x.startsWith(t))) return 0.85;
  if (x.length >= 4 && t.includes(x)) return 0.7;
  if (Math.min(x.length, t.length) >= 4 && levenshtein(x, t) <= 1) return 0.75;
  if (Math.min(x.length, t.length) >= 7 && levenshtein(x, t) <= 2) return 0.6;
  // Three consonants are no word: a fast-typed start with its vowel dropped ("trp" → trap, "hll" → hall).
  if (x.length === 3 && t.length >= 4 && !/[aeiouy]/.test(x) && [1, 2, 3].some((i) => t.slice(0, i) + t.slice(i + 1, 4) === x)) return 0.6;
  return 0;
}

export const MATCH_THRESHOLD = 0.6;

/**
 * Scores each task against the words of a text (best word match, plus a little for every further
 * matching word, e.g. the "A" in "trap A"). Returns matches above the threshold, best first.
 */
export function matchTasks(text: string, tasks: MatchableTask[]): TaskMatch[] {
  // "kliko's" is "kliko": a possessive or plural 's is no mark.
  // "trapB": a capital glued to a word is a mark of its own.
  const all = withCompounds(tokens(withoutAbbreviations(text.replace(/([a-z]{3,})([A-Z])\b/g, '$1 $2')).replace(/'s\b/g, 's')));
  const isWord = (w: string) => !STOPWORDS.has(w) || w.length === 1;
  const out: TaskMatch[] = [];
  for (const task of tasks) {
    const taskWords = [...new Set(tokens(`${task.name} ${task.area ?? ''} ${(task.aliases ?? []).join(' ')}`))];
    const long = taskWords.filter((t) => t.length >= 3 && !STOPWORDS.has(t));
    const scoreOf = (w: string) => (w.length < 3 || !isWord(w) ? 0
      : Math.max(0, ...[w, ...synonymsOf(w)].flatMap((x) => long.map((t) => wordScore(x, t)))));
    const perWord = all.map(scoreOf);
    const scores = long.map((t) => Math.max(0, ...all.filter((w) => w.length >= 3 && isWord(w)).flatMap((w) => [w, ...synonymsOf(w)]).map((x) => wordScore(x, t))));
    const best = Math.max(0, ...scores);
    if (best < MATCH_THRESHOLD) continue;
    const extra = scores.filter((s) => s >= 0.7).length - 1;
    // Short distinguishing marks ("A", "B", "2") count only when exact and next to a word of this task ("trap A", "B-trappenhuis").
    const marks = taskWords.filter((t) => t.length <= 2 && all.some((w, i) => w === t
      && ((perWord[i - 1] ?? 0) >= MATCH_THRESHOLD || (perWord[i + 1] ?? 0) >= MATCH_THRESHOLD
        || ((perWord[i - 2] ?? 0) >= MATCH_THRESHOLD && /^(nr|no|nummer|number)$/.test(all[i - 1] ?? ''))))).length;
    out.push({ taskId: task.id, score: Math.min(1.5, best + 0.1 * Math.max(0, extra) + 0.2 * marks) });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Tasks close enough to the best to be a real alternative (for "which one did you mean?"). */
export function bestMatches(matches: TaskMatch[]): TaskMatch[] {
  const top = matches[0];
  if (!top) return [];
  return matches.filter((m) => m.score >= top.score - 0.1);
}
