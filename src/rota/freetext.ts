import type { Ctx, Reply, TextHandler } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { msg } from '../i18n/index.js';
import type { Button } from '../platform.js';
import { whichReply } from './claim.js';
import { ensureRota } from './common.js';
import { dayMsg, occMsg } from './format.js';
import { listTasks, type OccurrenceView } from './queries.js';
import { dateSuffix, heldOccurrences, openOccurrences, taskList, type Target } from './resolve.js';
import { parseRotaText, type RotaIntent } from './text-parse.js';
import { questionAction } from './question.js';

/**
 * Free text about the rota. The bot never commits on a guess: it shows the turn it understood with
 * Yes/No buttons (the Yes button is the very action a rota button would do), offers up to four
 * candidates when unsure, says what it can do when it cannot place the request, and stays silent
 * for text that is not about the rota.
 */

function confirm(body: ReturnType<typeof msg>, yes: Button): Reply {
  return reply(body, { buttons: [[yes, { label: msg('rota.button.no'), action: 'rota:no' }]] });
}

function noneFound(target: Target): UserError {
  const task = target.tasks.map((t) => t.name).join(' / ');
  return new UserError(target.range
    ? msg('rota.error.noneOnDate', { task, date: dayMsg(target.range.from) })
    : msg('rota.error.noneOpen', { task }));
}

/** One candidate, or none without a date (the next one is meant); else "which one?". */
function single<T extends OccurrenceView>(occs: T[], target: Target): T | null {
  if (occs.length === 1) return occs[0]!;
  if (!target.range && target.tasks.length === 1) return occs[0] ?? null;
  return null;
}

async function answer(ctx: Ctx, intent: Extract<RotaIntent, { range: unknown }>, target: Target): Promise<Reply> {
  const tz = target.tz;
  if (intent.kind === 'claim') {
    const occs = await openOccurrences(ctx, target);
    if (occs.length === 0) throw noneFound(target);
    const one = single(occs, target);
    if (one) return confirm(msg('rota.ask.confirmClaim', { occ: occMsg(one, tz) }), { label: msg('rota.button.yesClaim'), action: questionAction('c', one.id), style: 'primary' });
    return whichReply(occs, tz, (o) => questionAction('c', o.id));
  }
  const held = await heldOccurrences(ctx, target, ctx.person.id, intent.kind === 'done');
  const mine = held.filter((o) => o.status === 'open');
  if (intent.kind === 'giveaway' && mine.length === 0) {
    // Asking the group about a turn that is not yours: show it with a claim button.
    const occs = await openOccurrences(ctx, target);
    if (occs.length === 0) throw noneFound(target);
    const one = single(occs, target) ?? occs[0]!;
    return reply(msg('rota.ask.openCall', { occ: occMsg(one, tz) }), { buttons: [[{ label: msg('rota.button.takeOver'), action: questionAction('c', one.id), style: 'primary' }]] });
  }
  if (mine.length === 0) throw new UserError(msg('rota.error.notHeld', { task: target.tasks[0]!.name, date: dateSuffix(target.range) }));
  const one = single(mine, target);
  const verb = intent.kind === 'release' ? 'r' : intent.kind === 'giveaway' ? 'g' : 'd';
  const minutesArg = intent.kind === 'done' && intent.minutes ? [intent.minutes] : [];
  if (!one) return whichReply(mine, tz, (o) => questionAction(verb, (o as typeof mine[number]).claimId, ...minutesArg));
  const action = questionAction(verb, one.claimId, ...minutesArg);
  const occ = occMsg(one, tz);
  if (intent.kind === 'release') return confirm(msg('rota.ask.confirmRelease', { occ }), { label: msg('rota.button.yes'), action });
  if (intent.kind === 'giveaway') return confirm(msg('rota.ask.confirmGiveaway', { occ }), { label: msg('rota.button.yes'), action });
  const minutes = intent.minutes ? msg('rota.ask.minutes', { minutes: intent.minutes }) : '';
  return confirm(msg('rota.ask.confirmDone', { occ, minutes }), { label: msg('rota.button.yes'), action, style: 'primary' });
}

export const rotaTextHandler: TextHandler = async (ctx, text) => {
  if (!ctx.complex || !ctx.role || ctx.event.kind !== 'text') return null;
  const addressed = ctx.event.addressedToBot;
  const tz = ctx.complex.timezone;
  const tasks = await listTasks(ctx.db, ctx.complex.id);
  if (tasks.length === 0) return null;
  const intent = parseRotaText(text, tasks, ctx.now, tz, { addressed });
  if (intent.kind === 'none') return null;
  if (intent.kind === 'unclear') {
    return reply(intent.tasks.length === 0 ? msg('rota.text.noTaskMatch', { tasks: taskList(tasks) }) : msg('rota.text.whatICanDo'));
  }
  await ensureRota(ctx);
  const target: Target = { tasks: intent.tasks.map((m) => tasks.find((t) => t.id === m.taskId)!), range: intent.range, tz };
  return answer(ctx, intent, target);
};
