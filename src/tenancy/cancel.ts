import type { Capability } from '../capability.js';
import type { CommandDef, Ctx, TextHandler } from '../handler.js';
import { reply } from '../handler.js';
import { msg } from '../i18n/index.js';
import { normalise } from '../rota/match.js';

/**
 * Stopping what the bot is asking: /annuleer, or a typed "stop" / "laat maar" while a wizard or a report
 * draft waits for an answer (otherwise "stop" would be taken as the answer — a task called "stop", a
 * report's location "laat maar"). Built from the capabilities' `cancel` hooks and placed before them, so
 * the words are heard before any flow reads them; with nothing open the text goes on to the others.
 */
const STOP_WORDS = /^(stop|stoppen|stop maar|annuleer|annuleren|afbreken|laat maar( zitten)?|nee,? laat maar|toch niet|vergeet (het|maar)|cancel|stop it|never ?mind|forget it|nvm)$/;

export function isStopWords(text: string): boolean {
  return STOP_WORDS.test(normalise(text).replace(/^(\s*@\w+[,:]?\s*)+/, '').replace(/[\s.!?,🙂🙏👍]+$/u, '').trim());
}

type Cancel = (ctx: Ctx) => Promise<boolean>;

/** Runs every hook: "stop" ends all that is open for this person in this chat. */
async function cancelAll(ctx: Ctx, hooks: readonly Cancel[]): Promise<boolean> {
  let stopped = false;
  for (const hook of hooks) if (await hook(ctx)) stopped = true;
  return stopped;
}

export function cancelCapability(others: readonly Capability[]): Capability {
  const hooks = others.flatMap((c) => (c.cancel ? [c.cancel] : []));
  const command: CommandDef = {
    names: { nl: ['annuleer', 'annuleren', 'stop'], en: ['cancel', 'stop'] },
    help: 'core.help.cancel',
    requires: 'anyone',
    async run(ctx) {
      return reply(msg(await cancelAll(ctx, hooks) ? 'core.cancel.done' : 'core.cancel.nothing'));
    },
  };
  const typed: TextHandler = async (ctx, text) => {
    if (!isStopWords(text)) return null;
    if (await cancelAll(ctx, hooks)) return reply(msg('core.cancel.done'));
    // Said to the bot with nothing open: a plain answer; in the group's own talk "stop" is the neighbours'.
    return ctx.event.kind === 'text' && ctx.event.addressedToBot ? reply(msg('core.cancel.nothing')) : null;
  };
  return { name: 'cancel', commands: [command], text: [typed] };
}
