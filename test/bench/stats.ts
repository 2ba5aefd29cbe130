/** min / median / max / p99 of a list of numbers. */
export function summary(values: number[]): { min: number; median: number; max: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
  return { min: sorted[0] ?? Number.NaN, median: at(0.5), max: sorted.at(-1) ?? Number.NaN, p99: at(0.99) };
}

export const fmt = (n: number, digits = 0) => n.toFixed(digits);
