import type { APIActionRowComponent, APIComponentInMessageActionRow } from 'discord.js';
import { encodeCallbackData } from '../telegram/callback.js';
import type { Db } from '../../src/db/client.js';
import { msg, type Lang } from '../../src/i18n/index.js';
import type { Button } from '../../src/platform.js';
import { label, LIMITS } from './format.js';

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/** Discord: at most 5 buttons in a row, 5 rows in a message, 25 options in a select menu. */
const PER_ROW = 5;
const ROWS = 5;
const PER_SELECT = 25;
/** Marks a select menu's custom_id: the chosen value is the action. */
export const SELECT_PREFIX = 'sel';

const STYLE = { primary: 1, default: 2, danger: 4 } as const;

async function customId(db: Db, action: string, now: Date, used: Set<string>): Promise<string> {
  let id = await encodeCallbackData(db, action, now, LIMITS.customId);
  // custom_ids must be unique within a message: a repeated action is stored behind its own id.
  if (used.has(id)) id = await encodeCallbackData(db, action, now, 0);
  used.add(id);
  return id;
}

/**
 * The message's buttons as Discord components: rows of at most 5 buttons while they fit in 5 rows;
 * a longer list becomes select menus (25 choices each) so nothing is left out.
 */
export async function components(db: Db, lang: Lang, rows: Button[][] | undefined, now: Date): Promise<Row[]> {
  const kept = (rows ?? []).filter((r) => r.length > 0);
  if (kept.length === 0) return [];
  const used = new Set<string>();
  const chunked = kept.flatMap((r) => Array.from({ length: Math.ceil(r.length / PER_ROW) }, (_, i) => r.slice(i * PER_ROW, (i + 1) * PER_ROW)));
  if (chunked.length <= ROWS) {
    const out: Row[] = [];
    for (const row of chunked) {
      const buttons = [];
      for (const b of row) {
        buttons.push({ type: 2 as const, style: STYLE[b.style ?? 'default'], label: label(lang, b.label, LIMITS.buttonLabel), custom_id: await customId(db, b.action, now, used) });
      }
      out.push({ type: 1, components: buttons });
    }
    return out;
  }
  const all = kept.flat();
  const out: Row[] = [];
  for (let i = 0; i < all.length && out.length < ROWS; i += PER_SELECT) {
    const options = [];
    for (const b of all.slice(i, i + PER_SELECT)) {
      options.push({ label: label(lang, b.label, LIMITS.selectLabel), value: await customId(db, b.action, now, used) });
    }
    out.push({ type: 1, components: [{
      type: 3 as const, custom_id: `${SELECT_PREFIX}:${out.length}`, options, placeholder: label(lang, msg('discord.choose'), 100), min_values: 1, max_values: 1,
    }] });
  }
  return out;
}
