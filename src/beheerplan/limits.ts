import { isMap, isScalar, visit, type Document } from 'yaml';
import { msg, type Msg } from '../i18n/index.js';

/**
 * What a beheerplan file may cost to read. A real plan (even one at the schema's maxima: 500 tasks,
 * 500 items) stays below; a hostile file (25,000 keys, 100,000 levels deep, an alias bomb) is refused by
 * one cheap pass over the characters, before any YAML or JSON parsing.
 */
export const PLAN_LIMITS = {
  /** Bytes of the file (checked on the platform's file size before download, and on the text). */
  maxBytes: 256 * 1024,
  /** Structure marks: `key:` and `- ` in blocks, `,` and `:` in `{…}`/`[…]`. */
  maxNodes: 12_000,
  /** Levels of `{`/`[` nesting. */
  maxDepth: 32,
  /** Spaces before a line's content (block nesting; a plan needs about 10). */
  maxIndent: 80,
  /** References (`*name`) to anchors. */
  maxAliases: 50,
  /** Size of the plan once references are expanded, as JSON characters. */
  maxExpandedChars: 1_000_000,
};

const isSpace = (c: string | undefined) => c === undefined || c === ' ' || c === '\n' || c === '\r' || c === '\t';

/** A translated problem when the text exceeds a limit, else null. One linear pass; no parsing. */
export function planCostProblem(text: string): Msg | null {
  if (Buffer.byteLength(text, 'utf8') > PLAN_LIMITS.maxBytes) return msg('beheerplan.limit.tooLarge', { kb: PLAN_LIMITS.maxBytes / 1024 });
  let nodes = 0;
  let aliases = 0;
  let flow = 0;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') { lineStart = true; indent = 0; continue; }
    if (lineStart && c === ' ') {
      if (++indent > PLAN_LIMITS.maxIndent && flow === 0) return msg('beheerplan.limit.tooDeep', { max: PLAN_LIMITS.maxDepth });
      continue;
    }
    const first = lineStart;
    lineStart = false;
    const before = text[i - 1];
    if (c === '#' && isSpace(before)) { // a comment, to the end of the line
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '"' || c === "'") { // a quoted scalar: skip it
      for (i++; i < text.length && text[i] !== c; i++) if (c === '"' && text[i] === '\\') i++;
    } else if (c === '[' || c === '{') {
      if (++flow > PLAN_LIMITS.maxDepth) return msg('beheerplan.limit.tooDeep', { max: PLAN_LIMITS.maxDepth });
      nodes++;
    } else if (c === ']' || c === '}') {
      flow = Math.max(0, flow - 1);
    } else if ((c === ',' && flow > 0) || (c === ':' && (flow > 0 || isSpace(text[i + 1]))) || (c === '-' && first && isSpace(text[i + 1]))) {
      nodes++;
    } else if (c === '*' && (isSpace(before) || before === '[' || before === '{' || before === ',') && !isSpace(text[i + 1])) {
      if (++aliases > PLAN_LIMITS.maxAliases) return msg('beheerplan.limit.aliases', { max: PLAN_LIMITS.maxAliases });
    }
    if (nodes > PLAN_LIMITS.maxNodes) return msg('beheerplan.limit.nodes', { max: PLAN_LIMITS.maxNodes });
  }
  return null;
}

/**
 * The offset of the first key that repeats an earlier key of the same mapping, or null. Linear (a Set per
 * mapping); the yaml package's own `uniqueKeys` check compares every pair of keys.
 */
export function firstDuplicateKey(doc: Document): number | null {
  let found: number | null = null;
  visit(doc, {
    Map(_key, map) {
      if (!isMap(map)) return undefined;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const k = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(k)) {
          const at = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
          if (at !== undefined && (found === null || at < found)) found = at;
        }
        seen.add(k);
      }
      return undefined;
    },
  });
  return found;
}
