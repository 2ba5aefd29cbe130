import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { chats, complexes, corporations } from '../../src/db/schema/index.js';
import { saveItem } from '../../src/loans/store.js';
import { issueJoinCode } from '../../src/tenancy/codes.js';
import { anna, daan } from '../adapters/telegram/setup.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { FakeDiscord } from '../support/fake-discord/server.js';
import { visibleText } from '../support/fake-discord/visible.js';
import { FakeTelegram } from '../support/fake-telegram/server.js';
import { startBundled } from './spawn.js';

/** `npm start` with both tokens (the built bundle, as in production): one process, one database, Telegram and Discord side by side. */
describe('npm start with TELEGRAM_BOT_TOKEN and DISCORD_TOKEN: the whole process against both fakes (real PostgreSQL)', () => {
  let database: TestDatabase;
  let tg: FakeTelegram;
  let dc: FakeDiscord;
  beforeAll(async () => {
    database = await testDatabase();
    tg = await FakeTelegram.start();
    dc = await FakeDiscord.start();
  });
  afterAll(async () => {
    await tg.close();
    await dc.close();
    await database.close();
  });

  it('both adapters start; a Discord /koppel and a Telegram /start are answered; a QR sticker opens the Discord DM; SIGTERM exits 0', async () => {
    const db = database.db;
    const [corp] = await db.insert(corporations).values({ name: 'Woonstede' }).returning();
    const [complex] = await db.insert(complexes).values({ name: 'De Linde', corporationId: corp!.id }).returning();
    const { code } = await issueJoinCode(db, { purpose: 'complex', complexId: complex!.id, now: new Date() });
    const erik = dc.user('erik', { globalName: 'Erik Eigenaar' });
    const guild = dc.guild('Hofje De Linde', { owner: erik, channels: ['bewoners'] });
    const channel = dc.channel(guild, 'bewoners');

    const bot = startBundled({
      TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot,
      DISCORD_TOKEN: dc.token, DISCORD_APPLICATION_ID: dc.applicationId, DISCORD_API_ROOT: dc.apiRoot,
      DATABASE_URL: database.url!, HTTP_PORT: '0', LOG_LEVEL: 'info', LANG: 'nl_NL.UTF-8',
      DISCORD_CLIENT_SECRET: dc.oauth.clientSecret, PUBLIC_URL: 'https://bot.example.org',
    });
    try {
      await bot.waitFor(/discord: connected/);
      expect(dc.gateway.identifies).toHaveLength(1);
      await vi.waitFor(() => expect(dc.state.commands.get(guild.id)?.map((c) => c.name)).toContain('setup'), { timeout: 10_000 });
      await vi.waitFor(() => expect(tg.callsOf('getUpdates').length).toBeGreaterThan(0), { timeout: 10_000 });

      const i = dc.slash(erik, channel, 'koppel', { tekst: code });
      await vi.waitFor(() => expect(visibleText(dc.state, dc.state.messages.find((m) => m.id === i.originalId)?.content ?? ''))
        .toBe('Gelukt! Deze groep is nu gekoppeld aan De Linde. Coördinatoren: Erik Eigenaar. Typ /hulp om te beginnen.'), { timeout: 10_000 });
      expect(i.firstResponseAt! - i.createdAt).toBeLessThan(3000);

      const dm = tg.privateChat(daan);
      await tg.say(daan, dm, '/start');
      // Confirmed means stored by the bot; the answer follows.
      await vi.waitFor(() => expect(tg.lastIn(dm)?.text).toMatch(/^Hallo Daan Bakker!/), { timeout: 10_000 });
      const group = tg.group('Bewoners De Linde', { admins: [anna] });
      await tg.say(anna, group, `/koppel@${tg.me.username!}`);
      await vi.waitFor(() => expect(tg.lastIn(group)).toBeDefined(), { timeout: 10_000 });
      expect(tg.lastIn(group)!.buttons.flat().length).toBe(1);

      // A QR sticker scanned by Erik: the bot's page → Discord sign-in → his DM with the item card.
      const { item } = await saveItem(db, complex!.id, { name: 'Ladder', kind: 'tool', aliases: [], location: null, loanHours: 24, needsApproval: false });
      const local = `http://127.0.0.1:${/"port":(\d+)[^\n]*http server listening/.exec(bot.stdout())![1]}`;
      const hop = async (url: string) => (await fetch(url.replace('https://bot.example.org', local), { redirect: 'manual' })).headers.get('location')!;
      const open = await hop(`${local}/item/${item.stickerToken}`);
      expect(open).toBe(`https://bot.example.org/discord/open/i-${item.stickerToken}`);
      const consent = await hop(open);
      expect(consent).toMatch(new RegExp(`^${dc.apiRoot.replace(/\/api$/, '')}/oauth2/authorize\\?`));
      dc.oauth.signedIn = erik;
      const callback = await hop(consent);
      expect(callback).toMatch(/^https:\/\/bot\.example\.org\/discord\/open\/callback\?/);
      const erikDm = dc.dmChannel(erik);
      expect(await hop(callback)).toBe(`https://discord.com/channels/@me/${erikDm}`);
      await vi.waitFor(() => expect(dc.state.messages.filter((m) => m.channelId === erikDm).map((m) => visibleText(dc.state, m.content)))
        .toContain('🛠️ Ladder: beschikbaar\nWat wil je doen?'), { timeout: 10_000 });

      expect(await (bot.child.kill('SIGTERM'), bot.exited)).toBe(0);
      expect(bot.stdout()).not.toMatch(/"level":(50|60)/);
      expect(dc.invalidCalls()).toEqual([]);
      const [linked] = await db.select().from(chats).where(eq(chats.platformChatId, channel));
      expect(linked).toMatchObject({ platform: 'discord', complexId: complex!.id });
    } finally {
      if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    }
  }, 60_000);
});
