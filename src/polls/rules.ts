/** Pure poll rules: tallying votes and deciding whether a score is low. */

export interface Tally { counts: number[]; votes: number; average: number | null }

/** Options are scored 1..n in their order; the average is over people who voted. */
export function tally(optionCount: number, votes: number[]): Tally {
  const counts = Array.from({ length: optionCount }, () => 0);
  for (const v of votes) if (v >= 0 && v < optionCount) counts[v]!++;
  const total = counts.reduce((a, b) => a + b, 0);
  const sum = counts.reduce((a, c, i) => a + c * (i + 1), 0);
  return { counts, votes: total, average: total ? Math.round((sum / total) * 100) / 100 : null };
}

export function isLowScore(average: number | null, threshold: number | null | undefined): boolean {
  return average !== null && threshold !== null && threshold !== undefined && average < threshold;
}

export interface PollDefinitionInput { name: string; question: string; options: string[]; schedule: string; area?: string }

/** "naam; vraag; optie1, optie2; schema [; gebied]" → a definition, or which part is wrong. */
export function parsePollDefinition(text: string): { ok: true; value: PollDefinitionInput } | { ok: false; error: 'usage' | 'options' } {
  const parts = text.split(';').map((p) => p.trim());
  const [name, question, options, schedule, area] = parts;
  if (parts.length < 4 || parts.length > 5 || !name || !question || !options || !schedule) return { ok: false, error: 'usage' };
  const list = options.split(',').map((o) => o.trim()).filter(Boolean);
  if (list.length < 2 || list.length > 10 || list.some((o) => o.length > 100)) return { ok: false, error: 'options' };
  return { ok: true, value: { name: name.slice(0, 100), question: question.slice(0, 300), options: list, schedule, ...(area ? { area } : {}) } };
}
