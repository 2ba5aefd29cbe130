import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { complexes, complexMembers, loanItems, people, rotaClaims } from '../../../src/db/schema/index.js';
import { buttonsOf, selectsOf } from '../../support/fake-discord/server.js';
import { pinged } from '../../support/fake-discord/visible.js';
import { discordServer, joinCode, last, shown, text, type, type Server } from './setup.js';

const holders = async (s: Server) => (await s.w.database.db.select({ name: people.displayName }).from(rotaClaims)
  .innerJoin(people, eq(people.id, rotaClaims.personId)).where(isNull(rotaClaims.releasedAt))).map((r) => r.name).sort();

describe('Discord adapter end to end: slash commands, buttons, autocomplete, ephemeral answers (real discord.js, fake Discord, real PostgreSQL)', () => {
  let s: Server;
  beforeAll(async () => { s = await discordServer(); }, 60_000);
  afterAll(async () => { await s.w.close(); });

  it('registers the slash commands in the server with Dutch localisations, typed options and autocomplete', () => {
    const commands = s.fake.state.commands.get(s.guild.id)!;
    const setup = commands.find((c) => c.name === 'setup')!;
    expect(setup.name_localizations).toEqual({ nl: 'koppel' });
    expect((setup.description_localizations as { nl: string }).nl).toMatch(/\S/);
    expect(setup.description).not.toBe((setup.description_localizations as { nl: string }).nl);
    const claim = commands.find((c) => c.name === 'claim')!;
    expect(claim.name_localizations).toEqual({ nl: 'neem' });
    expect(claim.options).toMatchObject([
      { name: 'task', name_localizations: { nl: 'taak' }, type: 3, autocomplete: true, required: false },
      { name: 'details', type: 3, required: false },
    ]);
    expect(commands.find((c) => c.name === 'rota')!.options).toMatchObject([{ name: 'text', name_localizations: { nl: 'tekst' } }]);
    expect(s.fake.invalidCalls()).toEqual([]);
  });

  it('/koppel <code> links the channel; the server owner and Manage Server members become coordinators', async () => {
    const { code, complexId } = await joinCode(s.w, 'De Linde');
    const i = await type(s.w, s.anna, s.channel, `/koppel ${code}`);
    // Deferred first (type 5), then the deferred reply was filled in.
    expect(i!.callbacks.map((c) => c.type)).toEqual([5]);
    expect(text(s, last(s, s.channel))).toMatch(/^Gelukt! Deze groep is nu gekoppeld aan De Linde\..*Erik Eigenaar.*Anna de Vries|^Gelukt! Deze groep is nu gekoppeld aan De Linde\..*Anna de Vries.*Erik Eigenaar/s);
    const roles = await s.w.database.db.select({ name: people.displayName, role: complexMembers.role }).from(complexMembers)
      .innerJoin(people, eq(people.id, complexMembers.personId)).where(eq(complexMembers.complexId, complexId));
    expect(roles.filter((r) => r.role === 'coordinator').map((r) => r.name).sort()).toEqual(['Anna de Vries', 'Erik Eigenaar']);
    for (const u of [s.bram, s.chloe]) await type(s.w, u, s.channel, 'hallo');
  });

  it('tasks are created with /taak nieuw and the Opslaan button (the preview is edited in place)', async () => {
    for (const t of ['Trap, elke zaterdag, om 10:00, 30 min, 2 punten', 'Containers buiten zetten, elke maandag, om 19:00, 10 min']) {
      await type(s.w, s.anna, s.channel, `/taak nieuw ${t}`);
      const preview = last(s, s.channel);
      const press = s.fake.press(s.anna, preview, 'Opslaan');
      await s.w.handled(press.id);
      expect(press.callbacks.map((c) => c.type)).toEqual([6]);
      expect(last(s, s.channel)).toMatchObject({ id: preview.id, components: [] });
      expect(text(s, last(s, s.channel))).toMatch(/^Taak .+ toegevoegd\. Zie \/rooster\.$/);
    }
  });

  it('claim by slash command with autocomplete, and by the button under the rota', async () => {
    const ac = s.fake.autocomplete(s.bram, s.channel, 'neem', 'taak', 'tr');
    await s.fake.until(() => ac.callbacks.length > 0, 5000, 'autocomplete answered');
    expect(ac.callbacks[0]).toMatchObject({ type: 8, data: { choices: [{ name: 'Trap', value: 'Trap' }] } });
    await type(s.w, s.bram, s.channel, '/neem Trap');
    expect(text(s, last(s, s.channel))).toBe('Bram Jansen doet Trap, za 28 nov 10:00. Dank je wel!');

    await type(s.w, s.chloe, s.channel, '/rooster');
    const rota = last(s, s.channel);
    expect(text(s, rota)).toContain('• ma 23 nov 19:00 — Containers buiten zetten: open (1)');
    for (const b of buttonsOf(rota)) expect(b.customId.length).toBeLessThanOrEqual(100);
    const press = s.fake.press(s.chloe, rota, 'Neem: Containers buiten zetten, ma 23 nov');
    await s.w.handled(press.id);
    expect(text(s, last(s, s.channel))).toBe('Chloé Martin doet Containers buiten zetten, ma 23 nov 19:00. Dank je wel!');
    expect(await holders(s)).toEqual(['Bram Jansen', 'Chloé Martin']);
  });

  it('swap: Bram offers, Chloé presses Ruilen; the offer is replaced by the result', async () => {
    await type(s.w, s.bram, s.channel, '/ruilen trap');
    const offer = last(s, s.channel);
    expect(text(s, offer)).toMatch(/^Bram Jansen wil Trap, za 28 nov 10:00 ruilen\./);
    const press = s.fake.press(s.chloe, offer, 'Ruilen');
    await s.w.handled(press.id);
    expect(text(s, shown(s, s.channel).find((m) => m.id === offer.id))).toBe(
      'Geruild: Chloé Martin doet Trap, za 28 nov 10:00; Bram Jansen doet Containers buiten zetten, ma 23 nov 19:00.');
  });

  it('done, then statistics: the group total in public, the own contribution ephemeral (only the asker sees it)', async () => {
    s.clock.now = new Date('2026-11-28T12:00:00Z');
    await type(s.w, s.chloe, s.channel, '/gedaan trap 30');
    expect(text(s, last(s, s.channel))).toBe('Top, Trap, za 28 nov 10:00 is gedaan (30 minuten). Dank je wel, Chloé Martin!');
    const [claim] = await s.w.database.db.select().from(rotaClaims).where(and(isNull(rotaClaims.releasedAt), eq(rotaClaims.minutes, 30)));
    expect(claim!.doneAt).toEqual(s.clock.now);

    const everyoneBefore = shown(s, s.channel).length;
    await type(s.w, s.chloe, s.channel, '/mijnbijdrage');
    const publicNow = shown(s, s.channel);
    expect(publicNow).toHaveLength(everyoneBefore + 1);
    expect(text(s, publicNow.at(-1))).toMatch(/^Samen in de afgelopen 90 dagen: 1 beurt, 2 punten en 0,5 uur, door 1 bewoner\./);
    const own = shown(s, s.channel, s.chloe).filter((m) => m.ephemeralFor === s.chloe.id);
    expect(own.map((m) => text(s, m))).toEqual(['Your contribution over the last 90 days: 1 turn, 2 points, 0.5 hours. Average per resident: 0.5 points.']);
    const followUp = s.fake.calls.filter((c) => c.method === 'POST' && c.path.startsWith('/webhooks/')).at(-1)!;
    expect((followUp.body as { flags?: number }).flags).toBe(64);
    expect(shown(s, s.channel, s.bram).some((m) => m.ephemeralFor)).toBe(false);
  });

  it('a long list of choices becomes a select menu; choosing claims', async () => {
    s.clock.now = new Date('2026-11-22T10:00:00Z');
    await type(s.w, s.anna, s.channel, '/taak nieuw Gang vegen, elke dag, om 08:00, 15 min');
    await s.w.handled(s.fake.press(s.anna, last(s, s.channel), 'Opslaan').id);
    await type(s.w, s.bram, s.channel, '/rooster 8');
    const view = last(s, s.channel);
    const [menu] = selectsOf(view);
    expect(menu!.options.length).toBeGreaterThan(5);
    expect(menu!.options.length).toBeLessThanOrEqual(25);
    for (const o of menu!.options) expect(o.value.length).toBeLessThanOrEqual(100);
    const choose = s.fake.select(s.bram, view, 'Neem: Gang vegen, di 24 nov');
    await s.w.handled(choose.id);
    expect(text(s, last(s, s.channel))).toBe('Bram Jansen doet Gang vegen, di 24 nov 08:00. Dank je wel!');
  });

  it('user text with @everyone and <@id> pings nobody and reads as typed; Markdown in it is escaped', async () => {
    const name = `Hal *poetsen* @everyone <@${s.chloe.id}> _nu_`;
    await type(s.w, s.anna, s.channel, `/taak nieuw ${name}, elke dag, om 09:00`);
    const preview = last(s, s.channel);
    expect(text(s, preview)).toContain('Hal *poetsen* @everyone <@');
    expect(preview.content).toContain('\\*poetsen\\*');
    expect(pinged(preview)).toEqual({ everyone: false, users: [] });
    await type(s.w, s.bram, s.channel, `ik doe @everyone <@${s.chloe.id}> de trap`);
    for (const m of s.fake.state.messages.filter((x) => x.authorId === s.fake.state.bot.id)) expect(pinged(m).everyone).toBe(false);
    for (const m of s.fake.state.messages.filter((x) => x.authorId === s.fake.state.bot.id)) expect(pinged(m).users).not.toContain(s.chloe.id);
    expect(s.fake.invalidCalls()).toEqual([]);
  });

  it('borrowing by slash command: the item field completes item names and aliases of this complex', async () => {
    const [complex] = await s.w.database.db.select({ id: complexes.id }).from(complexes).where(eq(complexes.name, 'De Linde'));
    await s.w.database.db.insert(loanItems).values([
      { complexId: complex!.id, kind: 'key', name: 'Schuursleutel', aliases: ['schuur'], stickerToken: 'tok-schuur' },
      { complexId: complex!.id, kind: 'tool', name: 'Grasmaaier', aliases: ['maaier'], stickerToken: 'tok-maaier' },
    ]);
    const ac = s.fake.autocomplete(s.bram, s.channel, 'leen', 'spullen', 'maai');
    await s.fake.until(() => ac.callbacks.length > 0, 5000, 'autocomplete answered');
    expect(ac.callbacks[0]).toMatchObject({ type: 8, data: { choices: [{ name: 'Grasmaaier', value: 'Grasmaaier' }] } });
    expect(s.fake.invalidCalls()).toEqual([]);
  });
});
