import { core } from './messages/core.js';
import { onboarding } from './messages/onboarding.js';
import { beheerplan } from './messages/beheerplan.js';
import { admin } from './messages/admin.js';
import { consoleMessages } from './messages/console.js';
import { telegram } from './messages/telegram.js';
import { discord } from './messages/discord-adapter.js';
import { rota } from './messages/rota.js';
import { rotaWizard } from './messages/rota-wizard.js';
import { outboxMessages } from './messages/outbox.js';
import { rotaReminderMessages, schedulerMessages } from './messages/scheduler.js';
import { announcementMessages } from './messages/announcements.js';
import { pollMessages } from './messages/polls.js';
import { conversation } from './messages/conversation.js';
import { reportMessages } from './messages/reports.js';
import { veraMessages } from './messages/reports-vera.js';
import { loanMessages } from './messages/loans.js';
import type { Lang } from './define.js';
import { isIcu, renderIcu } from './icu.js';

export * from './define.js';

/** The whole catalogue: one module per area, merged here. */
export const catalogue = {
  ...core, ...onboarding, ...beheerplan, ...admin, ...consoleMessages, ...telegram, ...discord, ...rota, ...rotaWizard,
  ...outboxMessages, ...schedulerMessages, ...rotaReminderMessages, ...announcementMessages, ...pollMessages, ...conversation, ...reportMessages, ...veraMessages, ...loanMessages,
};
export type MessageKey = keyof typeof catalogue;
/** A parameter is user text (escaped by the adapter) or a nested message rendered in the same language. */
export type Params = Record<string, string | number | Msg>;

/** A message before it is put in a language: a key and its parameters. */
export interface Msg { key: MessageKey; params?: Params }

export function msg(key: MessageKey, params?: Params): Msg {
  return params ? { key, params } : { key };
}

/** How a renderer turns the pieces of a template into text (plain text, or an adapter's markup). */
export interface Renderer {
  /** Trusted template text. */
  text: (literal: string) => string;
  /** A user value (escaped by the adapter). */
  value: (value: string) => string;
  /** A nested message, rendered in the same language. */
  nested: (m: Msg) => string;
}

/**
 * Fills a template with a renderer: `{name}` placeholders, and ICU plural/select
 * (`{count, plural, one {# beurt} other {# beurten}}`) by the language's plural rules.
 */
export function fill(lang: Lang, key: MessageKey, params: Params, r: Renderer): string {
  const template = catalogue[key][lang];
  const valueOf = (name: string): string | undefined => {
    const value = params[name];
    if (value === undefined) return undefined;
    return typeof value === 'object' ? r.nested(value) : r.value(String(value));
  };
  if (isIcu(template)) {
    return renderIcu(template, lang, {
      text: r.text,
      value: valueOf,
      number: (name) => {
        const value = params[name];
        const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
        return Number.isFinite(n) ? n : null;
      },
    });
  }
  let out = '';
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    out += r.text(template.slice(last, match.index));
    out += valueOf(match[1]!) ?? r.text(match[0]);
    last = match.index + match[0].length;
  }
  return out + r.text(template.slice(last));
}

/**
 * Fills a template. Parameters are user text: `escape` (the adapter's HTML/Markdown escaping)
 * is applied to them and never to the trusted template.
 */
export function t(lang: Lang, key: MessageKey, params: Params = {}, escape: (s: string) => string = (s) => s): string {
  return fill(lang, key, params, { text: (s) => s, value: escape, nested: (m) => t(lang, m.key, m.params, escape) });
}

export function render(lang: Lang, m: Msg, escape?: (s: string) => string): string {
  return t(lang, m.key, m.params, escape);
}
