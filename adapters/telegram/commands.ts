import type { CommandDef } from '../../src/handler.js';
import { DEFAULT_LANG, LANGUAGES, msg, type Lang } from '../../src/i18n/index.js';
import { renderPlain } from './format.js';

export type MenuScope = 'default' | 'all_private_chats' | 'all_chat_administrators';

export interface CommandMenu {
  scope: MenuScope;
  /** Undefined: the fallback for users whose language we do not speak (shown in the default language). */
  languageCode: Lang | undefined;
  commands: { command: string; description: string }[];
}

const VALID_NAME = /^[a-z0-9_]{1,32}$/;

/** Which commands a scope shows: groups (everyone), group admins (plus coordinator commands), private chats. */
function inScope(def: CommandDef, scope: MenuScope): boolean {
  const admin = def.requires === 'coordinator';
  if (def.requires === 'liaison') return false;
  if (scope === 'all_private_chats') return def.where !== 'group' && !admin;
  if (def.where === 'direct') return false;
  return scope === 'all_chat_administrators' || !admin;
}

/**
 * The command menus for setMyCommands: per scope (default = groups, group admins, private chats)
 * and per language (nl, en, and a language-less fallback in the default language), built from each
 * command's name in that language and its help text.
 */
export function commandMenus(defs: CommandDef[]): CommandMenu[] {
  const menus: CommandMenu[] = [];
  for (const scope of ['default', 'all_chat_administrators', 'all_private_chats'] as const) {
    for (const languageCode of [...LANGUAGES, undefined]) {
      const lang = languageCode ?? DEFAULT_LANG;
      const seen = new Set<string>();
      const commands = [];
      for (const def of defs) {
        const name = def.names[lang][0];
        if (!def.help || !name || !VALID_NAME.test(name) || seen.has(name) || !inScope(def, scope)) continue;
        seen.add(name);
        commands.push({ command: name, description: renderPlain(lang, msg(def.help), 256) });
      }
      menus.push({ scope, languageCode, commands: commands.slice(0, 100) });
    }
  }
  return menus;
}
