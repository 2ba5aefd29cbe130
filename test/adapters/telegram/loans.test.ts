import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { setStickerLinks } from '../../../src/loans/sticker.js';
import { saveItem } from '../../../src/loans/store.js';
import type { FakeChat } from '../../support/fake-telegram/server.js';
import { anna, bram, chloe, linkedGroup, telegramWorld, type TelegramWorld } from './setup.js';

type Decoder = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsQRModule as unknown as { default?: Decoder }).default ?? jsQRModule) as unknown as Decoder;

describe('keys and tools through the real Telegram adapter (telegraf ↔ fake Bot API, real PostgreSQL)', () => {
  let w: TelegramWorld;
  let group: FakeChat;
  beforeAll(async () => {
    w = await telegramWorld();
    ({ group } = await linkedGroup(w, [bram, chloe]));
    const complexId = (await w.database.db.query.complexes.findFirst())!.id;
    await saveItem(w.database.db, complexId, { name: 'Schuursleutel', kind: 'key', aliases: ['shed key'], location: 'kastje <b>&</b>', loanHours: 4, needsApproval: false });
    await saveItem(w.database.db, complexId, { name: 'Grasmaaier', kind: 'tool', aliases: ['mower'], location: null, loanHours: 24, needsApproval: false });
    // No TELEGRAM_BOT_USERNAME: the adapter knows its username from getMe.
    setStickerLinks({ telegramBot: '', platformLink: (name, payload) => (name === 'telegram' ? w.platform.deepLink(payload) : undefined) });
  });
  afterAll(async () => { setStickerLinks({ telegramBot: '' }); await w.close(); });

  it('borrow in the group with /leen@bot, "who has it?" in Dutch and English, return by button in a DM', async () => {
    await w.fake.say(bram, group, '/leen@zelfbeheer_test_bot schuursleutel');
    const lent = w.fake.lastIn(group)!;
    expect(lent.text).toBe('✅ Bram Jansen leent Schuursleutel tot zo 22 nov 15:00.\nHet ligt hier: kastje <b>&</b>.');
    expect(lent.html).toContain('kastje &lt;b&gt;&amp;&lt;/b&gt;');
    const chloeDm = w.fake.privateChat(chloe);
    await w.fake.say(chloe, chloeDm, 'who has the shed key?');
    expect(w.fake.lastIn(chloeDm)!.text).toBe('🔑 Schuursleutel is with Bram Jansen since Sun 22 Nov 11:00, due back Sun 22 Nov 15:00.\nPlace: kastje <b>&</b>');
    await w.fake.press(chloe, chloeDm, 'Tell me when it is back');
    expect(w.fake.lastIn(chloeDm)!.text).toBe('🔔 You are on the waiting list for Schuursleutel; you will hear when it is back.');

    const bramDm = w.fake.privateChat(bram);
    await w.fake.say(bram, bramDm, 'ik breng de schuursleutel terug');
    expect(w.fake.lastIn(bramDm)!.buttons.flat().map((b) => b.text)).toEqual(['In orde ✓', 'Moet nagekeken', 'Kapot']);
    await w.fake.press(bram, bramDm, 'In orde');
    expect(w.fake.lastIn(bramDm)!.text).toBe('↩️ Bram Jansen heeft Schuursleutel teruggebracht. Dank je wel!');
    await vi.waitFor(() => expect(w.fake.lastIn(chloeDm)!.text).toBe('🔔 Schuursleutel is back! It is kept for you until Sun 22 Nov 13:00.'));
  });

  it('free text in a private chat asks first; the sticker is a t.me deep link whose /start opens the item', async () => {
    const bramDm = w.fake.privateChat(bram);
    await w.fake.say(bram, bramDm, 'mag ik de maaier lenen tot morgen');
    expect(w.fake.lastIn(bramDm)!.text).toBe('Grasmaaier lenen tot ma 23 nov 20:00?');
    await w.fake.press(bram, bramDm, 'Ja, lenen');
    expect(w.fake.lastIn(bramDm)!.text).toBe('✅ Bram Jansen leent Grasmaaier tot ma 23 nov 20:00.');

    const annaDm = w.fake.privateChat(anna);
    await w.fake.say(anna, group, '/sticker@zelfbeheer_test_bot grasmaaier');
    await vi.waitFor(() => expect(w.fake.sentTo(annaDm).filter((m) => m.document)).toHaveLength(2));
    const [png, svg] = w.fake.sentTo(annaDm).filter((m) => m.document);
    expect(png!.document!.name).toBe('sticker-grasmaaier.png');
    expect(svg!.document!.name).toBe('sticker-grasmaaier.svg');
    const image = PNG.sync.read(png!.document!.content);
    const link = jsQR(Uint8ClampedArray.from(image.data), image.width, image.height)!.data;
    expect(link).toMatch(/^https:\/\/t\.me\/zelfbeheer_test_bot\?start=i-[A-Za-z0-9_-]{16}$/);
    // Telegram turns a tapped deep link into "/start <payload>" in the private chat.
    const chloeDm = w.fake.privateChat(chloe);
    await w.fake.say(chloe, chloeDm, `/start ${new URL(link).searchParams.get('start')}`);
    const card = w.fake.lastIn(chloeDm)!;
    expect(card.text).toBe('🛠️ Grasmaaier: with Bram Jansen until Mon 23 Nov 20:00\nWhat would you like to do?');
    expect(card.buttons.flat().map((b) => b.text)).toEqual(['Borrow', 'Who has it?']);
    for (const b of card.buttons.flat()) expect(Buffer.byteLength(b.data)).toBeLessThanOrEqual(64);
  });
});
