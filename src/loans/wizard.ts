import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { pendingActions } from '../db/schema/index.js';
import type { ButtonDef, Ctx, Reply, TextHandler } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { msg, type MessageKey, type Msg } from '../i18n/index.js';
import type { Button } from '../platform.js';
import { createPending } from '../tenancy/pending.js';
import { audit } from '../tenancy/queries.js';
import { saveItem } from './store.js';
import { applyItemAnswer, HOUR_CHOICES, ITEM_STEPS, itemInput, KIND_CHOICES, type ItemAnswer, type ItemWizardState } from './wizard-steps.js';

/**
 * "/item nieuw": the bot asks a coordinator for the item's name, kind, place, loan length and whether
 * lending needs approval, one step at a time with buttons. State lives in pending_actions (30
 * minutes after the last answer); each step is an UPDATE guarded on the step it answers, so a double
 * press cannot answer twice. Typed answers are the coordinator's next message in that chat.
 */

const ACTION = 'loans.wizard';
const TTL_MINUTES = 30;
type Row = typeof pendingActions.$inferSelect & { payload: ItemWizardState };

function chatKey(ctx: Ctx): string {
  return `${ctx.event.chat.platform}:${ctx.event.chat.chatId}`;
}

async function openFlow(db: Db, personId: number, chat: string, now: Date): Promise<Row | null> {
  const [row] = await db.select().from(pendingActions)
    .where(and(eq(pendingActions.action, ACTION), eq(pendingActions.personId, personId), eq(pendingActions.used, false),
      gt(pendingActions.expiresAt, now), sql`${pendingActions.payload}->>'chat' = ${chat}`))
    .orderBy(desc(pendingActions.expiresAt)).limit(1);
  return (row as Row | undefined) ?? null;
}

async function store(db: Db, row: Row, state: ItemWizardState, now: Date, close = false): Promise<boolean> {
  const rows = await db.update(pendingActions).set({ payload: state, expiresAt: new Date(now.getTime() + TTL_MINUTES * 60_000), used: close })
    .where(and(eq(pendingActions.id, row.id), eq(pendingActions.used, false), gt(pendingActions.expiresAt, now),
      sql`${pendingActions.payload}->>'step' = ${row.payload.step}`))
    .returning({ id: pendingActions.id });
  return rows.length > 0;
}

function question(id: string, state: ItemWizardState, error?: Msg): Reply {
  const choice = (value: string, label: Msg): Button => ({ label, action: `loan:wz:${id}:${state.step}:${value}` });
  const cancel = [choice('x', msg('loans.wizard.cancel'))];
  const body: Msg[] = [...(error ? [error] : []), msg('loans.wizard.title', { step: ITEM_STEPS.indexOf(state.step) + 1 })];
  switch (state.step) {
    case 'name': return reply([...body, msg('loans.wizard.askName')], { buttons: [cancel] });
    case 'kind':
      return reply([...body, msg('loans.wizard.askKind', { name: state.name ?? '' })], {
        buttons: [KIND_CHOICES.map((k) => choice(k, msg('loans.wizard.kind', { icon: msg(`loans.kind.${k}` as MessageKey), kind: msg(`loans.kindName.${k}` as MessageKey) }))), cancel],
      });
    case 'location': return reply([...body, msg('loans.wizard.askLocation')], { buttons: [[choice('skip', msg('loans.wizard.skip'))], cancel] });
    case 'hours':
      return reply([...body, msg('loans.wizard.askHours')], {
        buttons: [HOUR_CHOICES.map((h) => choice(String(h), h < 24 ? msg('loans.wizard.hours', { n: h }) : msg('loans.wizard.days', { n: h / 24 }))), cancel],
      });
    case 'approval':
      return reply([...body, msg('loans.wizard.askApproval')], { buttons: [[choice('no', msg('loans.wizard.approvalNo')), choice('yes', msg('loans.wizard.approvalYes'))], cancel] });
    case 'confirm': {
      const input = itemInput(state)!;
      return reply([...body, msg('loans.wizard.preview', {
        icon: msg(`loans.kind.${input.kind}` as MessageKey), name: input.name, location: input.location ?? '—', hours: input.loanHours,
        approval: msg(input.needsApproval ? 'loans.wizard.approvalYes' : 'loans.wizard.approvalNo'),
      })], { buttons: [[choice('save', msg('loans.wizard.save')), choice('x', msg('loans.wizard.cancel'))]] });
    }
  }
}

export async function startItemWizard(ctx: Ctx): Promise<Reply> {
  const chat = chatKey(ctx);
  await ctx.db.update(pendingActions).set({ used: true })
    .where(and(eq(pendingActions.action, ACTION), eq(pendingActions.personId, ctx.person.id), eq(pendingActions.used, false),
      sql`${pendingActions.payload}->>'chat' = ${chat}`));
  const state: ItemWizardState = { chat, step: 'name' };
  const id = await createPending(ctx.db, { action: ACTION, payload: state, complexId: ctx.complex!.id, personId: ctx.person.id, now: ctx.now, ttlMinutes: TTL_MINUTES });
  return question(id, state);
}

async function answer(ctx: Ctx, row: Row, given: ItemAnswer, edit: boolean): Promise<Reply> {
  if (given.kind === 'button' && given.value === 'x') {
    if (!(await store(ctx.db, row, row.payload, ctx.now, true))) throw new UserError(msg('loans.wizard.answered'));
    return reply(msg('loans.ask.cancelled'), { editOriginal: edit });
  }
  if (row.payload.step === 'confirm' && given.kind === 'button' && given.value === 'save') {
    const input = itemInput(row.payload);
    if (!input || !(await store(ctx.db, row, row.payload, ctx.now, true))) throw new UserError(msg('loans.wizard.answered'));
    const { item, created } = await saveItem(ctx.db, ctx.complex!.id, input);
    await audit(ctx.db, { complexId: item.complexId, actorPersonId: ctx.person.id, action: created ? 'loans.item.created' : 'loans.item.updated', at: ctx.now, data: { itemId: item.id } });
    return reply(msg(created ? 'loans.wizard.created' : 'loans.wizard.updated', { name: item.name }), { editOriginal: edit,
      buttons: [[{ label: msg('loans.button.sticker'), action: `loan:st:${item.id}` }]] });
  }
  const result = applyItemAnswer(row.payload, given);
  if (result.state.step !== row.payload.step && !(await store(ctx.db, row, result.state, ctx.now))) throw new UserError(msg('loans.wizard.answered'));
  return { ...question(row.id, result.state, result.error), editOriginal: edit };
}

export const itemWizardButtons: ButtonDef[] = [{
  prefix: 'loan:wz:new',
  requires: 'coordinator',
  run: (ctx) => startItemWizard(ctx),
}, {
  prefix: 'loan:wz',
  requires: 'coordinator',
  async scope(ctx, args) {
    const [row] = await ctx.db.select({ complexId: pendingActions.complexId, action: pendingActions.action }).from(pendingActions).where(eq(pendingActions.id, args[0] ?? ''));
    return row?.action === ACTION ? row.complexId : null;
  },
  async run(ctx, [id = '', step = '', value = '']) {
    const [found] = await ctx.db.select().from(pendingActions).where(eq(pendingActions.id, id));
    const row = found as Row | undefined;
    if (!row || row.expiresAt <= ctx.now) throw new UserError(msg('core.error.buttonExpired'));
    if (row.personId !== ctx.person.id || row.payload.chat !== chatKey(ctx)) throw new UserError(msg('loans.wizard.notYours'));
    if (row.used || row.payload.step !== step) throw new UserError(msg('loans.wizard.answered'));
    return answer(ctx, row, { kind: 'button', value }, true);
  },
}];

/** /annuleer and a typed "stop" (src/tenancy/cancel.ts): closes this person's open item flow in this chat. */
export async function cancelItemWizard(ctx: Ctx): Promise<boolean> {
  const rows = await ctx.db.update(pendingActions).set({ used: true })
    .where(and(eq(pendingActions.action, ACTION), eq(pendingActions.personId, ctx.person.id), eq(pendingActions.used, false),
      gt(pendingActions.expiresAt, ctx.now), sql`${pendingActions.payload}->>'chat' = ${chatKey(ctx)}`))
    .returning({ id: pendingActions.id });
  return rows.length > 0;
}

/** The coordinator's next plain message in the chat of an open flow is its answer (before any other text handler). */
export const itemWizardText: TextHandler = async (ctx, text) => {
  const row = await openFlow(ctx.db, ctx.person.id, chatKey(ctx), ctx.now);
  if (!row || row.payload.step === 'confirm' || row.payload.step === 'kind' || row.payload.step === 'approval') return null;
  return answer(ctx, row, { kind: 'typed', text: text.replace(/^(@\w+\s+)+/, '') }, false);
};
