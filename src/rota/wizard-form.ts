import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { pendingActions } from '../db/schema/index.js';
import { reply, UserError, type ButtonDef, type Ctx, type FormDef, type Reply } from '../handler.js';
import { msg, type Msg } from '../i18n/index.js';
import type { FormField, FormRequest } from '../platform.js';
import { createPending, getPending } from '../tenancy/pending.js';
import { complexOf } from './common.js';
import { startWizard } from './wizard.js';
import { applyAnswer, type Step, type WizardState } from './wizard-steps.js';

/**
 * "/taak nieuw" where the platform has forms (a Discord modal): the wizard's five questions in one
 * form. Each answer is checked by the same step rules as a typed answer in the stepwise flow; a form
 * that passes goes straight to the wizard's preview (Save / Cancel), one that does not is answered
 * with what is wrong and a button that opens the form again, filled in as it was.
 */

const FIELDS = ['name', 'rule', 'time', 'people', 'points'] as const;
type Field = typeof FIELDS[number];
const STEP: Record<Field, Step> = { name: 'name', rule: 'rule', time: 'time', people: 'people', points: 'points' };
const AGAIN = 'rota.wizard.form';
const AGAIN_TTL_MINUTES = 30;

/**
 * What a form submit may carry: text per field, none longer than a Discord text input allows. A field
 * missing or not text counts as empty, so its step rule answers with what it expects.
 */
const text = z.string().max(4000).catch('');
const submitted = z.object({ name: text, rule: text, time: text, people: text, points: text });
type Values = z.infer<typeof submitted>;

export function taskForm(values: Partial<Values> = {}): FormRequest {
  const field = (id: Field, label: Msg, maxLength: number, placeholder?: Msg): FormField => ({
    id, label, style: 'short', required: true, maxLength, ...(placeholder ? { placeholder } : {}), ...(values[id] ? { value: values[id] } : {}),
  });
  return {
    title: msg('rota.wizard.form.title'), action: 'rota:wzf',
    fields: [
      field('name', msg('rota.wizard.form.name'), 100, msg('rota.wizard.form.namePlaceholder')),
      field('rule', msg('rota.wizard.form.rule'), 300, msg('rota.wizard.form.rulePlaceholder')),
      field('time', msg('rota.wizard.form.time'), 10, msg('rota.wizard.button.value', { value: '10:00' })),
      field('people', msg('rota.wizard.form.people'), 3, msg('rota.wizard.button.value', { value: 1 })),
      field('points', msg('rota.wizard.form.points'), 3, msg('rota.wizard.button.value', { value: 1 })),
    ],
  };
}

export function askTaskForm(values?: Partial<Values>): Reply {
  return reply(msg('rota.wizard.form.intro'), { form: taskForm(values) });
}

/** Every answer through its step's rule: the task's fields, or what is wrong with each. */
export function checkTaskForm(values: Values): { answers: Omit<WizardState, 'chat' | 'step'> } | { errors: Msg[] } {
  const errors: Msg[] = [];
  let answers: Omit<WizardState, 'chat' | 'step'> = {};
  for (const f of FIELDS) {
    const result = applyAnswer({ chat: '', step: STEP[f] }, { kind: 'typed', text: values[f] });
    if ('error' in result) errors.push(result.error);
    else {
      const { chat: _chat, step: _step, typing: _typing, ...given } = result.state;
      answers = { ...answers, ...given };
    }
  }
  return errors.length > 0 ? { errors } : { answers };
}

async function submit(ctx: Ctx, raw: Record<string, string>): Promise<Reply> {
  const parsed = submitted.parse(raw);
  const checked = checkTaskForm(parsed);
  if ('answers' in checked) return startWizard(ctx, checked.answers);
  const id = await createPending(ctx.db, {
    action: AGAIN, payload: parsed, complexId: complexOf(ctx).id, personId: ctx.person.id, now: ctx.now, ttlMinutes: AGAIN_TTL_MINUTES,
  });
  return reply([msg('rota.wizard.form.invalid', { count: checked.errors.length }), ...checked.errors], {
    buttons: [[{ label: msg('rota.wizard.form.again'), action: `rota:wzfa:${id}`, style: 'primary' }]],
  });
}

export const wizardForms: FormDef[] = [{
  prefix: 'rota:wzf',
  requires: 'coordinator',
  run: (ctx, _args, values) => submit(ctx, values),
}];

/** "Form again": the form as it was submitted, to correct. */
export const wizardFormButtons: ButtonDef[] = [{
  prefix: 'rota:wzfa',
  requires: 'coordinator',
  async scope(ctx, [id]) {
    const [row] = await ctx.db.select({ complexId: pendingActions.complexId, action: pendingActions.action }).from(pendingActions).where(eq(pendingActions.id, id ?? ''));
    return row?.action === AGAIN ? row.complexId : null;
  },
  async run(ctx, [id]) {
    const row = await getPending(ctx.db, id ?? '', ctx.now);
    if (!row || row.action !== AGAIN || row.personId !== ctx.person.id) throw new UserError(msg('core.error.buttonExpired'));
    const values = submitted.safeParse(row.payload);
    return askTaskForm(values.success ? values.data : {});
  },
}];
