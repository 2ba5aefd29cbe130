import type { CommandDef, Ctx } from '../handler.js';
import { reply } from '../handler.js';
import { msg, type Msg } from '../i18n/index.js';

function helpLines(ctx: Ctx, defs: CommandDef[]): Msg[] {
  return defs.filter((d) => d.help).map((d) => msg('core.help.line', {
    name: d.names[ctx.lang][0] ?? d.names.nl[0] ?? '', description: msg(d.help!),
  }));
}

/** Help shows what this person can use here, in their language, with command names in that language. */
export function helpFor(ctx: Ctx): Msg[] {
  const direct = ctx.event.chat.isDirect;
  const usable = ctx.commands.filter((d) => !(d.where === 'group' && direct) && !(d.where === 'direct' && !direct));
  const forCoordinators = (d: CommandDef) => d.requires === 'coordinator' || d.audience === 'coordinator';
  // Linking is done once, in a group: in a linked group or a direct chat it would only confuse. Without a
  // complex (a liaison, someone not in any group yet) the complex's commands cannot be used.
  const everyone = usable.filter((d) => d.requires !== 'coordinator' && d.requires !== 'liaison' && !d.audience
    && !((ctx.chat || direct) && d.names.en.includes('setup')) && (d.requires !== 'complex' || ctx.complex));
  const body = [msg('core.help.title'), ...helpLines(ctx, everyone)];
  if (ctx.role === 'coordinator') {
    body.push(msg('core.help.coordinatorTitle'), ...helpLines(ctx, usable.filter(forCoordinators)));
  }
  if (ctx.liaisonOf.length > 0) {
    body.push(msg('core.role.liaison'), ...helpLines(ctx, usable.filter((d) => d.requires === 'liaison' || d.audience === 'coordinator')));
  }
  body.push(msg('core.help.footer'));
  return body;
}

export const helpCommands: CommandDef[] = [
  {
    names: { nl: ['hulp', 'help'], en: ['help'] },
    help: 'onboarding.help.help',
    requires: 'anyone',
    async run(ctx) {
      if (!ctx.event.chat.isDirect && !ctx.chat) return reply([msg('core.error.notLinked')]);
      return reply(helpFor(ctx));
    },
  },
  {
    names: { nl: ['start'], en: ['start'] },
    help: 'onboarding.help.start',
    requires: 'anyone',
    async run(ctx, args) {
      // A deep link (`t.me/<bot>?start=<payload>`) goes to the command that declared its prefix.
      const deep = args ? ctx.commands.find((c) => c.deepLink && args.startsWith(c.deepLink)) : undefined;
      if (deep) return deep.run(ctx, args.slice(deep.deepLink!.length));
      if (ctx.event.chat.isDirect) {
        return reply([msg('onboarding.start.direct', { name: ctx.person.displayName })]);
      }
      if (!ctx.chat) return reply(msg('core.error.notLinked'));
      if (ctx.complex) return reply(msg('onboarding.start.groupLinked', { complex: ctx.complex.name }));
      return reply(helpFor(ctx));
    },
  },
];
