import { normalise } from '../rota/match.js';

/**
 * Finding the item a resident means. Item names are often Dutch compounds ("schuursleutel") that
 * people split up ("de sleutel van de schuur"), so a name word counts as covered by the text words
 * it contains; the item whose name is covered best wins. A few English words map to the Dutch ones
 * ("mower" → maaier) so English speakers find Dutch-named items.
 */

export interface MatchableItem { id: number; name: string; aliases: string[] }
export interface ItemMatch { itemId: number; score: number }

const STOP = new Set([
  'de', 'het', 'een', 'van', 'voor', 'tot', 'mag', 'ik', 'lenen', 'leen', 'even', 'nodig', 'heb', 'wie', 'heeft', 'waar', 'is', 'mijn',
  'the', 'a', 'an', 'of', 'for', 'until', 'can', 'may', 'borrow', 'who', 'has', 'where', 'my', 'please', 'graag', 'terug', 'breng',
  'back', 'return', 'bring', 'morgen', 'vandaag', 'tomorrow', 'today', 'uur', 'dag', 'dagen', 'hours', 'days', 'aan', 'to', 'bot',
]);

const SYNONYMS: Record<string, string[]> = {
  mower: ['maaier', 'grasmaaier'], lawnmower: ['grasmaaier', 'maaier'], key: ['sleutel'], keys: ['sleutels', 'sleutel'],
  shed: ['schuur'], ladder: ['ladder'], drill: ['boor', 'boormachine'], wheelbarrow: ['kruiwagen'], bike: ['fiets'],
  leaf: ['blad'], blower: ['blazer'], leafblower: ['bladblazer'], hedge: ['heg'], trimmer: ['trimmer', 'schaar'],
  bicycle: ['fiets'], storage: ['berging'], hose: ['slang'], broom: ['bezem'], vacuum: ['stofzuiger'], basement: ['kelder'],
};

function words(text: string): string[] {
  return normalise(text).split(/[^a-z0-9]+/).filter(Boolean);
}

/** Edit distance ≤ 1 (one typo), for words of five letters or more. */
function oneTypo(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || Math.min(a.length, b.length) < 5) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { i++; j++; continue; }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else { i++; j++; }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** How much of one name word (0..1) the text words cover. */
function coverage(nameWord: string, textWords: string[]): number {
  if (textWords.includes(nameWord)) return 1;
  if (textWords.some((w) => oneTypo(w, nameWord))) return 0.9;
  let covered = 0;
  for (const w of new Set(textWords)) if (w.length >= 3 && nameWord.includes(w)) covered += w.length;
  // The last part of a Dutch compound names the thing: "maaier" is a grasmaaier, "sleutel" a schuursleutel.
  const head = textWords.some((w) => w.length >= 4 && nameWord.endsWith(w)) ? 0.8 : 0;
  return Math.max(head, Math.min(1, covered / nameWord.length));
}

function nameScore(name: string, textWords: string[]): number {
  const nameWords = words(name).filter((w) => !STOP.has(w));
  if (nameWords.length === 0) return 0;
  const total = nameWords.reduce((n, w) => n + w.length, 0);
  const weighted = nameWords.reduce((s, w) => s + coverage(w, textWords) * w.length, 0) / total;
  // One whole word of a longer name ("sleutel" of "Sleutel kelder") is a real candidate, not a sure one.
  const oneWord = nameWords.length > 1 && nameWords.some((w) => textWords.includes(w)) ? 0.75 : 0;
  return Math.max(weighted, oneWord);
}

/** Every item with some match, best first (score 0..1). */
export function matchItems(text: string, items: MatchableItem[]): ItemMatch[] {
  const base = words(text).filter((w) => !STOP.has(w));
  const textWords = [...base, ...base.flatMap((w) => SYNONYMS[w] ?? [])];
  // "sleutel van de schuur" is the schuursleutel: join "X van de Y" into the compound YX.
  const compound = /\b([a-z]{3,}) van (?:de |het )?([a-z]{3,})\b/.exec(normalise(text));
  if (compound) textWords.push(`${compound[2]}${compound[1]}`);
  const out: ItemMatch[] = [];
  for (const item of items) {
    const score = Math.max(...[item.name, ...item.aliases].map((n) => nameScore(n, textWords)));
    if (score > 0) out.push({ itemId: item.id, score });
  }
  return out.sort((a, b) => b.score - a.score);
}

export const SURE = 0.8;
export const POSSIBLE = 0.5;

export type Resolution = { kind: 'one'; itemId: number } | { kind: 'choose'; itemIds: number[] } | { kind: 'none'; closest: number[] };

/**
 * One item when it is clearly meant; several to choose from when the words fit more than one; none
 * with the closest names otherwise. `minimum` is raised for free text, which must name an item well.
 */
export function resolveItem(text: string, items: MatchableItem[], minimum = POSSIBLE): Resolution {
  const matches = matchItems(text, items);
  const top = matches[0];
  if (!top || top.score < minimum) return { kind: 'none', closest: matches.slice(0, 3).map((m) => m.itemId) };
  const close = matches.filter((m) => m.score >= Math.max(minimum, top.score - 0.15));
  if (close.length === 1 && top.score >= SURE) return { kind: 'one', itemId: top.itemId };
  if (close.length === 1 && minimum <= POSSIBLE) return { kind: 'choose', itemIds: [top.itemId] };
  return close.length === 1 ? { kind: 'one', itemId: top.itemId } : { kind: 'choose', itemIds: close.slice(0, 5).map((m) => m.itemId) };
}
