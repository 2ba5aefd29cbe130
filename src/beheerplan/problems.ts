import { isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';
import type { z } from 'zod';
import { msg, type MessageKey, type Msg } from '../i18n/index.js';
import {
  beheerplanSchema, categorySchema, complexSchema, escalationSchema, itemSchema, pollSchema, remindersSchema, taskSchema,
} from './schema.js';

/**
 * Turns validation problems into messages a coordinator can act on: where (path in the file's own
 * terms, plus the line) and what is wrong, in their language.
 */

export type PathSeg = string | number;

/** One problem before it is put into words: where, and the message for what. */
export interface Problem {
  path: PathSeg[];
  what: Msg;
  /** Where to look for the line, when not at `path` (an unknown key: its own line). */
  linePath?: PathSeg[];
  /** A misspelt key ("naam" for "name") explains the "name is missing" problem at this path. */
  explains?: PathSeg[];
}

/** Where the YAML/JSON text is, to add line numbers. */
export interface Source { doc: Document | null; lines: LineCounter }

const NOUNS: Partial<Record<string, MessageKey>> = {
  tasks: 'beheerplan.noun.task', items: 'beheerplan.noun.item', categories: 'beheerplan.noun.category',
  polls: 'beheerplan.noun.poll', options: 'beheerplan.noun.option', aliases: 'beheerplan.noun.alias',
};

/** Allowed keys at a place in the file (array indexes don't matter), for "did you mean". */
function keysAt(path: PathSeg[]): string[] {
  const where = path.filter((p) => typeof p === 'string').join('.');
  const shapes: Record<string, { shape: Record<string, unknown> }> = {
    '': beheerplanSchema, complex: complexSchema, tasks: taskSchema, items: itemSchema, categories: categorySchema,
    escalation: escalationSchema, polls: pollSchema, reminders: remindersSchema,
  };
  const shape = shapes[where]?.shape;
  return shape ? Object.keys(shape) : [];
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(up + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length]!;
}

/** Dutch words people write for the file's English keys and values ("naam", "tuin"). */
const DUTCH: Record<string, string> = {
  naam: 'name', omschrijving: 'description', beschrijving: 'description', herhaling: 'recurrence', tijd: 'time',
  duur: 'duration_minutes', personen: 'people', mensen: 'people', punten: 'points', gebied: 'area', plek: 'area',
  vraag: 'question', opties: 'options', antwoorden: 'options', locatie: 'location', soort: 'kind', taken: 'tasks',
  spullen: 'items', categorieen: 'categories', categorieën: 'categories', peilingen: 'polls', herinneringen: 'reminders',
  schoonmaak: 'cleaning', schoonmaken: 'cleaning', tuin: 'garden', onderhoud: 'maintenance', reparatie: 'maintenance',
  overlast: 'nuisance', veiligheid: 'safety', aannemer: 'contractor', overig: 'other', anders: 'other',
  sleutel: 'key', gereedschap: 'tool', voorraad: 'supply',
};

/** The closest candidate when it is plausibly a typo (other case, a few letters off, a prefix) or the Dutch word for it. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase().replace(/[-\s]/g, '_');
  const dutch = DUTCH[w];
  if (dutch && candidates.includes(dutch)) return dutch;
  if (w.length >= 3) {
    const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(w));
    if (prefixed.length === 1) return prefixed[0];
  }
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (!best || d < best.d) best = { c, d };
  }
  if (!best) return undefined;
  const limit = Math.max(1, Math.floor(best.c.length / 3));
  return best.d <= limit ? best.c : undefined;
}

function typeOf(value: unknown): MessageKey {
  if (value === null) return 'beheerplan.type.null';
  if (Array.isArray(value)) return 'beheerplan.type.array';
  switch (typeof value) {
    case 'string': return 'beheerplan.type.string';
    case 'number': return Number.isInteger(value) ? 'beheerplan.type.int' : 'beheerplan.type.number';
    case 'boolean': return 'beheerplan.type.boolean';
    case 'object': return 'beheerplan.type.object';
    default: return 'beheerplan.type.unknown';
  }
}

const EXPECTED: Partial<Record<string, MessageKey>> = {
  string: 'beheerplan.type.string', number: 'beheerplan.type.number', int: 'beheerplan.type.int',
  boolean: 'beheerplan.type.boolean', array: 'beheerplan.type.array', object: 'beheerplan.type.object',
};

function shown(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

function sizeProblem(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): Msg {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'string') {
    if (small && limit === 1) return msg('beheerplan.issue.empty');
    return msg(small ? 'beheerplan.issue.tooShort' : 'beheerplan.issue.tooLong', { limit });
  }
  if (issue.origin === 'array' || issue.origin === 'set') {
    return msg(small ? 'beheerplan.issue.tooFew' : 'beheerplan.issue.tooMany', { limit });
  }
  if (small) return msg(issue.inclusive === false ? 'beheerplan.issue.moreThan' : 'beheerplan.issue.atLeast', { limit });
  return msg(issue.inclusive === false ? 'beheerplan.issue.lessThan' : 'beheerplan.issue.atMost', { limit });
}

function customProblem(issue: z.core.$ZodIssueCustom): Msg {
  const input = issue.input as Record<string, unknown> | undefined;
  switch (issue.message) {
    case 'schedule_xor_after_task':
      return msg(input?.schedule !== undefined ? 'beheerplan.issue.scheduleAndAfterTask' : 'beheerplan.issue.scheduleOrAfterTask');
    case 'unknown_timezone': {
      const value = shown(issue.input);
      const suggestion = closest(value, Intl.supportedValuesOf('timeZone'));
      return suggestion ? msg('beheerplan.issue.timezoneSuggest', { value, suggestion }) : msg('beheerplan.issue.timezone', { value });
    }
    default:
      return msg('beheerplan.issue.invalid');
  }
}

/** One zod issue → one or more problems (an object with three unknown keys gives three). */
export function fromZodIssue(issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path.filter((p): p is PathSeg => typeof p !== 'symbol');
  const one = (what: Msg): Problem[] => [{ path, what }];
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return one(msg('beheerplan.issue.required'));
      if (issue.expected === 'int' && typeof issue.input === 'number') return one(msg('beheerplan.issue.notWhole', { value: issue.input }));
      const expected = EXPECTED[issue.expected] ?? 'beheerplan.type.unknown';
      return one(msg('beheerplan.issue.type', { expected: msg(expected), received: msg(typeOf(issue.input)) }));
    }
    case 'too_small':
    case 'too_big':
      return one(sizeProblem(issue));
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const suggestion = closest(key, keysAt(path));
        return {
          path, linePath: [...path, key], ...(suggestion ? { explains: [...path, suggestion] } : {}),
          what: suggestion ? msg('beheerplan.issue.unknownKeySuggest', { key, suggestion })
            : msg('beheerplan.issue.unknownKey', { key, allowed: keysAt(path).filter((k) => k !== '$schema').join(', ') }),
        };
      });
    case 'invalid_value': {
      const values = issue.values.map((v) => String(v));
      const value = shown(issue.input);
      const only = issue.values[0];
      if (issue.values.length === 1 && typeof only !== typeof issue.input) {
        // version: "1" is text, not the number 1: say so rather than "must be 1, not 1".
        return one(msg('beheerplan.issue.type', { expected: msg(typeOf(only)), received: msg(typeOf(issue.input)) }));
      }
      if (values.length === 1) return one(msg('beheerplan.issue.exactly', { expected: values[0]!, value }));
      const suggestion = typeof issue.input === 'string' ? closest(issue.input, values) : undefined;
      return one(suggestion ? msg('beheerplan.issue.oneOfSuggest', { value, suggestion, values: values.join(', ') })
        : msg('beheerplan.issue.oneOf', { value, values: values.join(', ') }));
    }
    case 'invalid_format':
      return one(issue.message === 'HH:MM' ? msg('beheerplan.issue.time', { value: shown(issue.input) })
        : msg('beheerplan.issue.format', { value: shown(issue.input) }));
    case 'custom':
      return one(customProblem(issue));
    default:
      return one(msg('beheerplan.issue.invalid'));
  }
}

/** The line a path is on (the line of its key, so an unknown key points at itself); the nearest existing parent otherwise. */
export function lineOf(source: Source, path: PathSeg[]): number | undefined {
  let node: unknown = source.doc?.contents;
  let offset: number | undefined = (node as { range?: [number] } | undefined)?.range?.[0];
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      offset = (pair.key as { range?: [number] }).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      offset = (node as { range?: [number] } | undefined)?.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : source.lines.linePos(offset).line;
}

/** "tasks → taak 3 (“Trap B”) → people", built as nested messages so each language has its own words. */
export function pathMsg(path: PathSeg[], data: unknown): Msg {
  if (path.length === 0) return msg('beheerplan.path.root');
  let where: Msg | null = null;
  let value: unknown = data;
  let parentKey = '';
  for (const seg of path) {
    if (typeof seg === 'number') {
      const element = Array.isArray(value) ? (value[seg] as unknown) : undefined;
      const name = element && typeof element === 'object' && 'name' in element && typeof element.name === 'string'
        ? element.name : typeof element === 'string' && parentKey !== 'categories' ? element : undefined;
      const noun = msg(NOUNS[parentKey] ?? 'beheerplan.noun.entry');
      const base: { parent: Msg; noun: Msg; n: number } = { parent: where ?? msg('beheerplan.path.root'), noun, n: seg + 1 };
      where = name ? msg('beheerplan.path.elementNamed', { ...base, name: shown(name) }) : msg('beheerplan.path.element', base);
      value = element;
    } else {
      where = where ? msg('beheerplan.path.child', { parent: where, key: seg }) : msg('beheerplan.path.key', { key: seg });
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[seg] : undefined;
      parentKey = seg;
    }
  }
  return where!;
}

export const MAX_PROBLEMS = 10;

/** Problems in file order, as message lines, at most MAX_PROBLEMS plus a "and n more" line. */
export function problemLines(all: Problem[], data: unknown, source: Source | null): Msg[] {
  const same = (a: PathSeg[], b: PathSeg[]) => a.length === b.length && a.every((seg, i) => seg === b[i]);
  const explained = all.flatMap((p) => (p.explains ? [p.explains] : []));
  const problems = all.filter((p) => !(p.what.key === 'beheerplan.issue.required' && explained.some((e) => same(e, p.path))));
  const located = problems.map((p, i) => ({ p, i, line: source ? lineOf(source, p.linePath ?? p.path) : undefined }));
  located.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || a.i - b.i);
  const lines = located.slice(0, MAX_PROBLEMS).map(({ p, line }) => {
    const where = pathMsg(p.path, data);
    return line === undefined ? msg('beheerplan.problem', { where, what: p.what }) : msg('beheerplan.problem.line', { line, where, what: p.what });
  });
  if (located.length > MAX_PROBLEMS) lines.push(msg('beheerplan.invalid.more', { n: located.length - MAX_PROBLEMS }));
  return lines;
}
