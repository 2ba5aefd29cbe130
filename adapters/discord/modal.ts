import {
  MessageFlags, type APIModalInteractionResponseCallbackData, type ButtonInteraction, type ChatInputCommandInteraction, type ModalSubmitInteraction, type StringSelectMenuInteraction,
} from 'discord.js';
import type { Db } from '../../src/db/client.js';
import { DEFAULT_LANG, langFromTag, msg, type Lang } from '../../src/i18n/index.js';
import { FORM_MAX_FIELDS, type FormRequest, type InboundEvent, type OutboundMessage } from '../../src/platform.js';
import { createPending, getPending } from '../../src/tenancy/pending.js';
import { encodeCallbackData } from '../telegram/callback.js';
import { LIMITS, renderPlain } from './format.js';
import { chatRef, replyHandle, userRef } from './inbound.js';

/** Discord's modal limits: title and labels 45, placeholder 100, a text input's value 4,000. */
const MODAL = { title: 45, label: 45, placeholder: 100, value: 4000 } as const;
const TEXT_INPUT = { short: 1, long: 2 } as const;
/** custom_id of a button that opens a stored modal; recognised before any database work. */
export const OPEN_FORM_PREFIX = 'dform:';
const STORED_FORM = 'discord:form';
const STORED_FORM_TTL_MINUTES = 24 * 60;

/** The form as a modal: one action row per text input; the submit's custom_id is the action (long ones behind a short id). */
export async function modalData(db: Db, lang: Lang, form: FormRequest, now: Date): Promise<APIModalInteractionResponseCallbackData> {
  return {
    custom_id: await encodeCallbackData(db, form.action, now, LIMITS.customId),
    title: renderPlain(lang, form.title, MODAL.title),
    components: form.fields.slice(0, FORM_MAX_FIELDS).map((f) => {
      const max = Math.min(Math.max(f.maxLength, 1), MODAL.value);
      const placeholder = f.placeholder ? renderPlain(lang, f.placeholder, MODAL.placeholder) : '';
      return {
        type: 1, components: [{
          type: 4, custom_id: f.id.slice(0, LIMITS.customId), style: TEXT_INPUT[f.style], label: renderPlain(lang, f.label, MODAL.label),
          required: f.required, max_length: max, ...(placeholder ? { placeholder } : {}), ...(f.value ? { value: [...f.value].slice(0, max).join('') } : {}),
        }],
      };
    }),
  };
}

/**
 * The form could not open at once (the interaction was already acknowledged, or there is none):
 * the message's text with a button that opens it. The modal is stored ready-made, so the press can
 * be answered with it at once.
 */
export async function withOpenButton(db: Db, message: OutboundMessage, now: Date): Promise<OutboundMessage> {
  const { form, ...rest } = message;
  if (!form) return message;
  const data = await modalData(db, message.lang, form, now);
  const id = await createPending(db, { action: STORED_FORM, payload: data, complexId: null, now, ttlMinutes: STORED_FORM_TTL_MINUTES });
  return { ...rest, buttons: [[{ label: msg('discord.form.open'), action: `${OPEN_FORM_PREFIX}${id}`, style: 'primary' }], ...(rest.buttons ?? [])] };
}

async function storedModal(db: Db, customId: string, now: Date): Promise<APIModalInteractionResponseCallbackData | null> {
  const row = await getPending(db, customId.slice(OPEN_FORM_PREFIX.length), now);
  return row?.action === STORED_FORM ? (row.payload as APIModalInteractionResponseCallbackData) : null;
}

/** "Open the form" pressed: the stored modal at once (or, when it is gone or the database is slow, a note only the presser sees). */
export async function openStoredForm(i: ButtonInteraction, db: Db, now: Date, withinMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const data = await Promise.race([storedModal(db, i.customId, now).catch(() => null),
    new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), withinMs); })]);
  clearTimeout(timer);
  if (data) return i.showModal(data);
  await i.reply({ content: renderPlain(langFromTag(i.locale) ?? DEFAULT_LANG, msg('discord.form.gone'), LIMITS.content), flags: MessageFlags.Ephemeral });
}

/** A modal submit as the core's event: the form's action and the values by field id (answered as a deferred reply). */
export async function modalEvent(i: ModalSubmitInteraction, action: (customId: string) => Promise<string>): Promise<InboundEvent> {
  const values: Record<string, string> = {};
  for (const [id, field] of i.fields.fields) {
    if ('value' in field && typeof field.value === 'string') values[id] = field.value;
  }
  return {
    kind: 'form', action: await action(i.customId), values, updateId: i.id, chat: chatRef(i.channel, i.channelId ?? '', i.inGuild()),
    user: userRef(i.user, i.locale), replyHandle: replyHandle(i.id, i.token, 'c'),
  };
}

type Answerable = ChatInputCommandInteraction | ButtonInteraction | StringSelectMenuInteraction;

/**
 * The first response to a command or a press, which Discord wants within 3 seconds: a modal when the
 * core asks for a form in time (a modal can only be a first response), else a deferral — when the
 * core answers anything else, or at the latest after `withinMs`.
 */
export class FirstResponse {
  private done: Promise<'deferred' | 'modal'> | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly i: Answerable, withinMs: number, private readonly onError: (err: unknown) => void) {
    this.timer = setTimeout(() => { void this.defer().catch(onError); }, withinMs);
  }

  /** Defers (once); resolves when the deferral is sent, or at once if a modal was the first response. */
  defer(): Promise<'deferred' | 'modal'> {
    clearTimeout(this.timer);
    this.done ??= (this.i.isChatInputCommand() ? this.i.deferReply() : this.i.deferUpdate()).then(() => 'deferred' as const);
    return this.done;
  }

  /** Opens the modal if nothing was sent yet; false when too late (a deferral went first). */
  async modal(data: APIModalInteractionResponseCallbackData): Promise<boolean> {
    if (this.done) return (await this.done.catch(() => 'deferred')) === 'modal';
    clearTimeout(this.timer);
    this.done = this.i.showModal(data).then(() => 'modal' as const);
    return (await this.done) === 'modal';
  }
}
