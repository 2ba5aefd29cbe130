import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { pendingActions } from '../db/schema/index.js';
import type { ButtonDef, Ctx, Reply, TextHandler } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { msg, type Msg } from '../i18n/index.js';
import type { Button } from '../platform.js';
import { audit } from '../tenancy/queries.js';
import { createPending } from '../tenancy/pending.js';
import { complexOf } from './common.js';
import { findTaskByName } from './queries.js';
import { describeTask } from './describe-rule.js';
import { saveTask } from './tasks-store.js';
import { applyAnswer, COUNT_CHOICES, RULE_CHOICES, STEPS, taskInput, TIME_CHOICES, type Answer, type WizardState } from './wizard-steps.js';

/**
 * "/taak nieuw" without arguments: the bot asks name, recurrence, time, people and points one at a
 * time, each with buttons for common answers; typed answers are the coordinator's next plain
 * message in that chat. The state lives in pending_actions (one row per flow, 30 minutes after the
 * last answer), so it survives restarts and works across instances; every step is an UPDATE
 * guarded on the step it answers, so a double press or a second instance cannot answer twice.
 */

const ACTION = 'rota.wizard';
const TTL_MINUTES = 30;
/** After this long an expired flow is dropped silently instead of saying it expired. */
const EXPIRED_NOTICE_HOURS = 12;

type WizardRow = typeof pendingActions.$inferSelect & { payload: WizardState };

function chatKey(ctx: Ctx): string {
  return `${ctx.event.chat.platform}:${ctx.event.chat.chatId}`;
}

function expiry(now: Date): Date {
  return new Date(now.getTime() + TTL_MINUTES * 60_000);
}

/** The person's latest unfinished flow in this chat, expired or not. */
async function latestWizard(db: Db, personId: number, chat: string): Promise<WizardRow | null> {
  const [row] = await db.select().from(pendingActions)
    .where(and(eq(pendingActions.action, ACTION), eq(pendingActions.personId, personId), eq(pendingActions.used, false),
      sql`${pendingActions.payload}->>'chat' = ${chat}`))
    .orderBy(desc(pendingActions.expiresAt)).limit(1);
  return (row as WizardRow | undefined) ?? null;
}

async function close(db: Db, id: string): Promise<boolean> {
  const rows = await db.update(pendingActions).set({ used: true })
    .where(and(eq(pendingActions.id, id), eq(pendingActions.used, false))).returning({ id: pendingActions.id });
  return rows.length > 0;
}

/** Moves the flow on, only if it is still open, unexpired and at the step that was answered. */
async function store(db: Db, row: WizardRow, state: WizardState, now: Date): Promise<boolean> {
  const rows = await db.update(pendingActions).set({ payload: state, expiresAt: expiry(now) })
    .where(and(eq(pendingActions.id, row.id), eq(pendingActions.used, false), gt(pendingActions.expiresAt, now),
      sql`${pendingActions.payload}->>'step' = ${row.payload.step}`))
    .returning({ id: pendingActions.id });
  return rows.length > 0;
}

function choice(id: string, state: WizardState, value: string, label: Msg): Button {
  return { label, action: `rota:wz:${id}:${state.step}:${value}` };
}

/** The message for the state's step: the question, its buttons and a Cancel button. */
async function question(ctx: Ctx, id: string, state: WizardState, error?: Msg): Promise<Reply> {
  const body: Msg[] = [...(error ? [error] : []), msg('rota.wizard.title', { step: STEPS.indexOf(state.step) + 1 })];
  const cancel = [choice(id, state, 'x', msg('rota.wizard.button.cancel'))];
  const value = (v: string | number): Msg => msg('rota.wizard.button.value', { value: v });
  const other = choice(id, state, 'other', msg('rota.wizard.button.other'));
  switch (state.step) {
    case 'name':
      return reply([...body, msg('rota.wizard.askName')], { buttons: [cancel] });
    case 'rule':
      if (state.typing) return reply([...body, msg('rota.wizard.askRuleTyped')], { buttons: [cancel] });
      return reply([...body, msg('rota.wizard.askRule', { name: state.name ?? '' })], {
        buttons: [...Object.keys(RULE_CHOICES).map((k) => [choice(id, state, k, msg(`rota.wizard.button.${k as keyof typeof RULE_CHOICES}`))]), [other], cancel],
      });
    case 'time':
      if (state.typing) return reply([...body, msg('rota.wizard.askTimeTyped')], { buttons: [cancel] });
      return reply([...body, msg('rota.wizard.askTime')], {
        buttons: [TIME_CHOICES.map((t) => choice(id, state, t.replace(':', ''), value(t))), [other], cancel],
      });
    case 'people':
    case 'points':
      return reply([...body, msg(state.step === 'people' ? 'rota.wizard.askPeople' : 'rota.wizard.askPoints')], {
        buttons: [COUNT_CHOICES.map((n) => choice(id, state, String(n), value(n))), cancel],
      });
    case 'confirm': {
      const input = taskInput(state);
      if (!input) throw new Error('wizard at confirm without a complete task');
      const existing = await findTaskByName(ctx.db, complexOf(ctx).id, input.name);
      return reply([...body, describeTask(input), msg(existing ? 'rota.wizard.confirmExisting' : 'rota.wizard.confirm', { name: input.name })], {
        buttons: [[choice(id, state, 'save', msg('rota.button.save')), choice(id, state, 'x', msg('rota.button.cancel'))]],
      });
    }
  }
}

/**
 * Starts a flow for the coordinator in this chat (an earlier unfinished one here is dropped), at its
 * first question, or at the preview when a form gave every answer at once (wizard-form.ts).
 */
export async function startWizard(ctx: Ctx, answers?: Omit<WizardState, 'chat' | 'step' | 'typing'>): Promise<Reply> {
  const chat = chatKey(ctx);
  await ctx.db.update(pendingActions).set({ used: true })
    .where(and(eq(pendingActions.action, ACTION), eq(pendingActions.personId, ctx.person.id), eq(pendingActions.used, false),
      sql`${pendingActions.payload}->>'chat' = ${chat}`));
  const state: WizardState = answers ? { chat, step: 'confirm', ...answers } : { chat, step: 'name' };
  const id = await createPending(ctx.db, { action: ACTION, payload: state, complexId: complexOf(ctx).id, personId: ctx.person.id, now: ctx.now, ttlMinutes: TTL_MINUTES });
  return question(ctx, id, state);
}

async function save(ctx: Ctx, row: WizardRow): Promise<Reply> {
  const input = taskInput(row.payload);
  if (!input) throw new UserError(msg('core.error.buttonExpired'));
  const result = await ctx.db.transaction(async (tx) => {
    if (!(await close(tx, row.id))) return null;
    return saveTask(tx, complexOf(ctx).id, input, ctx.now);
  });
  if (!result) throw new UserError(msg('rota.wizard.answered'));
  const { task, created } = result;
  await audit(ctx.db, { complexId: task.complexId, actorPersonId: ctx.person.id, action: created ? 'rota.task.created' : 'rota.task.updated', at: ctx.now, data: { taskId: task.id, via: 'wizard' } });
  return reply(msg(created ? 'rota.task.created' : 'rota.task.updated', { task: task.name }), { editOriginal: true });
}

/** One answer (pressed or typed) to an open flow: the next question, the same one with an error, or the end. */
async function answer(ctx: Ctx, row: WizardRow, given: Answer, edit: boolean): Promise<Reply> {
  if (given.kind === 'button' && given.value === 'x') {
    if (!(await close(ctx.db, row.id))) throw new UserError(msg('rota.wizard.answered'));
    return reply(msg('rota.wizard.cancelled'), { editOriginal: edit });
  }
  if (row.payload.step === 'confirm' && given.kind === 'button' && given.value === 'save') return save(ctx, row);
  const result = applyAnswer(row.payload, given);
  if (!(await store(ctx.db, row, result.state, ctx.now))) throw new UserError(msg('rota.wizard.answered'));
  const next = await question(ctx, row.id, result.state, 'error' in result ? result.error : undefined);
  return { ...next, editOriginal: edit };
}

export const wizardButtons: ButtonDef[] = [{
  prefix: 'rota:wz',
  requires: 'coordinator',
  async scope(ctx, args) {
    const [row] = await ctx.db.select({ complexId: pendingActions.complexId, action: pendingActions.action })
      .from(pendingActions).where(eq(pendingActions.id, args[0] ?? ''));
    return row?.action === ACTION ? row.complexId : null;
  },
  async run(ctx, [id = '', step = '', value = '']) {
    const [found] = await ctx.db.select().from(pendingActions).where(eq(pendingActions.id, id));
    const row = found as WizardRow | undefined;
    if (!row) throw new UserError(msg('core.error.buttonExpired'));
    if (row.personId !== ctx.person.id || row.payload.chat !== chatKey(ctx)) throw new UserError(msg('rota.wizard.notYours'));
    if (row.used || row.payload.step !== step) throw new UserError(msg('rota.wizard.answered'));
    if (row.expiresAt <= ctx.now) {
      await close(ctx.db, row.id);
      return reply(msg('rota.wizard.expired'), { editOriginal: true });
    }
    return answer(ctx, row, { kind: 'button', value }, true);
  },
}];

/**
 * The coordinator's next plain message in the chat of their open flow is its answer. Runs before
 * the rota's own free-text parser and only for the person whose flow it is: everyone else's
 * messages pass untouched. At the preview step text passes too (the buttons decide).
 */
export const wizardTextHandler: TextHandler = async (ctx, text) => {
  const row = await latestWizard(ctx.db, ctx.person.id, chatKey(ctx));
  if (!row) return null;
  if (row.expiresAt <= ctx.now) {
    await close(ctx.db, row.id);
    const recent = ctx.now.getTime() - row.expiresAt.getTime() < EXPIRED_NOTICE_HOURS * 3_600_000;
    return recent ? reply(msg('rota.wizard.expired')) : null;
  }
  if (row.payload.step === 'confirm') return null;
  // "@bot Tuin harken" (how a group reaches a bot in Telegram's privacy mode): the mention is not the answer.
  return answer(ctx, row, { kind: 'typed', text: text.replace(/^(@\w+\s+)+/, '') }, false);
};

/** /annuleer and a typed "stop" (src/tenancy/cancel.ts): closes this person's open wizard in this chat. */
export async function cancelWizard(ctx: Ctx): Promise<boolean> {
  const row = await latestWizard(ctx.db, ctx.person.id, chatKey(ctx));
  return Boolean(row && row.expiresAt > ctx.now && (await close(ctx.db, row.id)));
}
