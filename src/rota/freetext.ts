import type { Ctx, Reply, TextHandler } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { msg } from '../i18n/index.js';
import type { Button } from '../platform.js';
import { whichReply } from './claim.js';
import { ensureRota } from './common.js';
import { claimButtons, dayMsg, occMsg, openSlots, rotaLine } from './format.js';
import { listOccurrences, listTasks, type OccurrenceView } from './queries.js';
import { checkRange, dateSuffix, taskList, heldOccurrences, openOccurrences, type Target } from './resolve.js';
import { contributionReply } from './fairshare.js';
import { parseRotaText, type IntentKind, type RotaIntent } from './text-parse.js';
import { myTasksReply } from './view.js';
import { horizonEnd, type TaskRow } from './generate.js';
import { addDays, localDate, startOfLocalDay } from '../time/zone.js';
import { questionAction } from './question.js';
import { absenceQuestion } from './absence.js';

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

/** No open turn on the asked date: the nearest open turns of the task, as buttons, instead of a dead end. */
async function nearest(ctx: Ctx, target: Target): Promise<Reply | null> {
  if (!target.range) return null;
  const all = await openOccurrences(ctx, { ...target, range: null });
  if (all.length === 0) return null;
  const asked = startOfLocalDay(target.range.from, target.tz).getTime();
  const close = [...all].sort((a, b) => Math.abs(a.dueAt.getTime() - asked) - Math.abs(b.dueAt.getTime() - asked)).slice(0, 3)
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return reply(msg('rota.text.nearest', { task: target.tasks.map((t) => t.name).join(' / '), date: dayMsg(target.range.from) }), {
    buttons: [...close.map((o) => [{ label: occMsg(o, target.tz), action: questionAction('c', o.id) }]), [{ label: msg('rota.button.no'), action: 'rota:no' }]],
  });
}

async function answer(ctx: Ctx, intent: Extract<RotaIntent, { kind: IntentKind }>, target: Target): Promise<Reply | null> {
  const tz = target.tz;
  if (intent.kind === 'claim') {
    const occs = await openOccurrences(ctx, target);
    if (occs.length === 0) {
      const other = await nearest(ctx, target);
      if (other) return other;
      throw noneFound(target);
    }
    const one = single(occs, target);
    if (one) return confirm(msg('rota.ask.confirmClaim', { occ: occMsg(one, tz) }), { label: msg('rota.button.yesClaim'), action: questionAction('c', one.id), style: 'primary' });
    return whichReply(occs, tz, (o) => questionAction('c', o.id));
  }
  let held = await heldOccurrences(ctx, target, ctx.person.id, intent.kind === 'done');
  if (intent.kind === 'done' && held.length === 0 && target.range) {
    // "Gisteren de containers buiten gezet" for Monday's turn on Tuesday: your latest turn in the week before.
    const week = await heldOccurrences(ctx, { ...target, range: { from: addDays(target.range.from, -6), to: target.range.to } }, ctx.person.id, true);
    held = week.slice(-1);
  }
  let mine = held.filter((o) => o.status === 'open');
  if (intent.kind === 'done') {
    // Done only from the turn's day on; a coordinator may report earlier through /gedaan.
    const today = localDate(ctx.now, tz);
    const due = mine.filter((o) => localDate(o.dueAt, tz) <= today);
    if (due.length === 0 && mine.length > 0) throw new UserError(msg('rota.error.doneTooEarly', { occ: occMsg(mine[0]!, tz) }));
    mine = due;
  }
  if (intent.kind === 'giveaway' && mine.length === 0) {
    // "Iemand zin om zaterdag mee te helpen in de tuin?" in the group is for the neighbours, not the bot.
    if (ctx.event.kind === 'text' && !ctx.event.addressedToBot) return null;
    // Asking the bot about a turn that is not yours: show it with a claim button.
    const occs = await openOccurrences(ctx, target);
    if (occs.length === 0) throw noneFound(target);
    const one = single(occs, target) ?? occs[0]!;
    return reply(msg('rota.ask.openCall', { occ: occMsg(one, tz) }), { buttons: [[{ label: msg('rota.button.takeOver'), action: questionAction('c', one.id), style: 'primary' }]] });
  }
  // In the group, news about a turn that is not yours ("trap B is net gedweild") is for the neighbours.
  if (mine.length === 0 && ctx.event.kind === 'text' && !ctx.event.addressedToBot) return null;
  if (mine.length === 0) throw new UserError(msg('rota.error.notHeld', { task: target.tasks[0]!.name, date: dateSuffix(target.range) }));
  const one = single(mine, target);
  const verb = intent.kind === 'release' ? 'r' : intent.kind === 'giveaway' ? 'g' : intent.kind === 'swap' ? 's' : 'd';
  const minutesArg = intent.kind === 'done' && intent.minutes ? [intent.minutes] : [];
  if (!one) return whichReply(mine, tz, (o) => questionAction(verb, (o as typeof mine[number]).claimId, ...minutesArg));
  const action = questionAction(verb, one.claimId, ...minutesArg);
  const occ = occMsg(one, tz);
  if (intent.kind === 'release') return confirm(msg('rota.ask.confirmRelease', { occ }), { label: msg('rota.button.yes'), action });
  if (intent.kind === 'giveaway') return confirm(msg('rota.ask.confirmGiveaway', { occ }), { label: msg('rota.button.yes'), action });
  if (intent.kind === 'swap') return confirm(msg('rota.ask.confirmSwap', { occ }), { label: msg('rota.button.yes'), action });
  const minutes = intent.minutes ? msg('rota.ask.minutes', { minutes: intent.minutes }) : '';
  return confirm(msg('rota.ask.confirmDone', { occ, minutes }), { label: msg('rota.button.yes'), action, style: 'primary' });
}

/** "Kan iemand mijn beurt overnemen": about one's own turns of any task; none is a plain answer, not a task list. */
async function ownTurnReply(ctx: Ctx, intent: Extract<RotaIntent, { kind: IntentKind }>, target: Target): Promise<Reply | null> {
  const held = (await heldOccurrences(ctx, target, ctx.person.id, intent.kind === 'done')).filter((o) => o.status === 'open');
  if (held.length === 0) throw new UserError(msg('rota.mine.none'));
  const tasks = target.tasks.filter((t) => held.some((o) => o.taskId === t.id));
  return answer(ctx, intent, { ...target, tasks });
}

/** A question about the rota: your own turns, a task's coming turns, or what is open. */
async function askReply(ctx: Ctx, intent: Extract<RotaIntent, { kind: 'ask' }>, tasks: TaskRow[]): Promise<Reply> {
  const tz = ctx.complex!.timezone;
  if (intent.mine && intent.tasks.length === 0) return myTasksReply(ctx);
  const target: Target = { tasks: intent.tasks.length ? intent.tasks.map((m) => tasks.find((t) => t.id === m.taskId)!) : tasks, range: intent.range, tz };
  checkRange(target.range, ctx.now, tz);
  const from = target.range ? new Date(Math.max(ctx.now.getTime(), startOfLocalDay(target.range.from, tz).getTime() - 1)) : ctx.now;
  const to = target.range ? startOfLocalDay(addDays(target.range.to, 1), tz) : horizonEnd(ctx.now, 2);
  const occs = (await listOccurrences(ctx.db, ctx.complex!.id, from, to, target.tasks.map((t) => t.id))).filter((o) => o.dueAt > ctx.now);
  if (intent.tasks.length === 0) {
    const open = occs.filter((o) => openSlots(o) > 0);
    if (open.length === 0) return reply(msg('rota.text.noneOpenAtAll'));
    return reply([msg('rota.text.openTitle'), ...open.slice(0, 8).map((o) => rotaLine(o, tz))], { buttons: claimButtons(open, tz, 4) });
  }
  // Nothing of that task in the asked days ("wie doet de vuilnis deze week?"): its coming turns, with their dates.
  if (occs.length === 0 && target.range) return askReply(ctx, { ...intent, range: null }, tasks);
  if (occs.length === 0) throw noneFound(target);
  return reply([msg('rota.text.taskTitle', { task: target.tasks.map((t) => t.name).join(' / ') }), ...occs.slice(0, 6).map((o) => rotaLine(o, tz))],
    { buttons: claimButtons(occs.slice(0, 6), tz, 4) });
}

export const rotaTextHandler: TextHandler = async (ctx, text) => {
  if (!ctx.complex || !ctx.role || ctx.event.kind !== 'text') return null;
  const addressed = ctx.event.addressedToBot;
  const tz = ctx.complex.timezone;
  const tasks = await listTasks(ctx.db, ctx.complex.id);
  if (tasks.length === 0) return null;
  const intent = parseRotaText(text, tasks, ctx.now, tz, { addressed });
  if (intent.kind === 'none') return null;
  // A rota action without a task we know: name the tasks. Other vague text goes to the general answer.
  if (intent.kind === 'unclear') return intent.tasks.length === 0 ? reply(msg('rota.text.noTaskMatch', { tasks: taskList(tasks) })) : null;
  if (intent.kind === 'badDate') throw new UserError(intent.problem);
  if (intent.kind === 'contribution') return contributionReply(ctx);
  if (intent.kind === 'away') return absenceQuestion(ctx, intent.range);
  await ensureRota(ctx);
  if (intent.kind === 'ask') return askReply(ctx, intent, tasks);
  if (intent.tasks.length === 0) return ownTurnReply(ctx, intent, { tasks, range: intent.range, tz });
  const target: Target = { tasks: intent.tasks.map((m) => tasks.find((t) => t.id === m.taskId)!), range: intent.range, tz };
  return answer(ctx, intent, target);
};
