import { LineCounter, parseDocument, type Document, type ErrorCode } from 'yaml';
import { msg, type MessageKey, type Msg } from '../i18n/index.js';
import { findJsonError, lineColumn } from './json-syntax.js';
import { firstDuplicateKey, planCostProblem, PLAN_LIMITS } from './limits.js';

export type PlanFormat = 'yaml' | 'json';

/** A parsed file: plain data plus the YAML node tree, kept to tell which line a problem is on. */
export interface ParsedText {
  data: unknown;
  format: PlanFormat;
  doc: Document | null;
  lines: LineCounter;
}

export type ParseResult = ({ ok: true } & ParsedText) | { ok: false; problems: Msg[] };

/** By file extension; without a telling name, a file that starts with `{` is JSON. */
export function detectFormat(fileName: string | undefined, text: string): PlanFormat {
  const ext = /\.([a-z]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  if (ext === 'json') return 'json';
  if (ext === 'yaml' || ext === 'yml') return 'yaml';
  return text.replace(/^\uFEFF/, '').trimStart().startsWith('{') ? 'json' : 'yaml';
}

/** File names the bot treats as a beheerplan when someone sends a document. */
export function looksLikePlanFile(fileName: string | undefined, mimeType: string | undefined): boolean {
  if (fileName && /\.(ya?ml|json)$/i.test(fileName)) return true;
  return !!mimeType && /(^application\/json$|yaml)/i.test(mimeType);
}

const YAML_CODES: Partial<Record<ErrorCode, MessageKey>> = {
  DUPLICATE_KEY: 'beheerplan.syntax.duplicateKey',
  TAB_AS_INDENT: 'beheerplan.syntax.tab',
  BAD_INDENT: 'beheerplan.syntax.indent',
  BLOCK_AS_IMPLICIT_KEY: 'beheerplan.syntax.nested',
  MULTILINE_IMPLICIT_KEY: 'beheerplan.syntax.nested',
  BAD_DQ_ESCAPE: 'beheerplan.syntax.escape',
  MISSING_CHAR: 'beheerplan.syntax.missingChar',
  BLOCK_IN_FLOW: 'beheerplan.syntax.flow',
  UNEXPECTED_TOKEN: 'beheerplan.syntax.unexpected',
  MULTIPLE_DOCS: 'beheerplan.syntax.multipleDocs',
  BAD_ALIAS: 'beheerplan.syntax.alias',
  BAD_SCALAR_START: 'beheerplan.syntax.scalarStart',
};

function syntaxLine(line: number, column: number, problem: Msg): Msg {
  return msg('beheerplan.syntax.at', { line, column, problem });
}

export function parsePlanText(text: string, fileName?: string): ParseResult {
  try {
    return parseBounded(text, fileName);
  } catch (err) {
    // A safety net behind the limits: too deep for the call stack is the file's fault, not ours.
    if (err instanceof RangeError) return { ok: false, problems: [msg('beheerplan.limit.tooDeep', { max: PLAN_LIMITS.maxDepth })] };
    throw err;
  }
}

function parseBounded(text: string, fileName?: string): ParseResult {
  if (text.includes('\u0000')) return { ok: false, problems: [msg('beheerplan.syntax.binary')] };
  if (text.trim() === '') return { ok: false, problems: [msg('beheerplan.syntax.empty')] };
  // Bounded cost: a hostile file is refused here, before any parsing.
  const tooCostly = planCostProblem(text);
  if (tooCostly) return { ok: false, problems: [tooCostly] };
  const format = detectFormat(fileName, text);
  const lines = new LineCounter();
  // Duplicate keys: our own linear check below (the yaml package's compares every pair).
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: true });
  const duplicate = firstDuplicateKey(doc);
  if (duplicate !== null) {
    const pos = lines.linePos(duplicate);
    if (format === 'json' || !doc.errors.some((e) => e.pos[0] < duplicate)) {
      return { ok: false, problems: [syntaxLine(pos.line, pos.col, msg('beheerplan.syntax.duplicateKey'))] };
    }
  }
  if (format === 'json') {
    const bad = findJsonError(text);
    if (bad) {
      const { line, column } = lineColumn(text, bad.offset);
      const problem = bad.found === null ? msg('beheerplan.syntax.jsonEnd') : msg('beheerplan.syntax.jsonToken', { found: bad.found });
      return { ok: false, problems: [syntaxLine(line, column, problem)] };
    }
  }
  // The first error is the one to fix; later ones are usually its echoes.
  const first = format === 'json' ? undefined : doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0] ?? { line: 1, col: 1 };
    // MISSING_CHAR also covers a list entry indented too little ("Sequence item without - indicator").
    const key = first.message.startsWith('Sequence item without') ? 'beheerplan.syntax.indent' : YAML_CODES[first.code];
    const detail = first.message.split(' at line ')[0] ?? first.message;
    return { ok: false, problems: [syntaxLine(pos.line, pos.col, key ? msg(key) : msg('beheerplan.syntax.other', { detail }))] };
  }
  let data: unknown;
  try {
    data = format === 'json' ? JSON.parse(text.replace(/^\uFEFF/, '')) : doc.toJS({ maxAliasCount: 100 });
  } catch {
    // Only an alias bomb gets here (the syntax was checked above).
    return { ok: false, problems: [msg('beheerplan.limit.aliases', { max: PLAN_LIMITS.maxAliases })] };
  }
  // References (*name) can still multiply a small file into a huge plan.
  if ((JSON.stringify(data) ?? '').length > PLAN_LIMITS.maxExpandedChars) {
    return { ok: false, problems: [msg('beheerplan.limit.expanded', { kb: Math.round(PLAN_LIMITS.maxExpandedChars / 1024) })] };
  }
  return { ok: true, data, format, doc: doc.errors.length === 0 ? doc : null, lines };
}
