import { eq } from 'drizzle-orm';
import { loanRequests, loans } from '../db/schema/index.js';
import type { ButtonDef, Ctx, Reply, ScopeCtx } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { msg } from '../i18n/index.js';
import { backReplies, borrowReply, cardReply, checkoutRefusal, itemById, lentReply, returnAsk, returnReply, whereReply } from './actions.js';
import { listReply, renewReply, reserveReply } from './commands.js';
import { act, due } from './format.js';
import { historyReply, stickerReplies } from './items-chat.js';
import { answerHandover, answerRequest, joinWaitlist, markLost, markRepaired } from './service.js';
import { getItem, personName } from './store.js';
import { itemWizardButtons } from './wizard.js';

/** Buttons of the loans capability; each re-checks who presses it and for which complex (scope). */

function id(arg: string | undefined): number {
  const n = Number(arg);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

async function itemScope(ctx: ScopeCtx, args: string[]): Promise<number | null> {
  return (await getItem(ctx.db, id(args[0])))?.complexId ?? null;
}
async function loanScope(ctx: ScopeCtx, args: string[]): Promise<number | null> {
  const [row] = await ctx.db.select({ complexId: loans.complexId }).from(loans).where(eq(loans.id, id(args[0])));
  return row?.complexId ?? null;
}
async function requestScope(ctx: ScopeCtx, args: string[]): Promise<number | null> {
  const [row] = await ctx.db.select({ complexId: loanRequests.complexId }).from(loanRequests).where(eq(loanRequests.id, id(args[0])));
  return row?.complexId ?? null;
}

function onItem(prefix: string, requires: ButtonDef['requires'], run: (ctx: Ctx, itemId: number, args: string[]) => Promise<Reply | Reply[]>): ButtonDef {
  return { prefix, requires, scope: itemScope, run: (ctx, args) => run(ctx, id(args[0]), args) };
}

const CONDITIONS = new Set(['ok', 'attention', 'broken']);
/** A due time in a button is in minutes since the epoch (short enough for Telegram's 64 bytes). */
function dueArg(arg: string | undefined): Date | null {
  const n = Number(arg);
  return arg && Number.isSafeInteger(n) && n > 0 ? new Date(n * 60_000) : null;
}

/** The same button, pressable only by the person named first in its arguments (act.askedBy). */
function askedBy(def: ButtonDef): ButtonDef {
  return {
    prefix: def.prefix.replace(/^loan:(\w+)$/, 'loan:$1m'), requires: def.requires,
    scope: (ctx, args) => itemScope(ctx, args.slice(1)),
    run: (ctx, args) => {
      if (id(args[0]) !== ctx.person.id) throw new UserError(msg('core.error.buttonNotForYou'));
      return def.run(ctx, args.slice(1));
    },
  };
}

const itemButtons: ButtonDef[] = [
  { prefix: 'loan:list', requires: 'complex', run: (ctx) => listReply(ctx) },
  { prefix: 'loan:no', requires: 'anyone', run: async () => reply(msg('loans.ask.cancelled'), { editOriginal: true }) },
  onItem('loan:it', 'complex', async (ctx, itemId) => cardReply(ctx, await itemById(ctx, itemId))),
  onItem('loan:b', 'complex', async (ctx, itemId, args) => borrowReply(ctx, await itemById(ctx, itemId), dueArg(args[1]))),
  onItem('loan:rv', 'complex', async (ctx, itemId, args) => {
    const [startsAt, endsAt] = [dueArg(args[1]), dueArg(args[2])];
    if (!startsAt || !endsAt) throw new UserError(msg('core.error.buttonExpired'));
    return reserveReply(ctx, await itemById(ctx, itemId), { startsAt, endsAt });
  }),
  onItem('loan:r', 'complex', async (ctx, itemId) => returnAsk(ctx, await itemById(ctx, itemId))),
  onItem('loan:rc', 'complex', async (ctx, itemId, args) => {
    if (!CONDITIONS.has(args[1] ?? '')) throw new UserError(msg('core.error.buttonExpired'));
    return returnReply(ctx, await itemById(ctx, itemId), args[1] as 'ok' | 'attention' | 'broken', null);
  }),
  onItem('loan:w', 'complex', async (ctx, itemId) => whereReply(ctx, await itemById(ctx, itemId))),
  onItem('loan:rn', 'complex', async (ctx, itemId) => renewReply(ctx, await itemById(ctx, itemId))),
  onItem('loan:q', 'complex', async (ctx, itemId) => {
    const item = await itemById(ctx, itemId);
    const d = await joinWaitlist(ctx.db, itemId, ctx.person.id, ctx.now);
    if (d.kind === 'wait') return reply(msg('loans.wait.added', { item: item.name }), { to: 'direct' });
    if (d.reason === 'available') return reply(msg('loans.wait.available', { item: item.name }), { buttons: [[{ label: msg('loans.button.borrow'), action: act.borrow(itemId), style: 'primary' }]] });
    throw new UserError(msg(d.reason === 'holder' ? 'loans.wait.holder' : 'loans.refuse.archived', { item: item.name }));
  }),
  onItem('loan:fx', 'coordinator', async (ctx, itemId) => {
    const item = await itemById(ctx, itemId);
    const back = await markRepaired(ctx.db, itemId, { personId: ctx.person.id, coordinator: true }, ctx.now);
    if (!back) throw new UserError(msg('loans.repaired.notBroken', { item: item.name }));
    return [reply(msg('loans.repaired', { item: item.name })), ...backReplies(item, back, ctx)];
  }),
  onItem('loan:lost', 'coordinator', async (ctx, itemId) => {
    const item = await itemById(ctx, itemId);
    await markLost(ctx.db, itemId, { personId: ctx.person.id, coordinator: true }, ctx.now);
    return reply(msg('loans.lost', { item: item.name }), { buttons: [[{ label: msg('loans.button.repaired'), action: act.repaired(itemId) }]] });
  }),
  onItem('loan:st', 'coordinator', async (ctx, itemId) => stickerReplies(ctx, await itemById(ctx, itemId), false)),
  onItem('loan:h', 'coordinator', async (ctx, itemId) => historyReply(ctx, await itemById(ctx, itemId))),
  {
    prefix: 'loan:ap',
    requires: 'coordinator',
    scope: requestScope,
    async run(ctx, args) {
      const answer = await answerRequest(ctx.db, id(args[0]), ctx.person.id, args[1] === '1', ctx.now);
      if (answer.kind === 'decided') throw new UserError(msg('loans.request.decided'));
      const item = await itemById(ctx, answer.itemId);
      const name = await personName(ctx.db, answer.personId);
      if (answer.kind === 'refused') {
        return [reply(msg('loans.request.refusedBy', { name, item: item.name, by: ctx.person.displayName }), { editOriginal: true }),
          reply(msg('loans.request.refused', { by: ctx.person.displayName, item: item.name }), { to: { personId: answer.personId } })];
      }
      const outcome = answer.outcome;
      if (outcome.kind === 'lend') {
        return [reply(msg('loans.request.approvedBy', { name, item: item.name, by: ctx.person.displayName }), { editOriginal: true }),
          { ...lentReply(ctx, item, outcome, name), body: [msg('loans.request.approved', { item: item.name, due: due(outcome.dueAt, ctx) })], to: { personId: answer.personId } }];
      }
      // Lending was refused meanwhile (someone else has it now): the coordinator hears why.
      const why = outcome.kind === 'refuse' ? await checkoutRefusal(ctx, item, outcome, null).catch((err: unknown) => {
        if (err instanceof UserError) return reply(err.reply);
        throw err;
      }) : reply(msg('loans.request.decided'));
      return reply([msg('loans.request.notLent'), ...why.body]);
    },
  },
  {
    prefix: 'loan:ho',
    requires: 'complex',
    scope: loanScope,
    async run(ctx, args) {
      const answer = await answerHandover(ctx.db, id(args[0]), ctx.person.id, args[1] === '1', ctx.now);
      switch (answer.kind) {
        case 'gone': throw new UserError(msg('loans.handover.gone'));
        case 'not_for_you': throw new UserError(msg('loans.handover.notForYou'));
        case 'declined': {
          const [loan] = await ctx.db.select({ itemId: loans.itemId }).from(loans).where(eq(loans.id, id(args[0])));
          const item = await itemById(ctx, loan!.itemId);
          const from = await personName(ctx.db, answer.from);
          return [reply(msg('loans.handover.declinedYou', { item: item.name, from }), { editOriginal: true }),
            reply(msg('loans.handover.declined', { to: ctx.person.displayName, item: item.name }), { to: { personId: answer.from } })];
        }
        case 'accepted': {
          const item = await itemById(ctx, answer.loan.itemId);
          const done = msg('loans.handover.done', { to: ctx.person.displayName, item: item.name, from: await personName(ctx.db, answer.from), due: due(answer.loan.dueAt, ctx) });
          return [reply(done, { editOriginal: true }), reply(done, { to: { personId: answer.from } })];
        }
      }
    },
  },
  ...itemWizardButtons,
];

/** Borrow, reserve and the item card, also as the Yes of one person's question (loan:bm, loan:rvm, loan:itm). */
export const loanButtons: ButtonDef[] = [...itemButtons, ...itemButtons.filter((b) => ['loan:b', 'loan:rv', 'loan:it'].includes(b.prefix)).map(askedBy)];
