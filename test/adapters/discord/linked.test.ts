import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createDiscordPlatform, type DiscordPlatform } from '../../../adapters/discord/index.js';
import { createTelegramPlatform, type TelegramPlatform } from '../../../adapters/telegram/index.js';
import { createBot } from '../../../src/bot.js';
import { createCompleter } from '../../../src/bot/complete.js';
import { capabilities } from '../../../src/capabilities.js';
import { identities, people, rotaClaims } from '../../../src/db/schema/index.js';
import { silentLogger } from '../../../src/log.js';
import { startOutboxWorker, type OutboxWorker } from '../../../src/outbox/worker.js';
import { issueJoinCode } from '../../../src/tenancy/codes.js';
import { testDatabase, type TestDatabase } from '../../support/db.js';
import { FakeDiscord, type FakeDiscordUser } from '../../support/fake-discord/server.js';
import { FakeTelegram, type FakeChat } from '../../support/fake-telegram/server.js';
import { anna as tgAnna, bram as tgBram } from '../telegram/setup.js';
import { joinCode, last, shown, text, type, type DiscordWorld } from './setup.js';

/**
 * One process, one core, one database, both adapters: the same complex has a Telegram group and a
 * Discord channel; Bram links his two accounts and sees one history and one total on both.
 */
describe('Telegram and Discord side by side: one resident with two linked accounts (real PostgreSQL)', () => {
  let database: TestDatabase;
  let tg: FakeTelegram;
  let dc: FakeDiscord;
  let telegram: TelegramPlatform;
  let discord: DiscordPlatform;
  let worker: OutboxWorker;
  let w: DiscordWorld;
  let group: FakeChat;
  let channel: string;
  let dcBram: FakeDiscordUser;
  const clock = { now: new Date('2026-11-22T10:00:00Z') };

  beforeAll(async () => {
    database = await testDatabase();
    tg = await FakeTelegram.start();
    dc = await FakeDiscord.start();
    const bot = createBot({ db: database.db, log: silentLogger, capabilities, now: () => clock.now, onQueued: () => worker?.poke() });
    telegram = createTelegramPlatform({ token: tg.token, apiRoot: tg.apiRoot, db: database.db, log: silentLogger, commands: bot.commands, now: () => clock.now });
    discord = createDiscordPlatform({ token: dc.token, applicationId: dc.applicationId, apiRoot: dc.apiRoot, db: database.db, log: silentLogger,
      commands: bot.commands, complete: createCompleter(database.db, capabilities), now: () => clock.now });
    bot.platforms.set('telegram', telegram);
    bot.platforms.set('discord', discord);
    worker = startOutboxWorker({ db: database.db, log: silentLogger, platforms: bot.platforms, limits: {}, pollMs: 50 });
    const dcAnna = dc.user('anna', { globalName: 'Anna de Vries' });
    dcBram = dc.user('bram', { globalName: 'Bram Jansen' });
    const guild = dc.guild('Hofje De Linde', { owner: dcAnna, members: [dcBram], channels: ['bewoners'] });
    channel = dc.channel(guild, 'bewoners');
    const done = new Set<string>();
    let inFlight = 0;
    const track = (p: TelegramPlatform | DiscordPlatform) => async (e: Parameters<typeof bot.handle>[1]) => {
      inFlight++;
      try { await bot.handle(p, e); } finally { inFlight--; if (e.updateId) done.add(e.updateId); }
    };
    // Telegram confirms an update once stored; the tests wait for its handling too.
    tg.updates.settle = () => telegram.idle();
    await telegram.start(track(telegram));
    await discord.start(track(discord));
    w = { fake: dc, database, bot, platform: discord, worker, seen: [], done, inFlight: () => inFlight,
      handled: (id) => dc.until(() => done.has(id), 15_000, `event ${id}`),
      settledEvents: (before, n) => dc.until(() => done.size >= before + n && inFlight === 0), close: async () => {} };

    // The complex gets a Telegram group and a Discord channel, each linked with its own join code.
    const { code, complexId } = await joinCode(w, 'De Linde');
    group = tg.group('Bewoners De Linde', { admins: [tgAnna] });
    await tg.say(tgAnna, group, `/koppel@zelfbeheer_test_bot ${code}`);
    const second = await issueJoinCode(database.db, { purpose: 'complex', complexId, now: new Date() });
    await type(w, dcAnna, channel, `/koppel ${second.code}`);
    expect(text(w, last(w, channel))).toMatch(/^Gelukt! Deze groep is nu gekoppeld aan De Linde\./);
    await tg.say(tgAnna, group, '/taak@zelfbeheer_test_bot nieuw Trap, elke zaterdag, om 10:00, 30 min, 2 punten');
    await tg.press(tgAnna, group, 'Opslaan');
  }, 60_000);
  afterAll(async () => {
    await worker.stop();
    await telegram.stop();
    await discord.stop();
    await tg.close();
    await dc.close();
    await database.close();
  });

  it('Bram claims and finishes on Telegram, links his Discord account, and sees the same total on both', async () => {
    await tg.say(tgBram, group, '/neem@zelfbeheer_test_bot trap');
    expect(tg.lastIn(group)!.text).toBe('Bram Jansen doet Trap, za 28 nov 10:00. Dank je wel!');
    clock.now = new Date('2026-11-28T12:00:00Z');
    await tg.say(tgBram, group, '/gedaan@zelfbeheer_test_bot trap 30');

    // On Discord he asks for a link code: it comes by DM.
    await type(w, dcBram, channel, '/koppelaccount');
    const dm = dc.dmChannel(dcBram);
    const codeText = text(w, shown(w, dm).at(-1));
    const code = /koppelcode is (\S+)/.exec(codeText)?.[1];
    expect(code).toBeTruthy();
    const tgDm = tg.privateChat(tgBram);
    await tg.say(tgBram, tgDm, `/koppelaccount ${code}`);
    expect(tg.lastIn(tgDm)!.text).toMatch(/Bram Jansen/);

    const rows = await database.db.select({ platform: identities.platform, person: identities.personId }).from(identities)
      .innerJoin(people, eq(people.id, identities.personId)).where(eq(people.displayName, 'Bram Jansen'));
    expect(rows.map((r) => r.platform).sort()).toEqual(['discord', 'telegram']);
    expect(new Set(rows.map((r) => r.person)).size).toBe(1);
    const claims = await database.db.select().from(rotaClaims);
    expect(claims.map((c) => c.personId)).toEqual([rows[0]!.person]);

    // One fair-share total, whichever platform he asks on.
    await type(w, dcBram, channel, '/mijnbijdrage');
    const onDiscord = shown(w, channel, dcBram).filter((m) => m.ephemeralFor === dcBram.id).map((m) => text(w, m)).at(-1);
    await tg.say(tgBram, tgDm, '/mijnbijdrage');
    const onTelegram = tg.lastIn(tgDm)!.text;
    expect(onDiscord).toMatch(/^Jouw bijdrage in de afgelopen 90 dagen: 1 beurt, 2 punten, 0,5 uur\./);
    expect(onTelegram).toBe(onDiscord);
  });
});
