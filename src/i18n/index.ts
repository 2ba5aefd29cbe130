import { core } from './messages/core.js';
import { onboarding } from './messages/onboarding.js';
import { beheerplan } from './messages/beheerplan.js';
import { admin } from './messages/admin.js';
import { consoleMessages } from './messages/console.js';
import { telegram } from './messages/telegram.js';
import { rota } from './messages/rota.js';
import { rotaWizard } from './messages/rota-wizard.js';
import { outboxMessages } from './messages/outbox.js';
import { loanReportMessages, rotaReminderMessages, schedulerMessages } from './messages/scheduler.js';
import { announcementMessages } from './messages/announcements.js';
import { pollMessages } from './messages/polls.js';
import type { Lang } from './define.js';

export * from './define.js';

/** The whole catalogue: one module per area, merged here. */
export const catalogue = {
  ...core, ...onboarding, ...beheerplan, ...admin, ...consoleMessages, ...telegram, ...rota, ...rotaWizard,
  ...outboxMessages, ...schedulerMessages, ...rotaReminderMessages, ...loanReportMessages, ...announcementMessages, ...pollMessages,
};
export type MessageKey = keyof typeof catalogue;
/** A parameter is user text (escaped by the adapter) or a nested message rendered in the same language. */
export type Params = Record<string, string | number | Msg>;

/** A message before it is put in a language: a key and its parameters. */
export interface Msg { key: MessageKey; params?: Params }

export function msg(key: MessageKey, params?: Params): Msg {
  return params ? { key, params } : { key };
}

/**
 * Fills a template. Parameters are user text: `escape` (the adapter's HTML/Markdown escaping)
 * is applied to them and never to the trusted template.
 */
export function t(lang: Lang, key: MessageKey, params: Params = {}, escape: (s: string) => string = (s) => s): string {
  const template = catalogue[key][lang];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (typeof value === 'object') return t(lang, value.key, value.params, escape);
    return escape(String(value));
  });
}

export function render(lang: Lang, m: Msg, escape?: (s: string) => string): string {
  return t(lang, m.key, m.params, escape);
}
