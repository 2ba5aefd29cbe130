import postgres from 'postgres';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modalData } from '../../../adapters/discord/modal.js';
import { pendingActions, reports, rotaTasks } from '../../../src/db/schema/index.js';
import { msg, render } from '../../../src/i18n/index.js';
import { buttonsOf, type FakeInteraction } from '../../support/fake-discord/server.js';
import { discordServer, joinCode, last, shown, text, type, type Server } from './setup.js';

type TextInput = { type: number; custom_id: string; style: number; label: string; required?: boolean; max_length?: number; placeholder?: string; value?: string };
type Modal = { custom_id: string; title: string; components: { type: number; components: TextInput[] }[] };

const modalOf = (i: FakeInteraction): Modal => {
  expect(i.callbacks.map((c) => c.type)).toEqual([9]);
  return i.callbacks[0]!.data as unknown as Modal;
};
const inputs = (m: Modal) => m.components.map((r) => r.components[0]!);

/**
 * Forms on Discord through real discord.js and the fake Discord (whose REST validates every body
 * against Discord's OpenAPI description): /meld alone and /taak nieuw alone open a modal as the
 * interaction's first response; a submit comes back as the form's action with its values.
 */
describe('Discord: forms as modals (real discord.js, fake Discord, real PostgreSQL)', () => {
  let s: Server;
  beforeAll(async () => {
    s = await discordServer({ clock: new Date() });
    const { code } = await joinCode(s.w, 'De Linde');
    await type(s.w, s.anna, s.channel, `/koppel ${code}`);
  }, 60_000);
  afterAll(async () => { await s.w.close(); });

  it('/meld without text opens a modal (description, location); the submit files the draft, which asks only for the category', async () => {
    const before = shown(s, s.channel).length;
    const opened = (await type(s.w, s.bram, s.channel, '/meld'))!;
    const modal = modalOf(opened);
    expect(opened.firstResponseAt! - opened.createdAt).toBeLessThan(3000);
    expect(modal.title).toBe('Iets melden');
    expect(modal.custom_id.length).toBeLessThanOrEqual(100);
    expect(inputs(modal)).toEqual([
      { type: 4, custom_id: 'text', style: 2, label: 'Wat is er aan de hand?', required: true, max_length: 1000, placeholder: 'bijv. de lamp in hal B is kapot' },
      { type: 4, custom_id: 'location', style: 1, label: 'Waar? (mag leeg)', required: false, max_length: 100, placeholder: 'bijv. hal B, 2e verdieping' },
    ]);
    expect(shown(s, s.channel)).toHaveLength(before);
    const submit = s.fake.submitModal(s.bram, opened, { text: 'De lamp bij de fietsenstalling is kapot', location: 'Fietsenstalling' });
    await s.w.handled(submit.id);
    expect(submit.callbacks.map((c) => c.type)).toEqual([5]);
    const ask = last(s, s.channel);
    expect(text(s, ask)).toBe('Waar gaat het over?');
    await s.w.handled(s.fake.press(s.bram, ask, 'Onderhoud').id);
    expect(shown(s, s.channel).map((m) => text(s, m))).toContain('✅ Dank je! Melding #1 staat erin.\n#1 · Onderhoud · Fietsenstalling: De lamp bij de fietsenstalling is kapot');
    const [row] = await s.w.database.db.select().from(reports);
    expect(row).toMatchObject({ number: 1, text: 'De lamp bij de fietsenstalling is kapot', location: 'Fietsenstalling', category: 'maintenance', visibility: 'public' });
    // The public report's post in the channel gets a thread for the neighbours' talk about it.
    const threads = [...s.fake.state.threads.values()];
    expect(threads.map((t) => t.name)).toEqual(['Melding #1 · De lamp bij de fietsenstalling is kapot']);
    const post = s.fake.state.messages.find((m) => m.id === threads[0]!.messageId)!;
    expect(post.channelId).toBe(threads[0]!.parentId);
    expect(text(s, post)).toContain('#1 · Onderhoud · Fietsenstalling: De lamp bij de fietsenstalling is kapot');
  });

  it('a submit that does not pass the checks is answered in the presser’s language, only to them, and files nothing', async () => {
    const opened = (await type(s.w, s.chloe, s.channel, '/meld'))!;
    expect(modalOf(opened).title).toBe('Report something');
    // A client that ignores the limits (Discord's own enforce them): the adapter's values are checked again.
    const submit = s.fake.submitModal(s.chloe, opened, { text: '   ', location: 'x'.repeat(150) });
    await s.w.handled(submit.id);
    const told = last(s, s.channel, s.chloe);
    expect(told.ephemeralFor).toBe(s.chloe.id);
    expect(text(s, told)).toBe('A place of at most 100 characters, please.');
    expect(await s.w.database.db.$count(reports)).toBe(1);
  });

  it('/taak nieuw alone: a modal with the wizard’s five questions; the submit shows the preview; Opslaan saves', async () => {
    const opened = (await type(s.w, s.anna, s.channel, '/taak nieuw'))!;
    const modal = modalOf(opened);
    expect(modal.title).toBe('Nieuwe taak');
    expect(inputs(modal).map((c) => [c.custom_id, c.label, c.style, c.required])).toEqual([
      ['name', 'Naam van de taak', 1, true], ['rule', 'Hoe vaak', 1, true], ['time', 'Hoe laat (uu:mm)', 1, true],
      ['people', 'Hoeveel mensen tegelijk (1–20)', 1, true], ['points', 'Punten per beurt (0–100)', 1, true],
    ]);
    const submit = s.fake.submitModal(s.anna, opened, { name: 'Glasbak legen', rule: 'elke 2 weken op maandag', time: '19 uur', people: '1', points: '2' });
    await s.w.handled(submit.id);
    const preview = last(s, s.channel);
    expect(text(s, preview)).toContain('Glasbak legen — elke 2 weken op maandag, 19:00');
    await s.w.handled(s.fake.press(s.anna, preview, 'Opslaan').id);
    expect(text(s, last(s, s.channel))).toBe('Taak Glasbak legen toegevoegd. Zie /rooster.');
    const [task] = await s.w.database.db.select().from(rotaTasks).where(eq(rotaTasks.name, 'Glasbak legen'));
    expect(task).toMatchObject({ people: 1, points: 2 });
  });

  it('a resident’s /taak nieuw opens no form: only coordinators may', async () => {
    const i = (await type(s.w, s.bram, s.channel, '/taak nieuw'))!;
    expect(i.callbacks.map((c) => c.type)).not.toContain(9);
    expect(text(s, last(s, s.channel, s.bram))).toContain('coördinator');
  });

  it('a form asked after the interaction was deferred (database 4 s slow) comes as a message with a button that opens it', async () => {
    const blocker = postgres(s.w.database.url!, { max: 1, onnotice: () => {} });
    const locked = new Promise<void>((resolve, reject) => {
      blocker.begin(async (tx) => {
        await tx.unsafe('lock table processed_updates in access exclusive mode');
        resolve();
        await new Promise((r) => setTimeout(r, 4000));
      }).catch(reject);
    });
    await locked;
    const command = s.fake.slash(s.bram, s.channel, 'meld');
    await s.w.handled(command.id);
    await blocker.end();
    expect(command.callbacks.map((c) => c.type)).toEqual([5]);
    expect(command.firstResponseAt! - command.createdAt).toBeLessThan(3000);
    const note = s.fake.state.messages.find((m) => m.id === command.originalId)!;
    expect(text(s, note)).toBe('Vul je melding in het formulier in.');
    expect(buttonsOf(note).map((b) => b.label)).toEqual(['Formulier openen']);
    const press = s.fake.press(s.bram, note, 'Formulier openen');
    await s.fake.until(() => press.callbacks.length > 0);
    expect(modalOf(press).title).toBe('Iets melden');
    const submit = s.fake.submitModal(s.bram, press, { text: 'Voordeur sluit niet', location: '' });
    await s.w.handled(submit.id);
    expect(text(s, last(s, s.channel))).toBe('Waar gaat het over?');
    // Once the stored form is gone, the button says so to the presser alone.
    await s.w.database.db.delete(pendingActions).where(eq(pendingActions.action, 'discord:form'));
    const late = s.fake.press(s.bram, note, 'Formulier openen');
    await s.fake.until(() => late.callbacks.length > 0);
    expect(late.callbacks[0]).toMatchObject({ type: 4, data: { content: 'Dit formulier is verlopen. Begin opnieuw.', flags: 64 } });
  }, 20_000);

  it('/meld typed as a message (no interaction to answer with a modal): the form comes as a message with a button that opens it', async () => {
    const id = s.fake.say(s.bram, s.channel, `<@${s.fake.state.bot.id}> /meld`);
    await s.w.handled(id);
    const note = last(s, s.channel);
    expect(text(s, note)).toBe('Vul je melding in het formulier in.');
    expect(note.replyTo).toBe(id);
    const press = s.fake.press(s.bram, note, 'Formulier openen');
    await s.fake.until(() => press.callbacks.length > 0);
    expect(press.firstResponseAt! - press.createdAt).toBeLessThan(3000);
    const submit = s.fake.submitModal(s.bram, press, { text: 'Brievenbus klemt', location: 'Hal A' });
    await s.w.handled(submit.id);
    expect(text(s, last(s, s.channel))).toBe('Waar gaat het over?');
  });

  it('a form action longer than a custom_id is kept behind a short id; long texts are cut to Discord’s limits', async () => {
    const action = `rep:form:${'x'.repeat(150)}`;
    const long = msg('rota.wizard.askName');
    const fields = Array.from({ length: 7 }, (_, k) => ({ id: `f${k}`, label: long, style: 'long' as const, required: false, maxLength: 9000, placeholder: long, value: 'y'.repeat(5000) }));
    const data = await modalData(s.w.database.db, 'nl', { title: long, action, fields }, new Date());
    expect(data.custom_id.length).toBeLessThanOrEqual(100);
    expect(data.custom_id).not.toContain('xxx');
    expect(data.title).toHaveLength(45);
    expect(data.components).toHaveLength(5);
    const input = (data.components[0] as unknown as { components: TextInput[] }).components[0]!;
    expect([input.label.length, input.max_length, input.value!.length]).toEqual([45, 4000, 4000]);
    // Placeholders may be up to 100: this one (87 characters) fits whole.
    expect(input.placeholder).toBe(render('nl', long));
    expect(input.label.endsWith('…')).toBe(true);
  });

  it('Discord accepted every request', () => {
    expect(s.fake.invalidCalls()).toEqual([]);
  });
});
