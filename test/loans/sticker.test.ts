import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { setStickerLinks } from '../../src/loans/sticker.js';
import type { FakeUser } from '../support/fake-platform.js';
import { anna, bram, chloe, createHarness, type Harness } from '../support/harness.js';
import { GROUP, linkedComplex } from '../rota/setup.js';
import { addItems } from './setup.js';

const eve: FakeUser = { id: 'u-eve', name: 'Eve Visser', language: 'nl' };

// jsqr is CommonJS with an ES-style default: under NodeNext the default import is the module object.
type Decoder = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsQRModule as unknown as { default?: Decoder }).default ?? jsQRModule) as unknown as Decoder;

function decode(png: Buffer): string {
  const image = PNG.sync.read(png);
  const code = jsQR(Uint8ClampedArray.from(image.data), image.width, image.height);
  if (!code) throw new Error('no QR code found');
  return code.data;
}

describe('QR stickers: a deep link into a private chat on the item', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    const complexId = await linkedComplex(h);
    await linkedComplex(h, 'De Eik', 'g2', [eve]);
    await addItems(h, complexId);
    setStickerLinks({ telegramBot: '@zelfbeheer_bot', publicUrl: 'https://bot.example.org/' });
  });
  afterAll(async () => { await h.close(); setStickerLinks({ telegramBot: '' }); });

  it('a coordinator gets a PNG and an SVG label by DM; the code decodes to the deep link; scanning opens Borrow / Who has it', async () => {
    expect((await h.fake.say(bram, GROUP, '/sticker schuursleutel')).map((s) => s.text)).toEqual([
      'Dit kan alleen een coördinator. Vraag een coördinator van je complex om hulp.',
    ]);
    const sent = await h.fake.say(anna, GROUP, '/sticker schuursleutel');
    expect(sent.map((s) => [s.toUser, s.file?.name, s.file?.mimeType])).toEqual([
      ['u-anna', 'sticker-schuursleutel.png', 'image/png'], ['u-anna', 'sticker-schuursleutel.svg', 'image/svg+xml'],
    ]);
    const link = decode(sent[0]!.file!.content);
    expect(link).toMatch(/^https:\/\/t\.me\/zelfbeheer_bot\?start=i-[A-Za-z0-9_-]{16}$/);
    expect(sent[1]!.file!.content.toString()).toContain('>Schuursleutel</text>');
    const payload = new URL(link).searchParams.get('start')!;

    const card = await h.fake.say(bram, 'dm:u-bram', `/start ${payload}`);
    expect(card.map((s) => s.text)).toEqual(['🔑 Schuursleutel: beschikbaar\nWat wil je doen?']);
    expect(card[0]!.buttons.flat().map((b) => b.label)).toEqual(['Lenen', 'Wie heeft het?']);
    const lent = await h.fake.press(bram, 'dm:u-bram', card[0]!.buttons[0]![0]!.action);
    expect(lent.map((s) => s.text)).toEqual(['✅ Bram Jansen leent Schuursleutel tot zo 22 nov 15:00.\nHet ligt hier: sleutelkastje bij de voordeur.']);
    // The holder who scans it gets Return first; an English speaker sees English.
    expect((await h.fake.say(bram, 'dm:u-bram', `/start ${payload}`))[0]!.buttons.flat().map((b) => b.label)).toEqual(['Terugbrengen', 'Wie heeft het?']);
    expect((await h.fake.say(chloe, 'dm:u-chloe', `/start ${payload}`)).map((s) => s.text)).toEqual([
      '🔑 Schuursleutel: with Bram Jansen until Sun 22 Nov 15:00\nWhat would you like to do?',
    ]);
  });

  it('a sticker of another complex, an unknown token and a rotated token show nothing of the item', async () => {
    const first = await h.fake.say(anna, GROUP, '/sticker ladder');
    const payload = new URL(decode(first[0]!.file!.content)).searchParams.get('start')!;
    expect((await h.fake.say(eve, 'dm:u-eve', `/start ${payload}`)).map((s) => s.text)).toEqual(['Deze sticker hoort bij een ander complex.']);
    expect((await h.fake.say(eve, 'g2', `/item ${payload.slice(2)}`)).map((s) => s.text)).toEqual(['Deze sticker hoort bij een ander complex.']);
    expect((await h.fake.say(bram, 'dm:u-bram', '/start i-AAAAAAAAAAAAAAAA')).map((s) => s.text)).toEqual([
      'Deze sticker is niet (meer) geldig. Vraag een coördinator om een nieuwe.',
    ]);
    const rotated = await h.fake.say(anna, GROUP, '/sticker ladder nieuw');
    expect(rotated[0]!.text).toBe('Nieuwe sticker voor Ladder; oude stickers werken niet meer.');
    expect((await h.fake.say(bram, 'dm:u-bram', `/start ${payload}`)).map((s) => s.text)).toEqual([
      'Deze sticker is niet (meer) geldig. Vraag een coördinator om een nieuwe.',
    ]);
    const fresh = new URL(decode(rotated[0]!.file!.content)).searchParams.get('start')!;
    expect((await h.fake.say(bram, 'dm:u-bram', `/start ${fresh}`))[0]!.text).toBe('🛠️ Ladder: beschikbaar\nWat wil je doen?');
  });

  it('without a Telegram bot the code points at the bot\'s own page, which says what to send', async () => {
    setStickerLinks({ telegramBot: '' });
    const sent = await h.fake.say(anna, GROUP, '/sticker grasmaaier');
    expect(decode(sent[0]!.file!.content)).toMatch(/^https:\/\/bot\.example\.org\/item\/[A-Za-z0-9_-]{16}$/);
  });
});
