import type { CommandDef, Ctx, Reply } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { msg, t, type Msg } from '../i18n/index.js';
import { findMember, getComplex, getRole } from '../tenancy/queries.js';
import { cardReply } from './actions.js';
import { act, due, itemOrChoice } from './format.js';
import { DEEP_LINK_PREFIX, rotateSticker, stickerFiles } from './sticker.js';
import { complexPlatforms, itemByToken, loanHistory, type HistoryRow, type ItemRow } from './store.js';
import { startItemWizard } from './wizard.js';

/** Items in chat: the item card (also opened by a sticker), stickers, history, and the guided "/item nieuw". */

const TOKEN = /^[A-Za-z0-9_-]{16}$/;

/**
 * A scanned sticker: `/start i-<token>` (Telegram deep link) or `/item <token>`. The token decides the
 * complex; the person must be a member of it, else nothing about the item is shown.
 */
export async function stickerCard(ctx: Ctx, token: string): Promise<Reply> {
  const item = await itemByToken(ctx.db, token);
  if (!item || item.archivedAt) throw new UserError(msg('loans.sticker.unknown'));
  const role = await getRole(ctx.db, item.complexId, ctx.person.id);
  if (!role || (ctx.chat?.complexId && ctx.chat.complexId !== item.complexId)) throw new UserError(msg('loans.sticker.otherComplex'));
  ctx.complex = await getComplex(ctx.db, item.complexId);
  ctx.role = role;
  return cardReply(ctx, item);
}

export async function stickerReplies(ctx: Ctx, item: ItemRow, rotate: boolean): Promise<Reply[]> {
  const current = rotate ? await rotateSticker(ctx.db, item.id) : item;
  const files = await stickerFiles(current, t(ctx.complex!.language === 'en' ? 'en' : 'nl', 'loans.sticker.label'), await complexPlatforms(ctx.db, item.complexId));
  const caption = msg(rotate ? 'loans.sticker.rotated' : 'loans.sticker.caption', { item: item.name });
  const slug = item.name.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'item';
  return [
    reply(caption, { to: 'direct', file: { name: `sticker-${slug}.png`, content: files.png, mimeType: 'image/png' } }),
    reply(msg('loans.sticker.svg', { item: item.name }), { to: 'direct', file: { name: `sticker-${slug}.svg`, content: files.svg, mimeType: 'image/svg+xml' } }),
  ];
}

function historyLines(ctx: Ctx, rows: HistoryRow[]): Msg[] {
  return rows.map(({ loan, borrower, itemName }) => msg('loans.history.line', {
    item: itemName, borrower, out: due(loan.outAt, ctx), back: loan.returnedAt ? due(loan.returnedAt, ctx) : msg('loans.history.open'),
    cond: loan.returnCondition && loan.returnCondition !== 'ok' ? msg(`loans.history.cond.${loan.returnCondition}` as 'loans.history.cond.broken') : loan.returnedBy ? msg('loans.history.forced') : '',
  }));
}

export async function historyReply(ctx: Ctx, item: ItemRow): Promise<Reply> {
  const rows = await loanHistory(ctx.db, { itemId: item.id });
  return reply([msg('loans.history.title', { what: item.name }), ...(rows.length ? historyLines(ctx, rows) : [msg('loans.history.empty')])]);
}

export const itemCommands: CommandDef[] = [{
  names: { nl: ['item'], en: ['item'] },
  help: 'loans.help.item',
  requires: 'anyone',
  deepLink: DEEP_LINK_PREFIX,
  async run(ctx, args) {
    const text = args.trim();
    if (TOKEN.test(text)) return stickerCard(ctx, text);
    if (!ctx.complex) throw new UserError(msg(ctx.event.chat.isDirect ? 'core.error.noComplexInDirect' : 'core.error.notLinked'));
    if (/^(nieuw|new|toevoegen|add)$/i.test(text)) {
      if (ctx.role !== 'coordinator') throw new UserError(msg('core.error.coordinatorOnly'));
      return startItemWizard(ctx);
    }
    const found = await itemOrChoice(ctx, text, act.card, 'loans.usage.item');
    return 'body' in found ? found : cardReply(ctx, found);
  },
}, {
  names: { nl: ['sticker', 'qr'], en: ['sticker'] },
  help: 'loans.help.sticker',
  requires: 'coordinator',
  async run(ctx, args) {
    const rotate = /\s(nieuw|new|vervang|rotate)$/i.test(` ${args.trim()}`);
    const text = args.trim().replace(/\s*(nieuw|new|vervang|rotate)$/i, '');
    const found = await itemOrChoice(ctx, text, act.sticker, 'loans.usage.sticker');
    return 'body' in found ? found : stickerReplies(ctx, found, rotate);
  },
}, {
  names: { nl: ['geschiedenis', 'historie'], en: ['history'] },
  help: 'loans.help.history',
  requires: 'complex',
  async run(ctx, args) {
    const text = args.trim();
    // Your own history is yours to see; an item's or a neighbour's is for coordinators.
    if (!text || text.startsWith('@') || text.startsWith('<@')) {
      const person = text ? (await findMember(ctx.db, ctx.complex!.id, text)) : [{ personId: ctx.person.id, displayName: ctx.person.displayName }];
      if (person.length !== 1) throw new UserError(msg('loans.error.unknownPerson', { name: text }));
      if (person[0]!.personId !== ctx.person.id && ctx.role !== 'coordinator') throw new UserError(msg('core.error.coordinatorOnly'));
      const rows = await loanHistory(ctx.db, { complexId: ctx.complex!.id, personId: person[0]!.personId });
      return reply([msg('loans.history.title', { what: person[0]!.displayName }), ...(rows.length ? historyLines(ctx, rows) : [msg('loans.history.empty')])], { to: 'direct' });
    }
    if (ctx.role !== 'coordinator') throw new UserError(msg('core.error.coordinatorOnly'));
    const found = await itemOrChoice(ctx, text, act.history, 'loans.usage.where');
    return 'body' in found ? found : historyReply(ctx, found);
  },
}];
