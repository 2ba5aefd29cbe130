import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { chats, complexes, complexMembers, corporations, people } from '../../../src/db/schema/index.js';
import { issueJoinCode } from '../../../src/tenancy/codes.js';
import { ALLOWED_UPDATES } from '../../../adapters/telegram/index.js';
import type { FakeChat } from '../../support/fake-telegram/server.js';
import { anna, bram, chloe, daan, telegramWorld, type TelegramWorld } from './setup.js';

const COMPLEX_NAME = 'De Linde <b>&</b> 🌳';
const GROUP_TITLE = 'Bewoners <b>Linde</b> & co 🏡';

describe('Telegram adapter in a group, end to end (telegraf ↔ fake Bot API, real PostgreSQL)', () => {
  let w: TelegramWorld;
  let group: FakeChat;
  beforeAll(async () => { w = await telegramWorld(); });
  afterAll(async () => { await w.close(); });

  it('registers command menus per scope and language and long-polls only the updates it uses', async () => {
    const menus = w.fake.state.commandMenus;
    expect([...menus.keys()].sort()).toEqual([
      'all_chat_administrators|', 'all_chat_administrators|en', 'all_chat_administrators|nl',
      'all_private_chats|', 'all_private_chats|en', 'all_private_chats|nl', 'default|', 'default|en', 'default|nl',
    ]);
    const names = (key: string): string[] => menus.get(key)!.map((c) => c.command);
    expect(menus.get('default|nl')).toContainEqual({ command: 'koppel', description: 'deze groep koppelen aan je complex' });
    expect(menus.get('default|en')).toContainEqual({ command: 'setup', description: 'link this group to your complex' });
    expect(names('default|')).toEqual(names('default|nl'));
    // Coordinator commands only in the group admins' menu.
    expect(names('all_chat_administrators|nl')).toContain('coordinator');
    expect(names('default|nl')).not.toContain('coordinator');
    expect(names('all_private_chats|en')).toContain('start');
    await vi.waitFor(() => expect(w.fake.callsOf('getUpdates').find((p) => p.allowed_updates)?.allowed_updates).toEqual([...ALLOWED_UPDATES]));
    expect(w.fake.callsOf('deleteWebhook')).toHaveLength(1);
  });

  it('links a group with /koppel@bot <code>; getChatAdministrators admins become coordinators; titles arrive escaped and intact', async () => {
    const db = w.database.db;
    const [corp] = await db.insert(corporations).values({ name: 'Woonstede' }).returning();
    const [complex] = await db.insert(complexes).values({ name: COMPLEX_NAME, corporationId: corp!.id }).returning();
    const { code } = await issueJoinCode(db, { purpose: 'complex', complexId: complex!.id, now: w.clock.now });

    group = w.fake.group(GROUP_TITLE, { admins: [anna, bram] });
    await w.fake.addBot(group, anna);
    // Its own arrival (my_chat_member; the service message is not doubled) brings one explanation.
    expect(w.seen.filter((e) => e.kind === 'member_joined')).toMatchObject([{ user: { userId: String(w.fake.me.id), isBot: true } }]);
    expect(w.fake.sentTo(group).map((m) => m.text)).toEqual([
      'Hallo allemaal! Ik ben de zelfbeheer-bot. Een beheerder van deze groep koppelt mij aan jullie complex met /koppel <code> (de code krijg je van je corporatie), of met /koppel zonder code om een nieuw complex te registreren.',
    ]);

    // Before linking: the help hint shows the literal "<code>" (escaped in HTML, intact for the reader).
    await w.fake.say(chloe, group, '/help');
    const hint = w.fake.lastIn(group)!;
    expect(hint.text).toContain('/setup <code>');
    expect(hint.html).toContain('/setup &lt;code&gt;');

    // Addressed to another bot: not ours.
    const before = w.fake.sentTo(group).length;
    await w.fake.say(anna, group, `/koppel@some_other_bot ${code}`);
    expect(w.fake.sentTo(group)).toHaveLength(before);

    const commandId = await w.fake.say(anna, group, `/koppel@zelfbeheer_test_bot ${code}`);
    const linked = w.fake.lastIn(group)!;
    expect(linked.text).toBe(`Gelukt! Deze groep is nu gekoppeld aan ${COMPLEX_NAME}. Coördinatoren: Anna de Vries, Bram Jansen. Typ /hulp om te beginnen.`);
    expect(linked.html).toContain('De Linde &lt;b&gt;&amp;&lt;/b&gt; 🌳');
    expect(linked.replyTo).toBeGreaterThan(0);
    expect(commandId).toBeGreaterThan(0);

    const [chat] = await db.select().from(chats).where(eq(chats.platformChatId, String(group.id)));
    expect(chat).toMatchObject({ platform: 'telegram', complexId: complex!.id, title: GROUP_TITLE });
    const members = await db.select({ name: people.displayName, role: complexMembers.role }).from(complexMembers)
      .innerJoin(people, eq(people.id, complexMembers.personId));
    expect(members.map((m) => `${m.name}:${m.role}`).sort()).toEqual(['Anna de Vries:coordinator', 'Bram Jansen:coordinator']);
  });

  it('/taal without arguments offers buttons; a press switches the language, edits nothing else and is answered', async () => {
    await w.fake.say(bram, group, '/taal');
    const offer = w.fake.lastIn(group)!;
    expect(offer.text).toBe('Kies je taal:');
    expect(offer.buttons).toEqual([[{ text: 'Nederlands', data: 'lang:nl' }, { text: 'English', data: 'lang:en' }]]);

    await w.fake.press(bram, group, 'English');
    expect(w.fake.lastIn(group)!.text).toBe('From now on I will talk to you in English.');
    const [row] = await w.database.db.select().from(people).where(eq(people.displayName, 'Bram Jansen'));
    expect(row!.language).toBe('en');
    expect([...w.fake.state.callbacks.values()].every((q) => q.answered)).toBe(true);

    // What the bot says to Bram alone is now in English; the group keeps the group's language.
    const dm = w.fake.privateChat(bram);
    await w.fake.say(bram, dm, '/hulp');
    expect(w.fake.lastIn(dm)!.text).toContain('This is what I can do for you');
    expect(w.fake.lastIn(dm)!.text).toContain('For coordinators:');
    await w.fake.say(bram, group, '/hulp');
    expect(w.fake.lastIn(group)!.text).toContain('Dit kan ik voor je doen');
  });

  it('handles one chat\'s updates in order even when they arrive in one batch', async () => {
    const u = w.fake.updates;
    const dm = w.fake.privateChat(anna);
    const batch = u.pushBatch([u.text(anna, dm, '/taal en'), u.text(anna, dm, '/help'), u.text(anna, dm, '/taal nl'), u.text(anna, dm, '/help')]);
    await Promise.all(batch.map((b) => u.handled(b)));
    const replies = w.fake.sentTo(dm).slice(-4).map((m) => m.text.split('\n')[0]);
    expect(replies).toEqual(['From now on I will talk to you in English.', 'This is what I can do for you:',
      'Ik praat vanaf nu Nederlands met je.', 'Dit kan ik voor je doen:']);
  });

  it('answers every callback, also when the button is unknown or its handler fails', async () => {
    const offer = w.fake.lastIn(group)!;
    await w.fake.deliver(w.fake.updates.callback(daan, offer, 'nothing:here'));
    expect(w.fake.lastIn(group)!.text).toContain('Deze knop werkt niet meer');
    await w.fake.deliver(w.fake.updates.callback(daan, offer, '~gone1234'));
    expect(w.fake.lastIn(group)!.text).toContain('Deze knop werkt niet meer');
    expect([...w.fake.state.callbacks.values()].filter((q) => !q.answered)).toEqual([]);
    expect(w.fake.callsOf('answerCallbackQuery').length).toBe(w.fake.state.callbacks.size);
  });

  it('unknown commands are answered with a pointer to help; free text is told apart by who it is for', async () => {
    await w.fake.say(daan, group, '/vliegtuig');
    expect(w.fake.lastIn(group)!.text).toBe('Die opdracht ken ik niet: /vliegtuig. Typ /hulp voor wat ik kan.');

    const sent = w.fake.sentTo(group).length;
    await w.fake.say(daan, group, 'wie heeft de ladder?');
    await w.fake.say(daan, group, '@zelfbeheer_test_bot wie heeft de ladder?');
    await w.fake.say(daan, group, 'en de sleutel?', { replyTo: w.fake.lastIn(group)! });
    const texts = w.seen.filter((e) => e.kind === 'text').slice(-3);
    expect(texts.map((e) => e.kind === 'text' && [e.text, e.addressedToBot])).toEqual([
      ['wie heeft de ladder?', false], ['wie heeft de ladder?', true], ['en de sleutel?', true],
    ]);
    // Chatter stays silent; the two messages meant for the bot get the general answer, never an error.
    const answers = w.fake.sentTo(group).slice(sent);
    expect(answers).toHaveLength(2);
    for (const a of answers) expect(a.text).toContain('Dit kan ik hier voor je doen:');
  });

  it('greets a new member; members leaving are events', async () => {
    await w.fake.join(group, chloe);
    // A message to the group: in the group's language, whoever it greets.
    expect(w.fake.lastIn(group)!.text).toBe('Welkom Chloé Martin! Typ /hulp om te zien wat ik voor je kan doen.');
    expect(w.fake.lastIn(group)!.links).toEqual([{ text: 'Chloé Martin', href: `tg://user?id=${chloe.id}` }]);
    await w.fake.leave(group, chloe);
    expect(w.seen.at(-1)).toMatchObject({ kind: 'member_left', user: { displayName: 'Chloé Martin' } });
  });

  it('asks an anonymous admin to write as themselves instead of acting for an unknown person', async () => {
    const id = await w.fake.anonymousSay(group, '/coordinator @daan');
    expect(w.fake.lastIn(group)!.text).toContain('anonieme beheerder');
    await w.fake.updates.redeliver(id); // answered once, also when redelivered
    await w.fake.anonymousSay(group, 'gewoon een mededeling');
    expect(w.fake.lastIn(group)!.text).toContain('anonieme beheerder'); // no second reply to chatter
    expect(w.fake.sentTo(group).filter((m) => m.text.includes('anonieme beheerder'))).toHaveLength(1);
  });

  it('keeps the complex link when the group is upgraded to a supergroup; a send to the old id follows it', async () => {
    const supergroup = await w.fake.migrate(group, anna);
    const [chat] = await w.database.db.select().from(chats).where(eq(chats.title, GROUP_TITLE));
    expect(chat!.platformChatId).toBe(String(supergroup.id));
    await w.fake.say(anna, supergroup, '/start');
    expect(w.fake.lastIn(supergroup)!.text).toBe(`Hallo! Deze groep hoort bij ${COMPLEX_NAME}. Typ /hulp om te zien wat ik kan.`);
    // Something queued with the old id (an outbox row) still arrives.
    const ref = await w.platform.send(String(group.id), { lang: 'nl', body: [{ key: 'core.plain', params: { text: 'Herinnering' } }] });
    expect(ref.chatId).toBe(String(supergroup.id));
    expect(w.fake.lastIn(supergroup)!.text).toBe('Herinnering');
    group = supergroup;
  });

  it('a button result replaces the message it was pressed on (edited in place, buttons gone); removal of the bot is an event', async () => {
    const fresh = w.fake.group('Nieuw hofje', { admins: [chloe] });
    await w.fake.say(chloe, fresh, '/setup');
    const offer = w.fake.lastIn(fresh)!;
    expect(offer.buttons.flat().map((b) => b.text)).toEqual(['Register a new complex']);
    await w.fake.press(chloe, fresh, 'Register a new complex');
    expect(w.fake.sentTo(fresh)).toHaveLength(1);
    expect(w.fake.lastIn(fresh)).toMatchObject({ messageId: offer.messageId, edits: 1, buttons: [] });
    expect(w.fake.lastIn(fresh)!.text).toContain('New complex Nieuw hofje registered');
    await w.fake.removeBot(fresh, chloe);
    expect(w.seen.at(-1)).toMatchObject({ kind: 'member_left', user: { isBot: true }, chat: { chatId: String(fresh.id) } });
  });

  it('tells someone who never opened a private chat with the bot why a private answer cannot come', async () => {
    const eva = { id: 105, first_name: 'Eva', language_code: 'nl' };
    await w.fake.say(eva, group, '/koppelaccount');
    await vi.waitFor(() => expect(w.fake.lastIn(group)!.text)
      .toBe('Ik kan je geen privébericht sturen. Open eerst een privéchat met mij en druk op Start, en probeer het dan opnieuw.'));
    w.fake.privateChat(eva); // she presses Start
    await w.fake.say(eva, group, '/koppelaccount');
    expect(w.fake.lastIn(eva.id)!.text).toMatch(/^Je koppelcode is/);
  });

  it('a redelivered update (restart before the offset was confirmed) has no second effect', async () => {
    const dm = w.fake.privateChat(daan);
    const id = await w.fake.say(daan, dm, '/start');
    expect(w.fake.sentTo(dm)).toHaveLength(1);
    await w.fake.updates.redeliver(id);
    expect(w.seen.filter((e) => e.updateId === String(id))).toHaveLength(2); // the adapter saw it twice
    expect(w.fake.sentTo(dm)).toHaveLength(1);
  });
});
