import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msg } from '../../../src/i18n/index.js';
import { mention, PlatformError, type InboundEvent, type OutboundMessage } from '../../../src/platform.js';
import type { FakeChat } from '../../support/fake-telegram/server.js';
import { anna, bram, chloe, daan, telegramWorld, type TelegramWorld } from './setup.js';

const plain = (text: string, extra: Partial<OutboundMessage> = {}): OutboundMessage => ({ lang: 'nl', body: [msg('core.plain', { text })], ...extra });

async function failure(p: Promise<unknown>): Promise<PlatformError> {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!(err instanceof PlatformError)) throw new Error(`expected a PlatformError, got ${String(err)}`);
  return err;
}

describe('Telegram adapter: outbound messages, direct chats, polls and failures (end to end)', () => {
  let w: TelegramWorld;
  let group: FakeChat;
  beforeAll(async () => {
    w = await telegramWorld();
    group = w.fake.group('Hofje 🌻', { admins: [anna] });
  });
  afterAll(async () => { await w.close(); });

  it('escapes user text (<b>, &, emoji) and keeps it intact; mentions become links', async () => {
    const task = 'Vuilnis <b>buiten</b> & 🗑️ "groen"';
    await w.platform.send(String(group.id), { lang: 'nl', body: [
      msg('core.listItem', { text: task }),
      msg('core.listItem', { text: mention({ platform: 'telegram', userId: String(anna.id), displayName: 'Anna <3 & co' }) }),
    ] });
    const sent = w.fake.lastIn(group)!;
    expect(sent.text).toBe(`• ${task}\n• Anna <3 & co`);
    expect(sent.html).toContain('Vuilnis &lt;b&gt;buiten&lt;/b&gt; &amp; 🗑️ &quot;groen&quot;');
    expect(sent.links).toEqual([{ text: 'Anna <3 & co', href: `tg://user?id=${anna.id}` }]);
  });

  it('splits a 10,000-character list at line boundaries into messages Telegram accepts, in order', async () => {
    const lines = Array.from({ length: 260 }, (_, i) => `Taak ${String(i + 1).padStart(3, '0')}: trap & hal <schoon> 🧹 ${'x'.repeat(12)}`);
    const message: OutboundMessage = { lang: 'nl', body: lines.map((text) => msg('core.listItem', { text })),
      buttons: [[{ label: msg('core.yes'), action: 'x:yes' }]] };
    const total = lines.map((l) => `• ${l}`).join('\n');
    expect(total.length).toBeGreaterThan(10_000);
    const before = w.fake.sentTo(group).length;
    const ref = await w.platform.send(String(group.id), message);
    const parts = w.fake.sentTo(group).slice(before);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const p of parts) {
      expect(p.text.length).toBeLessThanOrEqual(4096);
      expect(p.text.startsWith('• Taak')).toBe(true);
    }
    expect(parts.map((p) => p.text).join('\n')).toBe(total);
    // Buttons on the last part, which is the message the caller gets back (to edit later).
    expect(parts.map((p) => p.buttons.length)).toEqual([...parts.slice(1).map(() => 0), 1]);
    expect(ref.messageId).toBe(String(parts.at(-1)!.messageId));
  });

  it('fits long button actions into 64 bytes of callback_data and gives the full action back on a press', async () => {
    const long = `announce:confirm:${'é'.repeat(40)}`;
    await w.platform.send(String(group.id), { lang: 'nl', body: [msg('core.plain', { text: 'Versturen?' })],
      buttons: [[{ label: msg('core.yes'), action: long }, { label: msg('core.no'), action: 'announce:cancel:1' }]] });
    const [yes, no] = w.fake.lastIn(group)!.buttons[0]!;
    expect(Buffer.byteLength(yes!.data)).toBeLessThanOrEqual(64);
    expect(yes!.data).not.toBe(long);
    expect(no!.data).toBe('announce:cancel:1');
    await w.fake.press(bram, group, 'Ja');
    expect(w.seen.at(-1)).toMatchObject({ kind: 'button', action: long, user: { userId: String(bram.id) } });
  });

  it('edits in place (buttons go), pins, keeps forum topics, re-sends a stored photo and sends files', async () => {
    const ref = await w.platform.send(String(group.id), plain('Wie doet het?', { buttons: [[{ label: msg('core.yes'), action: 'r:c:1' }]] }));
    await w.platform.edit(ref, plain('Bram doet het ✅'));
    const edited = w.fake.sentTo(group).find((m) => String(m.messageId) === ref.messageId)!;
    expect(edited).toMatchObject({ text: 'Bram doet het ✅', buttons: [], edits: 1 });
    await w.platform.edit(ref, plain('Bram doet het ✅')); // unchanged: Telegram says "not modified", which is fine
    await w.platform.pin(ref);
    expect(edited.pinned).toBe(true);

    // A photo's caption is what gets edited.
    const photoRef = await w.platform.send(String(group.id), plain('Lamp kapot', { photoFileId: 'photo-stored', buttons: [[{ label: msg('core.yes'), action: 'r:ok' }]] }));
    await w.platform.edit(photoRef, plain('Lamp gerepareerd'));
    expect(w.fake.lastIn(group)).toMatchObject({ photo: 'photo-stored', text: 'Lamp gerepareerd', buttons: [], edits: 1 });

    const forum = w.fake.group('Forum', { forum: true, admins: [anna] });
    await w.fake.say(anna, forum, '/help', { threadId: 42 });
    expect(w.fake.lastIn(forum)).toMatchObject({ threadId: 42 });
    // The /help event itself, not whatever the adapter recorded last (once, in a full run, a button event was).
    expect(w.seen.filter((e) => e.kind === 'command' && e.command === 'help').at(-1)).toMatchObject({ chat: { chatId: String(forum.id), threadId: '42' } });

    // A photo a resident sent (a report) arrives as an attachment, not downloaded until asked.
    const dm = w.fake.privateChat(chloe);
    await w.fake.photo(chloe, dm, 'Lekkage bij de <kelder> & trap');
    const event = w.seen.at(-1) as Extract<InboundEvent, { kind: 'text' }>;
    expect(event).toMatchObject({ kind: 'text', text: 'Lekkage bij de <kelder> & trap', addressedToBot: true });
    const photo = event.attachments![0]!;
    expect(w.fake.callsOf('getFile')).toHaveLength(0);
    expect((await photo.download!()).toString()).toBe(`jpeg:${photo.fileId}`);
    // …and can be re-sent to the liaison chat by file_id, with a caption.
    const liaison = w.fake.group('Woonstede contact');
    await w.platform.send(String(liaison.id), { lang: 'nl', body: [msg('core.plain', { text: 'Melding <1>' })], photoFileId: photo.fileId });
    expect(w.fake.lastIn(liaison)).toMatchObject({ photo: photo.fileId, text: 'Melding <1>' });

    await w.fake.document(chloe, dm, 'beheerplan.yaml', 'complex: De Linde\n', '/help');
    const upload = w.seen.at(-1) as Extract<InboundEvent, { kind: 'command' }>;
    expect(upload).toMatchObject({ kind: 'command', command: 'help', attachments: [{ kind: 'document', fileName: 'beheerplan.yaml' }] });
    expect((await upload.attachments![0]!.download!()).toString()).toBe('complex: De Linde\n');

    await w.platform.sendDirect(String(chloe.id), { lang: 'en', body: [msg('core.plain', { text: 'Your export' })],
      file: { name: 'plan.yaml', content: Buffer.from('a: 1\n'), mimeType: 'application/yaml' } });
    expect(w.fake.lastIn(dm)).toMatchObject({ text: 'Your export', document: { name: 'plan.yaml', content: Buffer.from('a: 1\n') } });
  });

  it('a direct chat works fully: /start, free text addressed to the bot, /koppelaccount answered privately', async () => {
    const dm = w.fake.privateChat(daan);
    await w.fake.say(daan, dm, '/start');
    expect(w.fake.lastIn(dm)!.text).toMatch(/^Hallo Daan Bakker! Ik ben de zelfbeheer-bot/);
    await w.fake.say(daan, dm, 'hoe werkt dit?');
    expect(w.seen.at(-1)).toMatchObject({ kind: 'text', addressedToBot: true, chat: { isDirect: true } });
    await w.fake.say(daan, dm, '/koppelaccount');
    expect(w.fake.lastIn(dm)!.text).toMatch(/^Je koppelcode is [A-Z0-9]{4}-[A-Z0-9]{4}/);
  });

  it('maps failures for the outbox and never retries itself: 429 → rate_limited with retry_after, 5xx → transient, 403 → permanent', async () => {
    const chat = String(group.id);
    const sendsBefore = w.fake.calls.filter((c) => c.method === 'sendMessage').length;
    w.fake.fail('sendMessage', 429, { retryAfter: 7 });
    const limited = await failure(w.platform.send(chat, plain('Herinnering: vuilnis')));
    expect(limited).toMatchObject({ kind: 'rate_limited', retryAfterMs: 7000 });
    expect(w.fake.calls.filter((c) => c.method === 'sendMessage').length).toBe(sendsBefore + 1); // one attempt, no retry
    // The outbox tries again after retry_after: it arrives exactly once.
    await w.platform.send(chat, plain('Herinnering: vuilnis'));
    expect(w.fake.sentTo(group).filter((m) => m.text === 'Herinnering: vuilnis')).toHaveLength(1);

    w.fake.fail('sendMessage', 502);
    expect(await failure(w.platform.send(chat, plain('x')))).toMatchObject({ kind: 'transient' });
    w.fake.fail('editMessageText', 500);
    expect(await failure(w.platform.edit({ chatId: chat, messageId: String(w.fake.lastIn(group)!.messageId) }, plain('y'))))
      .toMatchObject({ kind: 'transient' });
    const stranger = { id: 999, first_name: 'Nog', last_name: 'Nooit' };
    w.fake.privateChat(stranger, false);
    expect(await failure(w.platform.sendDirect(String(stranger.id), plain('hoi')))).toMatchObject({ kind: 'permanent' });
    expect(await failure(w.platform.send('-123', plain('nergens')))).toMatchObject({ kind: 'permanent' });
    w.fake.fail('sendPoll', 429, { retryAfter: 2 });
    expect(await failure(w.platform.postPoll(chat, { lang: 'nl', question: msg('core.plain', { text: 'q' }), options: [msg('core.yes'), msg('core.no')] })))
      .toMatchObject({ kind: 'rate_limited', retryAfterMs: 2000 });
  });

  it('long polling survives a 429 on getUpdates: telegraf waits retry_after and nothing is lost', async () => {
    const dm = w.fake.privateChat(anna);
    w.fake.fail('getUpdates', 429, { retryAfter: 1 });
    const started = Date.now();
    await w.fake.say(anna, dm, '/start');
    await w.fake.say(anna, dm, '/help');
    expect(w.fake.sentTo(dm).map((m) => m.text.slice(0, 5))).toEqual(['Hallo', 'Dit k']);
    expect(w.fake.calls.some((c) => c.method === 'getUpdates' && c.failedWith === 429)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('polls: non-anonymous sendPoll, every vote / change / retraction as poll_vote, stopPoll at close', async () => {
    const { ref, pollId } = await w.platform.postPoll(String(group.id), {
      lang: 'nl', question: msg('core.plain', { text: 'Hoe schoon is de <hal>? 🧽' }),
      options: [msg('core.plain', { text: 'Goed' }), msg('core.plain', { text: 'Matig' }), msg('core.plain', { text: 'Slecht' })],
    });
    const poll = w.fake.state.polls.get(pollId)!;
    expect(poll).toMatchObject({ question: 'Hoe schoon is de <hal>? 🧽', options: ['Goed', 'Matig', 'Slecht'], isAnonymous: false, closed: false });
    const sentBefore = w.fake.state.messages.length;
    await w.fake.vote(anna, pollId, [0]);
    await w.fake.vote(bram, pollId, [1]);
    await w.fake.vote(chloe, pollId, [2]);
    await w.fake.vote(bram, pollId, [0]); // changes his vote
    await w.fake.vote(chloe, pollId, []); // retracts
    const votes = w.seen.filter((e): e is Extract<InboundEvent, { kind: 'poll_vote' }> => e.kind === 'poll_vote');
    expect(votes.map((v) => [v.user.displayName, v.pollId, v.optionIndexes])).toEqual([
      ['Anna de Vries', pollId, [0]], ['Bram Jansen', pollId, [1]], ['Chloé Martin', pollId, [2]],
      ['Bram Jansen', pollId, [0]], ['Chloé Martin', pollId, []],
    ]);
    expect(w.fake.state.messages.length).toBe(sentBefore); // nothing handles votes yet: silence
    await w.platform.closePoll(ref, pollId);
    expect(poll.closed).toBe(true);
    await w.platform.closePoll(ref, pollId); // closing twice is harmless
    expect(w.fake.callsOf('stopPoll').map((p) => Number(p.message_id))).toEqual([Number(ref.messageId), Number(ref.messageId)]);
  });

  it('lists group admins (anonymous ones included) for setup', async () => {
    const g = w.fake.group('Admins', { admins: [anna, bram], anonymousAdmins: [chloe] });
    const admins = await w.platform.chatAdmins(String(g.id));
    expect(admins.map((a) => [a.displayName, a.isBot])).toEqual([
      ['Anna de Vries', false], ['Bram Jansen', false], ['Chloé Martin', false], ['Zelfbeheer', true],
    ]);
  });
});
