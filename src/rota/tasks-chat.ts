import { eq } from 'drizzle-orm';
import { pendingActions } from '../db/schema/index.js';
import type { ButtonDef, CommandDef, Ctx, Reply, TextHandler } from '../handler.js';
import { canAskForm, reply, saidToBotByMember, UserError } from '../handler.js';
import { msg } from '../i18n/index.js';
import { audit } from '../tenancy/queries.js';
import { consumePending, createPending, getPending } from '../tenancy/pending.js';
import { argId, complexOf, taskScope } from './common.js';
import type { TaskRow } from './generate.js';
import { normalise } from './match.js';
import { findTaskByName, listTasks } from './queries.js';
import { toRRule } from './recurrence.js';
import { describeTask } from './describe-rule.js';
import { startWizard } from './wizard.js';
import { askTaskForm } from './wizard-form.js';
import { saveTask, setPaused, type TaskInput } from './tasks-store.js';

/**
 * Tasks in chat. Coordinators write one line ("/taak nieuw Trap vegen, elke zaterdag, om 10:00,
 * 30 min, 1 persoon, 2 punten, gebied Trappenhuis A"), see what the bot understood and press Save;
 * pause and resume are buttons under the task list. The beheerplan file is the other way in.
 */

const SUB = {
  create: /^(nieuw|new|add|toevoegen)\b/i, edit: /^(wijzig|edit|change|aanpassen)\b/i,
  pause: /^(pauzeer|pause)\b/i, resume: /^(hervat|resume)\b/i,
};

export function parseTaskLine(line: string, base?: TaskInput): TaskInput {
  const parts = line.split(/[,;]/).map((p) => p.trim()).filter(Boolean);
  const name = parts.shift();
  if (!name) throw new UserError(msg('rota.task.usage'));
  const input: TaskInput = base ? { ...base } : { name, recurrence: '', time: '10:00', durationMinutes: 60, people: 1, points: 1, paused: false };
  input.name = base ? base.name : name.slice(0, 100);
  let m: RegExpExecArray | null;
  for (let part of parts) {
    const at = /\b(?:om|at)\s+(\d{1,2})[:.](\d{2})\b/i.exec(part);
    if (at) {
      input.time = clock(at[1]!, at[2]!);
      part = part.replace(at[0], '').trim();
      if (!part) continue;
    }
    if ((m = /^(\d{1,2})[:.](\d{2})$/.exec(part))) input.time = clock(m[1]!, m[2]!);
    else if ((m = /^(\d{1,4})\s*(min|mins|minuten|minutes)$/i.exec(part))) input.durationMinutes = bounded(Number(m[1]), 1, 1440);
    else if ((m = /^(\d{1,2}(?:[.,]\d)?)\s*(uur|u|hours?|h)$/i.exec(part))) input.durationMinutes = bounded(Math.round(Number(m[1]!.replace(',', '.')) * 60), 1, 1440);
    else if ((m = /^(\d{1,2})\s*(personen|persoon|mensen|people|persons?)$/i.exec(part))) input.people = bounded(Number(m[1]), 1, 20);
    else if ((m = /^(\d{1,3})\s*(punten|punt|points?)$/i.exec(part))) input.points = bounded(Number(m[1]), 0, 100);
    else if ((m = /^(gebied|area)\s*:?\s*(.+)$/i.exec(part))) input.area = m[2]!.slice(0, 100);
    else if ((m = /^(omschrijving|beschrijving|description)\s*:?\s*(.+)$/i.exec(part))) input.description = m[2]!.slice(0, 2000);
    else if ((m = /^(?:auto|automatisch)\s*(\d{1,4})\s*(uur|u|hours?|h)?(?:\s+(?:vooraf|before))?$/i.exec(part))) input.autoAssignHoursBefore = bounded(Number(m[1]), 1, 24 * 60);
    else if (/^(geen auto|no auto)$/i.test(part)) input.autoAssignHoursBefore = null;
    else input.recurrence = part.slice(0, 300);
  }
  if (!input.recurrence) throw new UserError(msg('rota.task.needRecurrence', { task: input.name }));
  if (!toRRule(input.recurrence)) throw new UserError(msg('rota.error.badRecurrence', { task: input.name, text: input.recurrence }));
  return input;
}

function clock(h: string, m: string): string {
  const hh = Number(h);
  const mm = Number(m);
  if (hh > 23 || mm > 59) throw new UserError(msg('rota.task.badTime'));
  return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
}

function bounded(n: number, min: number, max: number): number {
  if (!Number.isFinite(n) || n < min || n > max) throw new UserError(msg('rota.task.outOfRange', { min, max }));
  return n;
}

async function preview(ctx: Ctx, input: TaskInput, existing: TaskRow | null): Promise<Reply> {
  const id = await createPending(ctx.db, { action: 'rota.task.save', payload: input, complexId: complexOf(ctx).id, personId: ctx.person.id, now: ctx.now });
  return reply([msg(existing ? 'rota.task.previewEdit' : 'rota.task.previewNew'), describeTask(input)], {
    buttons: [[{ label: msg('rota.button.save'), action: `rota:ts:${id}`, style: 'primary' }, { label: msg('rota.button.cancel'), action: 'rota:no' }]],
  });
}

async function listReply(ctx: Ctx): Promise<Reply> {
  const tasks = await listTasks(ctx.db, complexOf(ctx).id, { includePaused: true });
  const coordinator = ctx.role === 'coordinator';
  if (tasks.length === 0) return reply(msg(coordinator ? 'rota.task.noneCoordinator' : 'rota.error.noTasks'));
  return reply([msg('rota.task.title'), ...tasks.map(describeTask), ...(coordinator ? [msg('rota.task.hint')] : [])], {
    buttons: coordinator ? tasks.slice(0, 10).map((t) => [{
      label: msg(t.paused ? 'rota.button.resume' : 'rota.button.pause', { task: t.name }), action: `rota:tp:${t.id}:${t.paused ? 'r' : 'p'}`,
    }]) : [],
  });
}

async function pauseReply(ctx: Ctx, task: TaskRow, paused: boolean): Promise<Reply> {
  await setPaused(ctx.db, task.id, paused, ctx.now);
  await audit(ctx.db, { complexId: task.complexId, actorPersonId: ctx.person.id, action: paused ? 'rota.task.paused' : 'rota.task.resumed', at: ctx.now, data: { taskId: task.id } });
  return reply(msg(paused ? 'rota.task.paused' : 'rota.task.resumed', { task: task.name }));
}

async function namedTask(ctx: Ctx, name: string): Promise<TaskRow> {
  const task = await findTaskByName(ctx.db, complexOf(ctx).id, name);
  if (!task) throw new UserError(msg('rota.error.unknownTask', { text: name.slice(0, 60), tasks: (await listTasks(ctx.db, complexOf(ctx).id, { includePaused: true })).map((t) => t.name).join(', ') }));
  return task;
}

/** "Maak een nieuwe taak", "add a task" to the bot: a coordinator gets the guided flow, a resident hears who adds tasks. */
const NEW_TASK = /\b(nieuwe taak|taak (toevoegen|aanmaken|maken|erbij zetten)|new task|add a task|create a task)\b/;

export const newTaskTextHandler: TextHandler = async (ctx, text) => {
  if (!saidToBotByMember(ctx) || !NEW_TASK.test(normalise(text))) return null;
  if (ctx.role !== 'coordinator') return reply(msg('rota.task.newByCoordinator'));
  return canAskForm(ctx) ? askTaskForm() : startWizard(ctx);
};

export const taskCommands: CommandDef[] = [{
  names: { nl: ['taak', 'taken'], en: ['task', 'tasks'] },
  help: 'rota.help.task',
  requires: 'complex',
  async run(ctx, args) {
    const text = args.trim();
    if (!text) return listReply(ctx);
    if (ctx.role !== 'coordinator') throw new UserError(msg('core.error.coordinatorOnly'));
    const rest = text.replace(/^\S+\s*/, '');
    if (SUB.create.test(text)) {
      // Without the one line: one form where the platform has forms, else the guided flow step by step.
      if (!rest) return canAskForm(ctx) ? askTaskForm() : startWizard(ctx);
      const input = parseTaskLine(rest);
      return preview(ctx, input, await findTaskByName(ctx.db, complexOf(ctx).id, input.name));
    }
    if (SUB.edit.test(text)) {
      const task = await namedTask(ctx, rest.split(/[,;]/)[0] ?? '');
      const base: TaskInput = { name: task.name, area: task.area, description: task.description, recurrence: task.recurrence, time: task.timeOfDay,
        durationMinutes: task.durationMinutes, people: task.people, points: task.points, autoAssignHoursBefore: task.autoAssignHoursBefore, paused: task.paused };
      return preview(ctx, parseTaskLine(rest, base), task);
    }
    if (SUB.pause.test(text)) return pauseReply(ctx, await namedTask(ctx, rest), true);
    if (SUB.resume.test(text)) return pauseReply(ctx, await namedTask(ctx, rest), false);
    return reply(msg('rota.task.usage'));
  },
}];

export const taskButtons: ButtonDef[] = [{
  prefix: 'rota:tp',
  requires: 'coordinator',
  scope: taskScope,
  async run(ctx, args) {
    const task = (await listTasks(ctx.db, complexOf(ctx).id, { includePaused: true })).find((t) => t.id === argId(args[0]));
    if (!task) throw new UserError(msg('rota.error.gone'));
    return pauseReply(ctx, task, args[1] === 'p');
  },
}, {
  prefix: 'rota:ts',
  requires: 'coordinator',
  async scope(ctx, args) {
    const [row] = await ctx.db.select({ complexId: pendingActions.complexId }).from(pendingActions).where(eq(pendingActions.id, args[0] ?? ''));
    return row?.complexId ?? null;
  },
  async run(ctx, args) {
    const pending = await getPending(ctx.db, args[0] ?? '', ctx.now);
    if (!pending || pending.action !== 'rota.task.save' || !(await consumePending(ctx.db, pending.id))) throw new UserError(msg('core.error.buttonExpired'));
    const { task, created } = await saveTask(ctx.db, complexOf(ctx).id, pending.payload as TaskInput, ctx.now);
    await audit(ctx.db, { complexId: task.complexId, actorPersonId: ctx.person.id, action: created ? 'rota.task.created' : 'rota.task.updated', at: ctx.now, data: { taskId: task.id } });
    return reply(msg(created ? 'rota.task.created' : 'rota.task.updated', { task: task.name }), { editOriginal: true });
  },
}];
