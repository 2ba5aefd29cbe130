import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { people, rotaClaims, rotaOccurrences, rotaTasks } from '../../../src/db/schema/index.js';
import { parseHtml } from '../../support/fake-telegram/html.js';
import type { BotMessage, FakeChat } from '../../support/fake-telegram/server.js';
import { anna, bram, chloe, daan, linkedGroup, telegramWorld, type TelegramWorld } from './setup.js';

const TRAP = 'Trap <b>A</b> & 🧹';
const BINS = 'Containers buiten zetten';
const BOT = '@zelfbeheer_test_bot';

/** Who holds the turn now (claims not released), by display name. */
async function holders(w: TelegramWorld, occurrenceId: number): Promise<string[]> {
  const rows = await w.database.db.select({ name: people.displayName }).from(rotaClaims).innerJoin(people, eq(people.id, rotaClaims.personId))
    .where(and(eq(rotaClaims.occurrenceId, occurrenceId), isNull(rotaClaims.releasedAt)));
  return rows.map((r) => r.name);
}

/** The first upcoming turn of a task. */
async function firstTurn(w: TelegramWorld, name: string): Promise<number> {
  const [row] = await w.database.db.select({ id: rotaOccurrences.id }).from(rotaOccurrences).innerJoin(rotaTasks, eq(rotaTasks.id, rotaOccurrences.taskId))
    .where(eq(rotaTasks.name, name)).orderBy(rotaOccurrences.dueAt).limit(1);
  return row!.id;
}

/** What the bot sent to the chat after the first `before` messages. */
const since = (w: TelegramWorld, chat: FakeChat, before: number): BotMessage[] => w.fake.sentTo(chat).slice(before);

describe('rota through the real Telegram adapter (telegraf ↔ fake Bot API, real PostgreSQL)', () => {
  let w: TelegramWorld;
  let group: FakeChat;
  beforeAll(async () => {
    w = await telegramWorld();
    ({ group } = await linkedGroup(w, []));
    expect(w.fake.lastIn(group)!.text).toContain('Gelukt! Deze groep is nu gekoppeld aan De Linde.');
    for (const u of [bram, chloe]) await w.fake.say(u, group, 'hallo allemaal');
  });
  afterAll(async () => { await w.close(); });

  it('a coordinator creates tasks by /taak nieuw with Save; a name with <b>, & and an emoji arrives escaped and intact', async () => {
    await w.fake.say(anna, group, `/taak nieuw ${TRAP}, elke zaterdag, om 10:00, 30 min, 2 punten`);
    const preview = w.fake.lastIn(group)!;
    expect(preview.text).toBe(`Zo zet ik de nieuwe taak erin. Klopt het?\n• ${TRAP} — elke zaterdag, 10:00, 30 min, 1 pers., 2 punten`);
    expect(preview.html).toContain('Trap &lt;b&gt;A&lt;/b&gt; &amp; 🧹');
    expect(preview.buttons.flat().map((b) => b.text)).toEqual(['Opslaan', 'Annuleren']);
    await w.fake.press(anna, group, 'Opslaan');
    const saved = w.fake.lastIn(group)!;
    expect(saved.text).toBe(`Taak ${TRAP} toegevoegd. Zie /rooster.`);
    // The Save press edits the preview in place (buttons gone), it does not add a message.
    expect(saved.messageId).toBe(preview.messageId);
    expect(saved.buttons).toEqual([]);

    await w.fake.say(anna, group, `/taak nieuw ${BINS}, elke maandag, om 19:00, 10 min`);
    await w.fake.press(anna, group, 'Opslaan');
    expect(w.fake.lastIn(group)!.text).toBe(`Taak ${BINS} toegevoegd. Zie /rooster.`);
    const names = await w.database.db.select({ name: rotaTasks.name }).from(rotaTasks).orderBy(rotaTasks.id);
    expect(names.map((n) => n.name)).toEqual([TRAP, BINS]);
  });

  it('/rooster shows the rota with the name intact in valid Telegram HTML and claim buttons within 64 bytes', async () => {
    await w.fake.say(bram, group, '/rooster');
    const view = w.fake.lastIn(group)!;
    expect(view.text).toContain(`• za 28 nov 10:00 — ${TRAP}: open (1)`);
    expect(view.text).toContain(`• ma 23 nov 19:00 — ${BINS}: open (1)`);
    expect(view.html).toContain('Trap &lt;b&gt;A&lt;/b&gt; &amp; 🧹');
    expect(view.html).not.toContain('<b>A</b>');
    // The fake parses strictly like Telegram; parse again here to be explicit about it.
    expect(parseHtml(view.html).text).toBe(view.text);
    const buttons = view.buttons.flat();
    expect(buttons.length).toBeGreaterThanOrEqual(4);
    expect(buttons.map((b) => b.text)).toContain(`Neem: ${TRAP}, za 28 nov 10:00`);
    for (const b of buttons) {
      expect(b.data).toMatch(/^rota:cv?:\d+$/);
      expect(Buffer.byteLength(b.data, 'utf8')).toBeLessThanOrEqual(64);
    }
  });

  it('claims by button and by free text; swap accepted with one button; done with minutes; statistics by DM', async () => {
    const bins = await firstTurn(w, BINS);
    const trap = await firstTurn(w, TRAP);

    // Bram presses the claim button of Monday's bins under the rota.
    const before = w.fake.sentTo(group).length;
    const callbacks = w.fake.callsOf('answerCallbackQuery').length;
    await w.fake.press(bram, group, `Neem: ${BINS}, ma 23 nov 19:00`);
    expect(w.fake.callsOf('answerCallbackQuery')).toHaveLength(callbacks + 1);
    expect([...w.fake.state.callbacks.values()].every((q) => q.answered)).toBe(true);
    expect(since(w, group, before).map((m) => m.text)).toEqual([`Bram Jansen doet ${BINS}, ma 23 nov 19:00. Dank je wel!`]);
    expect(await holders(w, bins)).toEqual(['Bram Jansen']);

    // Chloé mentions the bot in English free text; nothing is stored until she presses Yes. The
    // question is in the group, so in the group's language.
    await w.fake.say(chloe, group, `${BOT} I'll take the stairs on saturday`);
    const ask = w.fake.lastIn(group)!;
    expect(ask.text).toBe(`Bedoel je ${TRAP}, za 28 nov 10:00? Zal ik je indelen?`);
    expect(ask.html).toContain('Trap &lt;b&gt;A&lt;/b&gt; &amp; 🧹');
    expect(ask.buttons.flat().map((b) => b.text)).toEqual(['Ja, ik neem hem', 'Nee']);
    expect(ask.buttons.flat().map((b) => b.data)).toEqual([`rota:cy:${trap}`, 'rota:no']);
    expect(await holders(w, trap)).toEqual([]);
    await w.fake.press(chloe, group, 'Ja, ik neem hem');
    // The answer replaces the question: no Yes/No left to press ("No" would claim nothing changed).
    const claimed = w.fake.lastIn(group)!;
    expect(claimed.text).toBe(`Chloé Martin doet ${TRAP}, za 28 nov 10:00. Dank je wel!`);
    expect(claimed.messageId).toBe(ask.messageId);
    expect(claimed.buttons).toEqual([]);
    expect(await holders(w, trap)).toEqual(['Chloé Martin']);

    // Bram offers his bins turn for a swap; Chloé accepts with the one Swap button.
    await w.fake.say(bram, group, '/ruilen containers');
    const offer = w.fake.lastIn(group)!;
    expect(offer.text).toBe(`Bram Jansen wil ${BINS}, ma 23 nov 19:00 ruilen. Ruil je mee? Dan neem jij deze beurt en neemt Bram Jansen een van jouw beurten.`);
    expect(offer.buttons.flat().map((b) => b.text)).toEqual(['Ruilen', 'Ik neem het over']);
    await w.fake.press(chloe, group, 'Ruilen');
    const swapped = w.fake.lastIn(group)!;
    // Written in the group's language, whoever pressed (Chloé reads English elsewhere).
    expect(swapped.text).toBe(`Geruild: Chloé Martin doet ${BINS}, ma 23 nov 19:00; Bram Jansen doet ${TRAP}, za 28 nov 10:00.`);
    expect(swapped.messageId).toBe(offer.messageId); // the offer is edited: its buttons cannot be pressed twice
    expect(swapped.buttons).toEqual([]);
    expect(await holders(w, bins)).toEqual(['Chloé Martin']);
    expect(await holders(w, trap)).toEqual(['Bram Jansen']);

    // After Saturday Bram reports the stairs done with 30 minutes.
    w.clock.now = new Date('2026-11-28T12:00:00Z');
    await w.fake.say(bram, group, '/gedaan trap 30');
    const done = w.fake.lastIn(group)!;
    expect(done.text).toBe(`Top, ${TRAP}, za 28 nov 10:00 is gedaan (30 minuten). Dank je wel, Bram Jansen!`);
    expect(parseHtml(done.html).text).toBe(done.text);
    const [claim] = await w.database.db.select().from(rotaClaims).where(and(eq(rotaClaims.occurrenceId, trap), isNull(rotaClaims.releasedAt)));
    expect(claim).toMatchObject({ minutes: 30 });
    expect(claim!.doneAt).toEqual(w.clock.now);
    const [occ] = await w.database.db.select().from(rotaOccurrences).where(eq(rotaOccurrences.id, trap));
    expect(occ!.status).toBe('done');

    // In a private chat /mijnbijdrage answers there, by DM only.
    const dm = w.fake.privateChat(bram);
    const groupCount = w.fake.sentTo(group).length;
    await w.fake.say(bram, dm, '/mijnbijdrage');
    expect(w.fake.sentTo(dm).map((m) => m.text)).toEqual([
      'Jouw bijdrage in de afgelopen 90 dagen: 1 beurt, 2 punten, 0,5 uur. Gemiddeld per bewoner: 0,7 punten.',
    ]);
    expect(w.fake.sentTo(group)).toHaveLength(groupCount);
    // Decimals in the reader's own notation: 2 points over 3 members is 0,7 in Dutch and 0.7 in English.
    const dmChloe = w.fake.privateChat(chloe);
    await w.fake.say(chloe, dmChloe, '/mycontribution');
    expect(w.fake.lastIn(dmChloe)!.text).toBe('Your contribution over the last 90 days: 0 turns, 0 points, 0 hours. Average per resident: 0.7 points.');
  });

  it('your own turns by DM: /mytasks in the group answers privately; a turn button pressed in the DM releases it and the group hears', async () => {
    w.clock.now = new Date('2026-11-22T10:00:00Z');
    const bins = await firstTurn(w, BINS);
    const dm = w.fake.privateChat(chloe);
    const groupBefore = w.fake.sentTo(group).length;
    const dmBefore = w.fake.sentTo(dm).length;
    await w.fake.say(chloe, group, '/mytasks');
    expect(since(w, group, groupBefore)).toEqual([]);
    const list = w.fake.sentTo(dm).slice(dmBefore);
    expect(list.map((m) => m.text)).toEqual(['Your turns:\n• Containers buiten zetten, Mon 23 Nov 19:00']);
    await w.fake.press(chloe, dm, 'Containers buiten zetten');
    const actions = w.fake.lastIn(dm)!;
    expect(actions.buttons.flat().map((b) => b.text)).toEqual(['Done', 'Release', 'Give away', 'Swap']);
    await w.fake.press(chloe, dm, 'Release');
    expect(w.fake.lastIn(dm)!.text).toBe('Chloé Martin released Containers buiten zetten, Mon 23 Nov 19:00.');
    expect(await holders(w, bins)).toEqual([]);
    // 33 hours ahead, inside the release window: the group is asked, with a claim button.
    const call = since(w, group, groupBefore);
    // Said to the group: in the complex's language.
    expect(call.map((m) => m.text)).toEqual(['Containers buiten zetten, ma 23 nov 19:00 is weer open! Wie neemt hem?']);
    expect(call[0]!.buttons.flat().map((b) => b.data)).toEqual([`rota:c:${bins}`]);
    // Bram takes it from the group with that button.
    await w.fake.press(bram, group, 'Neem: Containers buiten zetten');
    expect(w.fake.lastIn(group)!.text).toBe(`Bram Jansen doet ${BINS}, ma 23 nov 19:00. Dank je wel!`);
    expect(await holders(w, bins)).toEqual(['Bram Jansen']);
    expect([...w.fake.state.callbacks.values()].filter((q) => !q.answered)).toEqual([]);
  });

  it('a rota longer than one Telegram message arrives in parts, each valid HTML within 4096, with the buttons under the last', async () => {
    await w.fake.say(anna, group, '/taak nieuw Gemeenschappelijke ruimte opruimen en stofzuigen <&>, elke dag, om 08:00, 15 min');
    await w.fake.press(anna, group, 'Opslaan');
    const before = w.fake.sentTo(group).length;
    await w.fake.say(daan, group, '/rooster 8');
    const parts = since(w, group, before);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.html.length).toBeLessThanOrEqual(4096);
      expect(parseHtml(part.html).text).toBe(part.text);
    }
    const lines = parts.flatMap((m) => m.text.split('\n'));
    expect(lines.filter((l) => l.includes('Gemeenschappelijke ruimte opruimen en stofzuigen <&>: open (1)')).length).toBeGreaterThanOrEqual(55);
    expect(lines.filter((l) => l.includes(TRAP)).length).toBe(8);
    expect(parts.slice(0, -1).every((m) => m.buttons.length === 0)).toBe(true);
    expect(parts.at(-1)!.buttons.flat()).toHaveLength(8);
  });

  it('in a private chat: /rooster and free text work for a member of one complex; the Yes press there claims', async () => {
    const dm = w.fake.privateChat(daan);
    await w.fake.say(daan, dm, '/rooster');
    expect(w.fake.lastIn(dm)!.text).toContain(`za 5 dec 10:00 — ${TRAP}: open (1)`);
    await w.fake.say(daan, dm, 'ik doe de trap op 5 december');
    const ask = w.fake.lastIn(dm)!;
    expect(ask.text).toBe(`Bedoel je ${TRAP}, za 5 dec 10:00? Zal ik je indelen?`);
    await w.fake.press(daan, dm, 'Ja, ik neem hem');
    expect(w.fake.lastIn(dm)).toMatchObject({ messageId: ask.messageId, text: `Daan Bakker doet ${TRAP}, za 5 dec 10:00. Dank je wel!`, buttons: [] });
    const [turn] = await w.database.db.select({ id: rotaOccurrences.id }).from(rotaOccurrences).innerJoin(rotaTasks, eq(rotaTasks.id, rotaOccurrences.taskId))
      .where(and(eq(rotaTasks.name, TRAP), eq(rotaOccurrences.dueAt, new Date('2026-12-05T09:00:00Z'))));
    expect(await holders(w, turn!.id)).toEqual(['Daan Bakker']);
  });

  it('answering a question replaces it: free-text release and done leave no Yes/No to press twice', async () => {
    // Daan holds the stairs on 5 Dec (previous test); he releases it by free text in the group.
    await w.fake.say(daan, group, `${BOT} ik geef de trap op 5 december vrij`);
    const ask = w.fake.lastIn(group)!;
    expect(ask.text).toBe(`Wil je ${TRAP}, za 5 dec 10:00 vrijgeven?`);
    expect(ask.buttons.flat().map((b) => b.text)).toEqual(['Ja', 'Nee']);
    await w.fake.press(daan, group, 'Ja');
    expect(w.fake.sentTo(group).find((m) => m.messageId === ask.messageId)).toMatchObject({
      text: `Daan Bakker heeft ${TRAP}, za 5 dec 10:00 vrijgegeven.`, buttons: [] });

    // Daan takes Monday's bins (one match: taken at once, no question); after it, he reports it done by free text.
    await w.fake.say(daan, group, '/neem containers 30 nov');
    expect(w.fake.lastIn(group)!.text).toBe(`Daan Bakker doet ${BINS}, ma 30 nov 19:00. Dank je wel!`);
    w.clock.now = new Date('2026-11-30T20:00:00Z');
    await w.fake.say(daan, group, `${BOT} containers gedaan, 15 min`);
    const done = w.fake.lastIn(group)!;
    expect(done.text).toBe(`Zal ik ${BINS}, ma 30 nov 19:00 als gedaan melden (15 minuten)?`);
    const yes = done.buttons.flat()[0]!;
    expect(yes.data).toMatch(/^rota:dy:\d+:15$/);
    await w.fake.press(daan, group, 'Ja');
    expect(w.fake.sentTo(group).find((m) => m.messageId === done.messageId)).toMatchObject({
      text: `Top, ${BINS}, ma 30 nov 19:00 is gedaan (15 minuten). Dank je wel, Daan Bakker!`, buttons: [] });
    const [claim] = await w.database.db.select().from(rotaClaims).where(eq(rotaClaims.id, Number(yes.data.split(':')[2])));
    expect(claim).toMatchObject({ minutes: 15, doneAt: w.clock.now });
    expect(claim!.personId).toBe((await w.database.db.select().from(people).where(eq(people.displayName, 'Daan Bakker')))[0]!.id);
    // A stale copy of the old Yes (a client that has not seen the edit yet) is answered and changes nothing.
    const doneAt = w.clock.now;
    w.clock.now = new Date('2026-11-30T20:05:00Z');
    await w.fake.deliver(w.fake.updates.callback(daan, { ...done, buttons: [[yes]] }, yes.data));
    expect([...w.fake.state.callbacks.values()].filter((q) => !q.answered)).toEqual([]);
    const [after] = await w.database.db.select().from(rotaClaims).where(eq(rotaClaims.id, claim!.id));
    expect(after).toMatchObject({ minutes: 15, doneAt });
    w.clock.now = new Date('2026-11-22T10:00:00Z');

    // "Which one?" (several turns in the range): the choice replaces the question with the result.
    await w.fake.say(chloe, group, '/claim ruimte next week');
    const which = w.fake.lastIn(group)!;
    expect(which.text).toBe('Welke bedoel je?');
    // Labels over 64 characters are cut in the middle, so the dates that tell them apart stay visible.
    const ROOM = 'Gemeenschappelijke ruimte opruimen en s…gen <&>';
    expect(which.buttons.flat().map((b) => b.text)).toEqual([
      `${ROOM}, ma 23 nov 08:00`, `${ROOM}, di 24 nov 08:00`, `${ROOM}, wo 25 nov 08:00`, `${ROOM}, do 26 nov 08:00`, 'Nee']);
    expect(which.buttons.flat().every((b) => [...b.text].length <= 64)).toBe(true);
    await w.fake.press(chloe, group, 'di 24 nov');
    expect(w.fake.sentTo(group).find((m) => m.messageId === which.messageId)).toMatchObject({
      text: 'Chloé Martin doet Gemeenschappelijke ruimte opruimen en stofzuigen <&>, di 24 nov 08:00. Dank je wel!', buttons: [] });
  });

  it('from a DM: a swap offer is posted in the group; a handover asks the other person by DM and tells the giver', async () => {
    const bins = await firstTurn(w, BINS);
    const bramDm = w.fake.privateChat(bram);
    const chloeDm = w.fake.privateChat(chloe);
    const groupBefore = w.fake.sentTo(group).length;
    await w.fake.say(bram, bramDm, '/ruilen containers');
    expect(w.fake.lastIn(bramDm)!.text).toBe('Ik heb je aanbod in de groep gezet.');
    const posted = since(w, group, groupBefore);
    // Posted for the group: in the complex's language, with both ways to accept.
    expect(posted.map((m) => m.text)).toEqual([`Bram Jansen wil ${BINS}, ma 23 nov 19:00 ruilen. Ruil je mee? Dan neem jij deze beurt en neemt Bram Jansen een van jouw beurten.`]);
    expect(posted[0]!.buttons.flat().map((b) => b.text)).toEqual(['Ruilen', 'Ik neem het over']);
    await w.fake.press(chloe, group, 'Ruilen');
    expect(w.fake.sentTo(group).find((m) => m.messageId === posted[0]!.messageId)!.text)
      .toBe(`Geruild: Chloé Martin doet ${BINS}, ma 23 nov 19:00; Bram Jansen doet Gemeenschappelijke ruimte opruimen en stofzuigen <&>, di 24 nov 08:00.`);
    expect(await holders(w, bins)).toEqual(['Chloé Martin']);

    // Chloé hands it over to Bram by @username; Bram is asked privately and accepts there.
    await w.fake.say(chloe, group, '/handover bins to @bramj');
    expect(w.fake.lastIn(group)!.text).toBe(`Ik heb Bram Jansen gevraagd of die ${BINS}, ma 23 nov 19:00 overneemt.`);
    const asked = w.fake.lastIn(bramDm)!;
    expect(asked.text).toBe(`Chloé Martin wil ${BINS}, ma 23 nov 19:00 aan jou overdragen. Neem je hem over?`);
    expect(asked.buttons.flat().map((b) => b.text)).toEqual(['Accepteren', 'Weigeren']);
    await w.fake.press(bram, bramDm, 'Accepteren');
    expect(w.fake.sentTo(bramDm).find((m) => m.messageId === asked.messageId)).toMatchObject({
      text: `Bram Jansen neemt ${BINS}, ma 23 nov 19:00 over van Chloé Martin. Dank je!`, buttons: [] });
    expect(w.fake.lastIn(chloeDm)!.text).toBe(`Bram Jansen took over ${BINS}, Mon 23 Nov 19:00 from Chloé Martin.`);
    expect(await holders(w, bins)).toEqual(['Bram Jansen']);

    // Bram tries to hand it back; Chloé declines: her question is replaced, Bram hears it and keeps the turn.
    await w.fake.say(bram, group, '/overdragen containers aan @chloe_m');
    const back = w.fake.lastIn(chloeDm)!;
    expect(back.buttons.flat().map((b) => b.text)).toEqual(['Accept', 'Decline']);
    await w.fake.press(chloe, chloeDm, 'Decline');
    expect(w.fake.sentTo(chloeDm).find((m) => m.messageId === back.messageId)).toMatchObject({
      text: 'OK, I’ll let Bram Jansen know you cannot.', buttons: [] });
    expect(w.fake.lastIn(bramDm)!.text).toBe(`Chloé Martin kan ${BINS}, ma 23 nov 19:00 helaas niet overnemen. Je beurt blijft van jou.`);
    expect(await holders(w, bins)).toEqual(['Bram Jansen']);
  });
});
