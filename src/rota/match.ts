/**
 * Fuzzy task matching: a small token scorer. "trap" finds "Trappenhuis A vegen" (prefix), "tuin"
 * finds "Tuinonderhoud" (compound), a typo within one letter still matches, and a few bilingual
 * synonyms let English speakers name Dutch tasks ("bins" → containers) and the other way round.
 */

export interface MatchableTask { id: number; name: string; area: string | null }
export interface TaskMatch { taskId: number; score: number }

const STOPWORDS = new Set([
  'de', 'het', 'een', 'en', 'of', 'op', 'in', 'van', 'voor', 'met', 'aan', 'bij', 'naar', 'om', 'te', 'ik', 'jij', 'je', 'wij', 'we',
  'doe', 'doen', 'pak', 'pakken', 'neem', 'nemen', 'wil', 'kan', 'ga', 'gaat', 'zal', 'dat', 'die', 'dit', 'deze', 'er', 'wel', 'niet',
  'nog', 'ook', 'toch', 'maar', 'mij', 'me', 'mijn', 'iemand', 'wie', 'heb', 'gedaan', 'klaar', 'beurt', 'taak', 'keer',
  'the', 'a', 'an', 'and', 'or', 'on', 'at', 'for', 'of', 'to', 'with', 'i', 'ill', 'll', 'will', 'can', 'take', 'do', 'did', 'done', 'my',
  'me', 'someone', 'anyone', 'who', 'this', 'that', 'it', 'turn', 'task', 'please', 'vegen', 'sweep', 'doing', 'have',
]);

/** Dutch ↔ English words for common zelfbeheer tasks; each text token also tries these. */
const SYNONYMS: Record<string, string[]> = {
  bins: ['containers', 'container', 'vuilnis', 'kliko', 'afval', 'vuilnisbakken'], bin: ['container', 'vuilnis', 'kliko', 'afval'],
  trash: ['vuilnis', 'afval', 'containers'], garbage: ['vuilnis', 'afval', 'containers'], rubbish: ['vuilnis', 'afval'],
  stairs: ['trap', 'trappenhuis', 'trappen'], stair: ['trap', 'trappenhuis'], stairwell: ['trappenhuis', 'trap'], staircase: ['trappenhuis', 'trap'],
  garden: ['tuin'], yard: ['tuin'], hall: ['hal', 'gang'], hallway: ['hal', 'gang'], corridor: ['gang', 'galerij'],
  windows: ['ramen'], window: ['ramen', 'raam'], entrance: ['entree', 'ingang'], lobby: ['entree', 'hal'],
  bikes: ['fietsen', 'fietsenstalling'], bike: ['fietsen', 'fietsenstalling'], shed: ['schuur', 'berging'], lights: ['lampen', 'verlichting'],
  bulbs: ['lampen'], lift: ['lift'], elevator: ['lift'], leaves: ['bladeren'], weeds: ['onkruid'], mopping: ['dweilen'], mop: ['dweilen'],
  kitchen: ['keuken'], common: ['gemeenschappelijke', 'recreatieruimte'], paper: ['papier', 'oud'],
  containers: ['bins'], vuilnis: ['bins', 'trash'], kliko: ['bins'], trap: ['stairs'], trappenhuis: ['stairs', 'stairwell'], tuin: ['garden'],
  hal: ['hall'], ramen: ['windows'], entree: ['entrance'], fietsenstalling: ['bikes'],
};

export function normalise(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[’‘`´]/g, "'");
}

export function tokens(text: string): string[] {
  return normalise(text).split(/[^a-z0-9]+/).filter(Boolean);
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

/** How well one word of the text matches one word of a task name (0..1). */
function wordScore(x: string, t: string): number {
  if (x === t) return 1;
  if (x.length >= 3 && t.length >= 3 && (t.startsWith(x) || x.startsWith(t))) return 0.85;
  if (x.length >= 4 && t.includes(x)) return 0.7;
  if (Math.min(x.length, t.length) >= 4 && levenshtein(x, t) <= 1) return 0.75;
  if (Math.min(x.length, t.length) >= 7 && levenshtein(x, t) <= 2) return 0.6;
  return 0;
}

export const MATCH_THRESHOLD = 0.6;

/**
 * Scores each task against the words of a text (best word match, plus a little for every further
 * matching word, e.g. the "A" in "trap A"). Returns matches above the threshold, best first.
 */
export function matchTasks(text: string, tasks: MatchableTask[]): TaskMatch[] {
  const words = tokens(text).filter((w) => !STOPWORDS.has(w) || w.length === 1);
  const expanded = words.flatMap((w) => [w, ...(SYNONYMS[w] ?? [])]);
  const letters = new Set(words.filter((w) => w.length <= 2));
  const out: TaskMatch[] = [];
  for (const task of tasks) {
    const taskWords = [...new Set(tokens(`${task.name} ${task.area ?? ''}`))];
    const scores = taskWords.filter((t) => t.length >= 3 && !STOPWORDS.has(t))
      .map((t) => Math.max(0, ...expanded.filter((x) => x.length >= 3).map((x) => wordScore(x, t))));
    const best = Math.max(0, ...scores);
    if (best < MATCH_THRESHOLD) continue;
    const extra = scores.filter((s) => s >= 0.7).length - 1;
    // Short distinguishing marks ("A", "B", "2") count only when they are exact.
    const marks = taskWords.filter((t) => t.length <= 2 && letters.has(t)).length;
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
