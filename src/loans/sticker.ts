import type { IncomingMessage, ServerResponse } from 'node:http';
import QRCode from 'qrcode';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { loanItems } from '../db/schema/index.js';
import { t } from '../i18n/index.js';
import { newStickerToken, type ItemRow } from './store.js';

/**
 * QR stickers: a code per item that opens a private chat with the bot on that item. On Telegram it is
 * a deep link (`https://t.me/<bot>?start=i-<token>`, which sends `/start i-<token>`); without a
 * Telegram bot it points at this bot's HTTP server (`/item/<token>`), a page that says what to send
 * the bot in a DM (`/item <token>`), which works on every platform. Tokens are random (96 bits);
 * rotating one voids the printed sticker.
 */

export const DEEP_LINK_PREFIX = 'i-';
const links = { telegramBot: undefined as string | undefined, publicUrl: 'http://localhost:3000' };

/** Set once at start-up (config TELEGRAM_BOT_USERNAME and PUBLIC_URL). */
export function setStickerLinks(opts: { telegramBot?: string | undefined; publicUrl?: string | undefined }): void {
  links.telegramBot = opts.telegramBot?.replace(/^@/, '') || undefined;
  if (opts.publicUrl) links.publicUrl = opts.publicUrl.replace(/\/+$/, '');
}

export function stickerLink(token: string): string {
  return links.telegramBot ? `https://t.me/${links.telegramBot}?start=${DEEP_LINK_PREFIX}${token}` : `${links.publicUrl}/item/${token}`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The printable label: a PNG of the code, and an SVG with the code and the item's name (for a PDF). */
export async function stickerFiles(item: Pick<ItemRow, 'name' | 'stickerToken'>, caption: string): Promise<{ png: Buffer; svg: Buffer; link: string }> {
  const link = stickerLink(item.stickerToken);
  const png = await QRCode.toBuffer(link, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 10 });
  const code = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const inner = code.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(code)?.[1] ?? 33);
  const svg = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="60mm" height="75mm" viewBox="0 0 ${size} ${size * 1.25}">
<rect width="100%" height="100%" fill="#fff"/>
<svg x="0" y="0" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${inner}</svg>
<text x="${size / 2}" y="${size * 1.1}" font-family="sans-serif" font-size="${(size / 14).toFixed(1)}" text-anchor="middle">${escapeXml(item.name)}</text>
<text x="${size / 2}" y="${size * 1.2}" font-family="sans-serif" font-size="${(size / 22).toFixed(1)}" text-anchor="middle">${escapeXml(caption)}</text>
</svg>
`;
  return { png, svg: Buffer.from(svg), link };
}

export async function rotateSticker(db: Db, itemId: number): Promise<ItemRow> {
  const [item] = await db.update(loanItems).set({ stickerToken: newStickerToken() }).where(eq(loanItems.id, itemId)).returning();
  return item!;
}

/** `GET /item/<token>`: for a sticker scanned without Telegram, what to send the bot. Says nothing about the item. */
export async function stickerPage(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const token = /^\/item\/([A-Za-z0-9_-]{8,40})$/.exec(new URL(req.url ?? '/', 'http://x').pathname)?.[1];
  if (!token) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<p>${t('nl', 'loans.sticker.page')}<br>${t('en', 'loans.sticker.page')}</p><p><code>/item ${token}</code></p>`);
}
