import { IntlMessageFormat } from 'intl-messageformat';
import type { Lang } from './define.js';

/**
 * ICU plural and select in catalogue templates: `{count, plural, one {# beurt} other {# beurten}}`,
 * `=0 {…}` exact matches and `{kind, select, a {…} other {…}}`. The template is parsed once by
 * intl-messageformat; we walk its syntax tree ourselves so that the caller decides how template text,
 * user values and nested messages are rendered (escaping stays with the adapter).
 */

/** How the pieces of a template become text. */
export interface Leaves {
  text: (literal: string) => string;
  value: (name: string) => string | undefined;
  /** The number a plural selects on (null when the parameter is missing or not a number). */
  number: (name: string) => number | null;
}

interface Element {
  type: number;
  value?: string;
  options?: Record<string, { value: Element[] }>;
  offset?: number;
  pluralType?: 'cardinal' | 'ordinal';
}

// intl-messageformat's element types (TYPE in @formatjs/icu-messageformat-parser).
const LITERAL = 0; const ARGUMENT = 1; const NUMBER = 2; const SELECT = 5; const PLURAL = 6; const POUND = 7;

const ICU = /\{\s*\w+\s*,\s*(plural|select|selectordinal)\s*,/;

/** True when a template uses plural or select (plain `{name}` templates need no parser). */
export function isIcu(template: string): boolean {
  return ICU.test(template);
}

const asts = new Map<string, Element[]>();
const rules = new Map<string, Intl.PluralRules>();
const numbers = new Map<Lang, Intl.NumberFormat>();

function astOf(template: string, lang: Lang): Element[] {
  const cacheKey = `${lang}\u0000${template}`;
  let ast = asts.get(cacheKey);
  if (!ast) {
    ast = new IntlMessageFormat(template, lang, undefined, { ignoreTag: true }).getAst();
    asts.set(cacheKey, ast);
  }
  return ast;
}

function pluralRules(lang: Lang, type: 'cardinal' | 'ordinal'): Intl.PluralRules {
  const cacheKey = `${lang}:${type}`;
  let r = rules.get(cacheKey);
  if (!r) rules.set(cacheKey, r = new Intl.PluralRules(lang, { type }));
  return r;
}

function formatNumber(lang: Lang, n: number): string {
  let f = numbers.get(lang);
  if (!f) numbers.set(lang, f = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }));
  return f.format(n);
}

function walk(elements: Element[], lang: Lang, leaves: Leaves, pound: number | null): string {
  let out = '';
  for (const el of elements) {
    switch (el.type) {
      case LITERAL: out += leaves.text(el.value ?? ''); break;
      case ARGUMENT: case NUMBER: out += leaves.value(el.value!) ?? `{${el.value}}`; break;
      case POUND: out += pound === null ? '#' : formatNumber(lang, pound); break;
      case PLURAL: {
        const n = leaves.number(el.value!);
        if (n === null) { out += `{${el.value}}`; break; }
        const opts = el.options!;
        const shifted = n - (el.offset ?? 0);
        const chosen = opts[`=${n}`] ?? opts[pluralRules(lang, el.pluralType ?? 'cardinal').select(shifted)] ?? opts.other;
        out += chosen ? walk(chosen.value, lang, leaves, shifted) : '';
        break;
      }
      case SELECT: {
        const v = leaves.value(el.value!);
        const chosen = (v !== undefined ? el.options![v] : undefined) ?? el.options!.other;
        out += chosen ? walk(chosen.value, lang, leaves, pound) : '';
        break;
      }
      default: break;
    }
  }
  return out;
}

/** Renders an ICU template with the given leaves. */
export function renderIcu(template: string, lang: Lang, leaves: Leaves): string {
  return walk(astOf(template, lang), lang, leaves, null);
}
