import type { RESTPutAPIApplicationCommandsJSONBody } from 'discord.js';
import type { CommandDef } from '../../src/handler.js';
import { msg, type Lang, type MessageKey } from '../../src/i18n/index.js';
import { renderPlain } from './format.js';

/** Discord's rules for names of commands and options. */
const VALID_NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;
const DESCRIPTION_MAX = 100;
const OPTION_STRING = 3;

type Body = RESTPutAPIApplicationCommandsJSONBody[number];

/** Which option a slash command has: the subject (task/item, with autocomplete) and details, or free text. */
export const OPTION = {
  subject: (kind: 'task' | 'item') => ({ name: `discord.option.${kind}.name`, description: `discord.option.${kind}.description` } as const),
  details: { name: 'discord.option.details.name', description: 'discord.option.details.description' } as const,
  text: { name: 'discord.option.text.name', description: 'discord.option.text.description' } as const,
};

function text(lang: Lang, key: MessageKey, params?: Record<string, string>): string {
  return renderPlain(lang, msg(key, params), DESCRIPTION_MAX);
}

function option(keys: { name: MessageKey; description: MessageKey }, extra: { autocomplete?: boolean } = {}) {
  return {
    type: OPTION_STRING, name: text('en', keys.name), name_localizations: { nl: text('nl', keys.name) },
    description: text('en', keys.description), description_localizations: { nl: text('nl', keys.description) }, required: false,
    ...(extra.autocomplete ? { autocomplete: true } : {}),
  };
}

/**
 * The slash commands of a server (`guild`), or the global ones for the DM with the bot (`dm`,
 * DISCORD_GLOBAL_COMMANDS; without the commands that only work in a group): one per command (English
 * name, Dutch name as the `nl` localisation), described by its help text in both languages; a command about a task or item gets a field for it with
 * autocomplete plus a details field, every other command one optional text field.
 */
export function slashCommands(defs: CommandDef[], scope: 'guild' | 'dm' = 'guild'): Body[] {
  const seen = new Set<string>();
  const out: Body[] = [];
  for (const def of defs) {
    if (scope === 'dm' && def.where === 'group') continue;
    const en = def.names.en[0];
    const nl = def.names.nl[0];
    if (!en || !nl || !VALID_NAME.test(en) || seen.has(en)) continue;
    seen.add(en);
    const describe = (lang: Lang) => (def.help ? text(lang, def.help) : text(lang, 'discord.command.fallback', { name: def.names[lang][0]! }));
    out.push({
      name: en, ...(VALID_NAME.test(nl) && nl !== en ? { name_localizations: { nl } } : {}),
      description: describe('en'), description_localizations: { nl: describe('nl') },
      options: def.subject ? [option(OPTION.subject(def.subject), { autocomplete: true }), option(OPTION.details)] : [option(OPTION.text)],
      // Global commands are for the DM with the bot only (context 1), so a server never lists a command twice.
      ...(scope === 'dm' ? { contexts: [1], integration_types: [0] } : def.where === 'group' ? { contexts: [0] } : {}),
    });
  }
  // Discord allows 100 slash commands per scope.
  return out.slice(0, 100);
}

/** The command's name the core knows (its first English name) and the argument text from the options. */
export function argsOf(options: readonly { name: string; value?: string | number | boolean | undefined }[]): string {
  const get = (name: string) => options.find((o) => o.name === name)?.value;
  const parts = [get('task') ?? get('item'), get('details'), get('text')].map((v) => (v === undefined ? '' : String(v).trim()));
  return parts.filter(Boolean).join(' ');
}
