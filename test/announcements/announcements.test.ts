import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anna, bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';
import { liaisonUser, machinery, seedCorporation } from '../support/complex-kit.js';

describe('announcements (/mededeling, /announce)', () => {
  let h: Harness;
  let m: ReturnType<typeof machinery>;
  beforeAll(async () => {
    h = await createHarness({ now: new Date('2026-11-22T10:00:00Z') });
    await seedCorporation(h, { a: [anna, bram, chloe, daan], coordinatorsA: [anna], liaison: liaisonUser });
    m = machinery(h);
  });
  afterAll(async () => { await h.close(); });

  it('a coordinator announces to every chat of the complex, pinned, with a live "gelezen" count', async () => {
    const answer = await h.fake.say(anna, 'gA1', '/mededeling pin De lift is morgen van 9 tot 12 buiten gebruik.');
    expect(answer.map((s) => [s.toUser, s.text])).toEqual([['u-anna', 'Mededeling #1 gaat nu naar 2 chats.']]);
    await m.flush();
    for (const chat of ['gA1', 'gA2']) {
      const sent = h.fake.last(chat)!;
      expect(sent.text).toBe('📢 Mededeling van Anna de Vries\n\nDe lift is morgen van 9 tot 12 buiten gebruik.');
      expect(sent.buttons).toEqual([[{ label: 'Gelezen ✓ (0)', action: 'ann:ack:1' }]]);
      expect(sent.pinned).toBe(true);
    }
    expect(h.fake.inChat('gB')).toEqual([]);

    const original = h.fake.last('gA1')!;
    expect(await h.fake.press(bram, 'gA1', 'ann:ack:1', original.messageId)).toEqual([]);
    await m.flush();
    const edits = h.fake.sent.filter((s) => s.edited);
    expect(edits.map((e) => [e.chatId, e.buttons[0]![0]!.label])).toEqual([['gA1', 'Gelezen ✓ (1)'], ['gA2', 'Gelezen ✓ (1)']]);
    expect(edits[0]!.messageId).toBe(original.messageId);

    // A second press changes nothing but says so, privately.
    const again = await h.fake.press(bram, 'gA1', 'ann:ack:1', original.messageId);
    expect(again.map((s) => [s.toUser, s.text])).toEqual([['u-bram', 'Je had deze mededeling al als gelezen gemarkeerd.']]);
    // Chloé (English) acknowledges from the other group.
    await h.fake.press(chloe, 'gA2', 'ann:ack:1', h.fake.last('gA2')!.messageId);
    await m.flush();
    expect(h.fake.sent.filter((s) => s.edited).at(-1)!.buttons[0]![0]!.label).toBe('Gelezen ✓ (2)');
  });

  it('a resident cannot announce; an empty announcement explains how', async () => {
    const [refused] = await h.fake.say(bram, 'gA1', '/mededeling Feest!');
    expect(refused!.text).toContain('Alleen coördinatoren');
    const [empty] = await h.fake.say(anna, 'gA1', '/mededeling pin');
    expect(empty!.text).toContain('Wat wil je melden?');
  });

  it('send later: queued at 18:00 local time by the scheduler, not before', async () => {
    const [confirm] = await h.fake.say(anna, 'gA1', '/mededeling zonder-gelezen om 18:00 Vergadering in de recreatieruimte.');
    expect(confirm!.text).toBe('Mededeling #2 wordt op zondag 22 november om 18:00 verstuurd naar 2 chats.');
    const before = h.fake.sent.length;
    h.clock.now = new Date('2026-11-22T16:59:00Z');
    await m.tick();
    expect(h.fake.sent.length).toBe(before);
    h.clock.now = new Date('2026-11-22T17:00:00Z');
    await m.tick();
    const sent = h.fake.sent.slice(before);
    expect(sent.map((s) => [s.chatId, s.text, s.buttons])).toEqual([
      ['gA1', '📢 Mededeling van Anna de Vries\n\nVergadering in de recreatieruimte.', []],
      ['gA2', '📢 Mededeling van Anna de Vries\n\nVergadering in de recreatieruimte.', []],
    ]);
    await m.tick();
    expect(h.fake.sent.length).toBe(before + 2);
  });

  it('re-pings the members who did not acknowledge, once, by DM, after the configured 48 hours', async () => {
    h.clock.now = new Date('2026-11-24T09:59:00Z');
    await m.tick();
    expect(h.fake.dmsTo('u-daan')).toEqual([]);
    h.clock.now = new Date('2026-11-24T10:00:00Z');
    await m.tick();
    expect(h.fake.dmsTo('u-daan').map((s) => s.text)).toEqual([
      'Heb je deze mededeling al gelezen? Tik op "Gelezen ✓" als dat zo is.\n📢 Mededeling van Anna de Vries\n\nDe lift is morgen van 9 tot 12 buiten gebruik.',
    ]);
    expect(h.fake.dmsTo('u-daan')[0]!.buttons).toEqual([[{ label: 'Gelezen ✓ (2)', action: 'ann:ack:1' }]]);
    // Bram and Chloé acknowledged; Anna wrote it.
    expect([...h.fake.dmsTo('u-bram'), ...h.fake.dmsTo('u-chloe')].filter((s) => s.text.startsWith('Heb je'))).toEqual([]);
    expect(h.fake.dmsTo('u-anna').filter((s) => s.text.startsWith('Heb je'))).toEqual([]);
    // Daan acknowledges from the DM: counts everywhere. No second re-ping ever.
    await h.fake.press(daan, 'dm:u-daan', 'ann:ack:1');
    await m.flush();
    expect(h.fake.sent.filter((s) => s.edited && s.chatId === 'gA1').at(-1)!.buttons[0]![0]!.label).toBe('Gelezen ✓ (3)');
    h.clock.now = new Date('2026-11-27T10:00:00Z');
    await m.tick();
    expect(h.fake.dmsTo('u-daan').filter((s) => s.text.startsWith('Heb je'))).toHaveLength(1);
  });

  it('a liaison announces from the liaison chat to every complex of the corporation', async () => {
    const [confirm] = await h.fake.say(liaisonUser, 'liaison', '/announce Water is off on Monday 8:00–10:00.');
    expect(confirm!.text).toContain('gaat nu naar 3 chats');
    await m.flush();
    for (const chat of ['gA1', 'gA2', 'gB']) expect(h.fake.last(chat)!.text).toContain('Water is off on Monday');
  });

  it('a long announcement is delivered whole (the adapter splits it), a far too long one is refused, never cut', async () => {
    const paragraph = 'De gemeente vervangt de riolering in de hele straat; de stoep is dan afgesloten. ';
    const text = paragraph.repeat(60).trim(); // ~4,900 characters, over Telegram's 4,096
    const before = h.fake.inChat('gA1').length;
    const [confirm] = await h.fake.say(anna, 'gA1', `/mededeling zonder-gelezen ${text}`);
    expect(confirm!.text).toMatch(/^Mededeling #\d+ gaat nu naar 2 chats\.$/);
    await m.flush();
    // Over one message's length: consecutive parts that together are the whole text.
    const parts = h.fake.inChat('gA1').slice(before);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((x) => x.text).join(' ').replace(/\s+/g, ' ')).toBe(`📢 Mededeling van Anna de Vries ${text}`.replace(/\s+/g, ' '));
    const [refused] = await h.fake.say(anna, 'gA1', `/mededeling ${'x'.repeat(12_001)}`);
    expect(refused!.text).toContain('te lang');
  });
});
