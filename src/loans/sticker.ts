import type { IncomingMessage, ServerResponse } from 'node:http';
import QRCode from 'qrcode';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { loanItems } from '../db/schema/index.js';
import { DEFAULT_LANG, langFromTag, t, type Lang, type MessageKey } from '../i18n/index.js';
import { complexPlatforms, itemByToken, newStickerToken, type ItemRow } from './store.js';

/**
 * QR stickers: a code per item that opens a private chat with the bot on that item. A complex on
 * Telegram only gets Telegram's deep link (`https://t.me/<bot>?start=i-<token>`, which sends
 * `/start i-<token>`; the username from config, else from the running adapter). A complex on Discord (or without a Telegram bot) gets this bot's page
 * `PUBLIC_URL/item/<token>`: it forwards to the one platform's link that opens the bot's DM with
 * the item (Discord: adapters/discord/open-link.ts), offers a button per platform when the complex
 * is on both, and always says what to send by hand (`/item <token>`). Tokens are random (96 bits);
 * rotating one voids the printed sticker, and the page then says so.
 */

export const DEEP_LINK_PREFIX = 'i-';
type PlatformLink = (platform: string, payload: string) => string | undefined;
const links = { telegramBot: undefined as string | undefined, publicUrl: 'http://localhost:3000', platformLink: (() => undefined) as PlatformLink };

/** Set once at start-up (config TELEGRAM_BOT_USERNAME and PUBLIC_URL, and the platforms' deep links). */
export function setStickerLinks(opts: { telegramBot?: string | undefined; publicUrl?: string | undefined; platformLink?: PlatformLink }): void {
  links.telegramBot = opts.telegramBot?.replace(/^@/, '') || undefined;
  if (opts.publicUrl) links.publicUrl = opts.publicUrl.replace(/\/+$/, '');
  links.platformLink = opts.platformLink ?? (() => undefined);
}

function telegramLink(token: string): string | undefined {
  const payload = `${DEEP_LINK_PREFIX}${token}`;
  return links.telegramBot ? `https://t.me/${links.telegramBot}?start=${payload}` : links.platformLink('telegram', payload);
}

/** What the code says, given the platforms of the item's complex. */
export function stickerLink(token: string, platforms: readonly string[] = []): string {
  const telegram = telegramLink(token);
  return telegram && !platforms.includes('discord') ? telegram : `${links.publicUrl}/item/${token}`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The printable label: a PNG of the code, and an SVG with the code and the item's name (for a PDF). */
export async function stickerFiles(item: Pick<ItemRow, 'name' | 'stickerToken'>, caption: string, platforms: readonly string[] = []): Promise<{ png: Buffer; svg: Buffer; link: string }> {
  const link = stickerLink(item.stickerToken, platforms);
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

function html(res: ServerResponse, status: number, lang: Lang, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html lang="${lang}"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<style>body{font-family:sans-serif;max-width:30em;margin:2em auto;padding:0 1em}a.b{display:block;margin:1em 0;padding:1em;border-radius:.5em;background:#5865f2;color:#fff;text-align:center;text-decoration:none}</style>
${body}</html>`);
}

/**
 * `GET /item/<token>`, what a scanned sticker opens in the phone's browser: straight on to the chat
 * app when the complex is on one platform with a link, else a button per platform. It names no item.
 */
export async function stickerPage(req: IncomingMessage, res: ServerResponse, db: Db): Promise<void> {
  const lang = langFromTag(req.headers['accept-language']?.split(/[,;]/)[0]) ?? DEFAULT_LANG;
  const token = /^\/item\/([A-Za-z0-9_-]{8,40})$/.exec(new URL(req.url ?? '/', 'http://x').pathname)?.[1];
  const item = token ? await itemByToken(db, token) : null;
  if (!token || !item || item.archivedAt) return html(res, 404, lang, `<p>${escapeXml(t(lang, 'loans.sticker.unknown'))}</p>`);
  const platforms = await complexPlatforms(db, item.complexId);
  const payload = `${DEEP_LINK_PREFIX}${token}`;
  const opens: [MessageKey, string | undefined][] = [
    ['loans.sticker.openDiscord', platforms.includes('discord') ? links.platformLink('discord', payload) : undefined],
    ['loans.sticker.openTelegram', platforms.includes('telegram') ? telegramLink(token) : undefined],
  ];
  const ready = opens.filter((o): o is [MessageKey, string] => o[1] !== undefined);
  if (ready.length === 1) {
    res.writeHead(302, { location: ready[0]![1], 'cache-control': 'no-store' }).end();
    return;
  }
  html(res, 200, lang, `${ready.map(([key, url]) => `<a class="b" href="${escapeXml(url)}">${escapeXml(t(lang, key))}</a>`).join('\n')}
<p>${escapeXml(t(lang, 'loans.sticker.page'))}</p><p><code>/item ${token}</code></p>`);
}
