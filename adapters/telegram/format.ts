import { fill, render, type Lang, type Msg } from '../../src/i18n/index.js';
import { splitAtLines } from '../split.js';

/** Telegram's limits (Bot API): message text, media caption, poll question and options. */
export const LIMITS = { text: 4096, caption: 1024, pollQuestion: 300, pollOption: 100 } as const;

/** Escapes text for Telegram's HTML parse mode: only <, > and & (and " inside attributes) matter. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Renders a message as Telegram HTML. Templates are plain text (they may contain "<code>" as a
 * placeholder hint), so both the template and every parameter are escaped; the only markup we
 * produce ourselves is a mention link.
 */
export function renderHtml(lang: Lang, m: Msg): string {
  if (m.key === 'core.mention') {
    const { name, userId } = m.params ?? {};
    if (m.params?.platform === 'telegram' && typeof name === 'string' && typeof userId === 'string' && /^\d+$/.test(userId)) {
      return `<a href="tg://user?id=${userId}">${escapeHtml(name.replace(/\s+/g, ' '))}</a>`;
    }
  }
  return fill(lang, m.key, m.params ?? {}, { text: escapeHtml, value: escapeHtml, nested: (n) => renderHtml(lang, n) });
}

export function renderBodyHtml(lang: Lang, body: Msg[]): string {
  return body.map((m) => renderHtml(lang, m)).join('\n');
}

/** Plain text (poll questions and options, command descriptions), cut to a limit with an ellipsis. */
export function renderPlain(lang: Lang, m: Msg, limit: number): string {
  return clip(render(lang, m).replace(/\s+/g, ' ').trim(), limit);
}

/**
 * A button label cut to a limit in the middle: both ends stay readable. Labels often end in what
 * tells buttons apart ("Neem: <long task name>, za 28 nov 10:00"), so cutting the end would make
 * a row of buttons look identical.
 */
export function buttonLabel(lang: Lang, m: Msg, limit: number): string {
  const chars = [...render(lang, m).replace(/\s+/g, ' ').trim()];
  if (chars.length <= limit) return chars.join('');
  const tail = Math.min(24, Math.floor((limit - 1) / 2));
  return `${chars.slice(0, limit - 1 - tail).join('').trimEnd()}…${chars.slice(chars.length - tail).join('')}`;
}

export function clip(text: string, limit: number): string {
  const chars = [...text];
  return chars.length <= limit ? text : `${chars.slice(0, limit - 1).join('')}…`;
}

/** Atoms that must never be cut: a link with its text, an HTML entity, one code point. */
function atoms(line: string): string[] {
  return line.match(/<a [^>]*>.*?<\/a>|&#?\w+;|[\s\S]/gu) ?? [];
}

/**
 * Splits HTML text into messages of at most `limit` characters, at line boundaries where possible
 * (a single overlong line is cut at a space, never inside a link, an entity or a surrogate pair).
 * Measured on the HTML, which is never shorter than what Telegram counts.
 */
export function splitMessage(html: string, limit: number = LIMITS.text): string[] {
  return splitAtLines(html, limit, atoms);
}
