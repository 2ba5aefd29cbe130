import type { Db } from '../../src/db/client.js';
import type { Button, OutboundMessage } from '../../src/platform.js';
import type { Lang } from '../../src/i18n/index.js';
import { createPending, getPending } from '../../src/tenancy/pending.js';
import { buttonLabel } from './format.js';

/** Telegram refuses callback_data over 64 bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;
/** Longer labels are cut (Telegram shows only about this much of a button anyway). */
const BUTTON_LABEL_MAX = 64;
/** Marks callback data that is a pending_actions id rather than the action itself. */
const STORED = '~';
const STORED_ACTION = 'telegram:callback';
/** Buttons stay usable for a long time (a rota message is pressed weeks later). */
const STORED_TTL_MINUTES = 180 * 24 * 60;
/** What a stored action decodes to once it is gone: no button matches it, so the user is told it expired. */
export const EXPIRED_ACTION = 'telegram:expired';

/**
 * The action itself when it fits, else a short id of a stored copy ('~…'). The store is shared by
 * the platforms with short button data (Telegram's 64 bytes, Discord's custom_id of 100 characters).
 */
export async function encodeCallbackData(db: Db, action: string, now: Date, maxBytes: number = CALLBACK_DATA_MAX_BYTES): Promise<string> {
  if (!action.startsWith(STORED) && Buffer.byteLength(action, 'utf8') <= maxBytes) return action;
  const id = await createPending(db, { action: STORED_ACTION, payload: { action }, complexId: null, now, ttlMinutes: STORED_TTL_MINUTES });
  return `${STORED}${id}`;
}

export async function decodeCallbackData(db: Db, data: string, now: Date): Promise<string> {
  if (!data.startsWith(STORED)) return data;
  const row = await getPending(db, data.slice(STORED.length), now);
  const payload = row?.action === STORED_ACTION ? (row.payload as { action?: unknown }) : null;
  return typeof payload?.action === 'string' ? payload.action : EXPIRED_ACTION;
}

export interface InlineKeyboard { inline_keyboard: { text: string; callback_data: string }[][] }

export async function inlineKeyboard(db: Db, lang: Lang, rows: Button[][] | undefined, now: Date): Promise<InlineKeyboard | undefined> {
  if (!rows?.length) return undefined;
  const inline_keyboard = [];
  for (const row of rows) {
    const buttons = [];
    for (const b of row) {
      buttons.push({ text: buttonLabel(lang, b.label, BUTTON_LABEL_MAX), callback_data: await encodeCallbackData(db, b.action, now) });
    }
    inline_keyboard.push(buttons);
  }
  return { inline_keyboard };
}

export function hasButtons(message: OutboundMessage): boolean {
  return (message.buttons ?? []).some((row) => row.length > 0);
}
