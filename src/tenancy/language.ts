import { eq } from 'drizzle-orm';
import { people } from '../db/schema/index.js';
import type { ButtonDef, CommandDef, Ctx, HandlerResult } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { isLang, msg, type Lang } from '../i18n/index.js';

const NAMES: Record<string, Lang> = {
  nl: 'nl', nederlands: 'nl', dutch: 'nl', ned: 'nl', en: 'en', english: 'en', engels: 'en', eng: 'en',
};

async function setLanguage(ctx: Ctx, lang: Lang, edit: boolean): Promise<HandlerResult> {
  await ctx.db.update(people).set({ language: lang }).where(eq(people.id, ctx.person.id));
  // The confirmation is already in the new language.
  return reply(msg('onboarding.language.set'), { lang, editOriginal: edit });
}

const languageCommand: CommandDef = {
  names: { nl: ['taal'], en: ['language', 'lang'] },
  help: 'onboarding.help.language',
  requires: 'anyone',
  async run(ctx, args) {
    const wanted = args.trim().toLowerCase();
    if (!wanted) {
      return reply(msg('onboarding.language.choose'), {
        buttons: [[
          { label: msg('onboarding.language.nl'), action: 'lang:nl' },
          { label: msg('onboarding.language.en'), action: 'lang:en' },
        ]],
      });
    }
    const lang = NAMES[wanted];
    if (!lang) throw new UserError(msg('onboarding.language.unknown'));
    return setLanguage(ctx, lang, false);
  },
};

const languageButton: ButtonDef = {
  prefix: 'lang',
  requires: 'anyone',
  async run(ctx, [lang]) {
    if (!isLang(lang)) throw new UserError(msg('core.error.buttonExpired'));
    return setLanguage(ctx, lang, false);
  },
};

export const languageCommands = [languageCommand];
export const languageButtons = [languageButton];
