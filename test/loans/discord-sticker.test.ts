import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { capabilities } from '../../src/capabilities.js';
import { chats, loanItems, loans, people } from '../../src/db/schema/index.js';
import { createHttpServer, type HttpServer } from '../../src/http/server.js';
import { silentLogger } from '../../src/log.js';
import { rotateSticker, setStickerLinks, stickerFiles } from '../../src/loans/sticker.js';
import { complexPlatforms, saveItem } from '../../src/loans/store.js';
import { buttonsOf } from '../support/fake-discord/server.js';
import { discordServer, joinCode, last, shown, text, type, type Server } from '../adapters/discord/setup.js';
import { item } from './setup.js';

type Decoder = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsQRModule as unknown as { default?: Decoder }).default ?? jsQRModule) as unknown as Decoder;
const decode = (png: Buffer): string => {
  const image = PNG.sync.read(png);
  return jsQR(Uint8ClampedArray.from(image.data), image.width, image.height)!.data;
};
/** A phone's browser, one step at a time: where a link sends it (302) or what it shows. */
const visit = async (url: string, lang = 'nl-NL') => {
  const res = await fetch(url, { redirect: 'manual', headers: { 'accept-language': lang } });
  return { status: res.status, location: res.headers.get('location'), body: await res.text() };
};

/**
 * A sticker scanned by a resident of a complex on Discord: the bot's page → Discord's sign-in (once
 * allowed, it comes straight back) → the bot's DM with the item card, through the real adapter
 * against the fake Discord, the real HTTP server and PostgreSQL.
 */
describe('QR sticker on Discord: the link opens the bot\'s DM with the item', () => {
  let s: Server;
  let http: HttpServer;
  let base: string;
  let complexId: number;
  let keyId: number;
  beforeAll(async () => {
    http = createHttpServer({ log: silentLogger, ready: async () => true });
    base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
    s = await discordServer({ publicUrl: base });
    for (const route of capabilities.flatMap((c) => c.http ?? [])) http.registerRoute(route.method, route.path, (req, res) => route.handler(req, res, s.w.database.db));
    const open = s.w.platform.openRoute()!;
    http.registerRoute('GET', open.path, open.handler);
    setStickerLinks({ telegramBot: '@zelfbeheer_bot', publicUrl: base, platformLink: (name, payload) => (name === 'discord' ? s.w.platform.deepLink(payload) : undefined) });
    const joined = await joinCode(s.w, 'De Linde');
    complexId = joined.complexId;
    await type(s.w, s.anna, s.channel, `/koppel ${joined.code}`);
    await type(s.w, s.bram, s.channel, 'hallo');
    keyId = (await saveItem(s.w.database.db, complexId, item('Schuursleutel', { kind: 'key', location: 'sleutelkastje', loanHours: 4 }))).item.id;
  }, 60_000);
  afterAll(async () => {
    setStickerLinks({ telegramBot: '' });
    await s.w.close();
    await s.fake.close();
    await http.close();
  });

  const sticker = async () => {
    const [row] = await s.w.database.db.select().from(loanItems).where(eq(loanItems.id, keyId));
    return { token: row!.stickerToken, link: decode((await stickerFiles(row!, 'Scan', await complexPlatforms(s.w.database.db, complexId))).png) };
  };

  it('scan → page → Discord sign-in → back → the DM shows the item with Borrow / Who has it; Borrow lends it', async () => {
    const { token, link } = await sticker();
    // A complex on Discord: the code is the bot's page (a t.me link would not open Discord).
    expect(link).toBe(`${base}/item/${token}`);
    const page = await visit(link);
    expect(page).toMatchObject({ status: 302, location: `${base}/discord/open/i-${token}` });

    const toDiscord = await visit(page.location!);
    expect(toDiscord.status).toBe(302);
    const consent = new URL(toDiscord.location!);
    expect(consent.origin + consent.pathname).toBe(`${s.fake.apiRoot.replace(/\/api$/, '')}/oauth2/authorize`);
    expect(Object.fromEntries([...consent.searchParams].filter(([k]) => k !== 'state'))).toEqual({
      client_id: s.fake.applicationId, response_type: 'code', scope: 'identify', prompt: 'none', redirect_uri: `${base}/discord/open/callback`,
    });

    s.fake.oauth.signedIn = s.bram;
    const back = await visit(toDiscord.location!);
    const done = await visit(back.location!);
    const dm = s.fake.dmChannel(s.bram);
    expect(done).toMatchObject({ status: 302, location: `https://discord.com/channels/@me/${dm}` });
    await s.fake.until(() => shown(s, dm).length > 0, 10_000, 'the card in the DM');
    const card = last(s, dm);
    expect(text(s, card)).toBe('🔑 Schuursleutel: beschikbaar\nWat wil je doen?');
    expect(buttonsOf(card).map((b) => b.label)).toEqual(['Lenen', 'Wie heeft het?']);

    const press = s.fake.press(s.bram, card, 'Lenen');
    await s.w.handled(press.id);
    await s.fake.until(() => /leent Schuursleutel/.test(text(s, last(s, dm))), 10_000, 'lent');
    expect(text(s, last(s, dm))).toMatch(/^✅ Bram Jansen leent Schuursleutel tot zo 22 nov 15:00\./);
    const open = await s.w.database.db.select().from(loans).where(and(eq(loans.itemId, keyId), isNull(loans.returnedAt)));
    expect(open).toHaveLength(1);
    expect(s.fake.invalidCalls()).toEqual([]);
  });

  it('a rotated token stops working: the page says so, and a link handed out before leads to "not valid" in the DM', async () => {
    const { token } = await sticker();
    const before = await visit(`${base}/discord/open/i-${token}`);
    await rotateSticker(s.w.database.db, keyId);
    const page = await visit(`${base}/item/${token}`, 'en-GB');
    expect(page.status).toBe(404);
    expect(page.body).toContain('This sticker is not valid (any more). Ask a coordinator for a new one.');
    s.fake.oauth.signedIn = s.chloe;
    const done = await visit((await visit(before.location!)).location!);
    const dm = s.fake.dmChannel(s.chloe);
    expect(done.location).toBe(`https://discord.com/channels/@me/${dm}`);
    await s.fake.until(() => shown(s, dm).length > 0, 10_000, 'the answer in the DM');
    expect(text(s, last(s, dm))).toBe('This sticker is not valid (any more). Ask a coordinator for a new one.');
    const fresh = await sticker();
    expect(fresh.token).not.toBe(token);
    expect(await visit(fresh.link)).toMatchObject({ status: 302, location: `${base}/discord/open/i-${fresh.token}` });
  });

  it('no consent, a forged or stale state, a bad payload: a page that says what to do, nothing sent', async () => {
    const sent = s.fake.state.messages.length;
    const { token } = await sticker();
    const start = await visit(`${base}/discord/open/i-${token}`);
    s.fake.oauth.answer = 'deny';
    const denied = await visit((await visit(start.location!)).location!);
    expect(denied.status).toBe(200);
    expect(denied.body).toContain('Discord is niet geopend: je gaf geen toestemming.');
    s.fake.oauth.answer = 'allow';
    const state = new URL(start.location!).searchParams.get('state')!;
    const forged = state.replace(/^i-[^.]+/, 'i-AAAAAAAAAAAAAAAA');
    expect((await visit(`${base}/discord/open/callback?code=x&state=${encodeURIComponent(forged)}`)).status).toBe(400);
    s.clock.now = new Date(s.clock.now.getTime() + 16 * 60_000);
    const stale = await visit(`${base}/discord/open/callback?code=x&state=${encodeURIComponent(state)}`);
    expect(stale.body).toContain('Deze link is verlopen. Scan de sticker opnieuw.');
    expect((await visit(`${base}/discord/open/${encodeURIComponent('<script>')}`)).status).toBe(404);
    expect(s.fake.state.messages.length).toBe(sent);
  });

  it('hand-over on Discord: "/geef schuursleutel aan @Chloé" arrives as a mention (<@id>); Chloé confirms with a button', async () => {
    await type(s.w, s.chloe, s.channel, 'hallo');
    const bramDm = s.fake.dmChannel(s.bram);
    await type(s.w, s.bram, bramDm, `/geef schuursleutel aan <@${s.chloe.id}>`);
    expect(text(s, last(s, bramDm))).toBe('🤝 Chloé Martin moet nog bevestigen dat Schuursleutel is overgedragen; tot dan ben jij verantwoordelijk.');
    const chloeDm = s.fake.dmChannel(s.chloe);
    await s.fake.until(() => shown(s, chloeDm).some((m) => /Bram Jansen/.test(text(s, m))), 10_000, 'the offer');
    const offer = shown(s, chloeDm).find((m) => /Bram Jansen/.test(text(s, m)))!;
    const yes = s.fake.press(s.chloe, offer, buttonsOf(offer)[0]!.label);
    await s.w.handled(yes.id);
    const [loan] = await s.w.database.db.select().from(loans).where(and(eq(loans.itemId, keyId), isNull(loans.returnedAt)));
    const [chloe] = await s.w.database.db.select().from(people).where(eq(people.displayName, 'Chloé Martin'));
    expect(loan!.borrowerPersonId).toBe(chloe!.id);
  });

  it('a complex on Discord and Telegram: the page offers both apps and the words to send by hand', async () => {
    await s.w.database.db.insert(chats).values({ platform: 'telegram', platformChatId: '-100777', complexId, purpose: 'complex', title: 'Bewoners' });
    const { token, link } = await sticker();
    const page = await visit(link, 'en');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<a class="b" href="${base}/discord/open/i-${token}">Open in Discord</a>`);
    expect(page.body).toContain(`<a class="b" href="https://t.me/zelfbeheer_bot?start=i-${token}">Open in Telegram</a>`);
    expect(page.body).toContain(`/item ${token}`);
  });
});
