import { escapeMarkdown } from 'discord.js';
import { fill, render, type Lang, type Msg } from '../../src/i18n/index.js';
import type { OutboundMessage } from '../../src/platform.js';
import { splitAtLines } from '../split.js';

/** Discord's limits (developer docs): message content, button label, select option, poll question and answer. */
export const LIMITS = { content: 2000, buttonLabel: 80, selectLabel: 100, pollQuestion: 300, pollAnswer: 55, customId: 100 } as const;

/** User text shown as typed: Markdown escaped, and mentions broken by a zero-width space so they cannot become one. */
export function escapeText(text: string): string {
  return escapeMarkdown(text).replace(/@(everyone|here)/g, '@\u200b$1').replace(/<(@[!&]?|#)(\d+)>/g, '<$1\u200b$2>');
}

/**
 * Renders a message as Discord Markdown. Template and parameters are escaped alike (templates are
 * plain text); the only markup produced is a mention of a Discord user, collected in `pinged` so
 * that allowed_mentions lets exactly those people be notified.
 */
export function renderMarkdown(lang: Lang, m: Msg, pinged: Set<string>): string {
  if (m.key === 'core.mention') {
    const { name, userId, platform } = m.params ?? {};
    if (platform === 'discord' && typeof userId === 'string' && /^\d{5,20}$/.test(userId)) {
      pinged.add(userId);
      return `<@${userId}>`;
    }
    if (typeof name === 'string') return escapeText(name);
  }
  return fill(lang, m.key, m.params ?? {}, { text: escapeText, value: escapeText, nested: (n) => renderMarkdown(lang, n, pinged) });
}

export function renderContent(message: OutboundMessage): { content: string; pinged: string[] } {
  const pinged = new Set<string>();
  const content = message.body.map((m) => renderMarkdown(message.lang, m, pinged)).join('\n');
  return { content, pinged: [...pinged] };
}

/** Plain text (labels, poll texts, command descriptions), cut to a limit with an ellipsis. */
export function renderPlain(lang: Lang, m: Msg, limit: number): string {
  const chars = [...render(lang, m).replace(/\s+/g, ' ').trim()];
  return chars.length <= limit ? chars.join('') : `${chars.slice(0, limit - 1).join('')}…`;
}

/** A label cut in the middle, so both ends (often what tells buttons apart) stay readable. */
export function label(lang: Lang, m: Msg, limit: number): string {
  const chars = [...render(lang, m).replace(/\s+/g, ' ').trim()];
  if (chars.length <= limit) return chars.join('') || '…';
  const tail = Math.min(24, Math.floor((limit - 1) / 2));
  return `${chars.slice(0, limit - 1 - tail).join('').trimEnd()}…${chars.slice(chars.length - tail).join('')}`;
}

/** Escapes, mentions and surrogate pairs are never split. */
function atoms(line: string): string[] {
  return line.match(/<@!?\d+>|\\[\s\S]|[\s\S]/gu) ?? [];
}

/**
 * Splits content into messages of at most `limit` characters at line boundaries; a single overlong
 * line is cut at a space (never inside an escape, a mention or a character). Nothing is dropped.
 */
export function splitContent(content: string, limit: number = LIMITS.content): string[] {
  return splitAtLines(content, limit, atoms);
}
