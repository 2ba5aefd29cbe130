import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../../src/db/client.js';
import { auditLog } from '../../../src/db/schema/index.js';
import { startEmbeddedPostgres } from '../../support/pg-server.js';
import type { TestDatabase } from '../../support/db.js';
import { FakeDiscord } from '../../support/fake-discord/server.js';
import { visibleText } from '../../support/fake-discord/visible.js';
import { discordWorld, type } from '../../contract/worlds/discord.js';
import { joinCode } from './setup.js';

/**
 * Discord never delivers an interaction twice, so the adapter keeps it while the database is away
 * (the PostgreSQL server is really stopped) and hands it to the core again until it is handled.
 */
describe('Discord: commands sent while the database is down are answered in time and handled once after it is back', () => {
  it('defers at once, says it will do it later, then does it exactly once', async () => {
    const server = await startEmbeddedPostgres();
    const opened = await openDatabase({ databaseUrl: server.url, maxConnections: 5 });
    const database: TestDatabase = { ...opened, url: server.url };
    const fake = await FakeDiscord.start();
    const anna = fake.user('anna', { globalName: 'Anna de Vries' });
    const bram = fake.user('bram', { globalName: 'Bram Jansen' });
    const guild = fake.guild('Hofje', { owner: anna, members: [bram], channels: ['bewoners'] });
    const channel = fake.channel(guild, 'bewoners');
    const w = await discordWorld({ fake, database });
    try {
      const { code } = await joinCode(w, 'De Linde');
      await type(w, anna, channel, `/koppel ${code}`);
      await type(w, bram, channel, 'hallo');

      await server.pause();
      const promote = fake.slash(anna, channel, 'coordinator', { tekst: '@bram' });
      const help = fake.slash(bram, channel, 'help');
      await new Promise((r) => setTimeout(r, 4000));
      for (const i of [promote, help]) expect(i.firstResponseAt! - i.createdAt).toBeLessThan(3000);
      const notice = fake.state.messages.find((m) => m.id === promote.originalId)!;
      expect(visibleText(fake.state, notice.content)).toMatch(/Ik kan even niet bij mijn gegevens/);

      await server.resume();
      await Promise.all([w.handled(promote.id), w.handled(help.id)]);
      const after = fake.visible(channel).map((m) => visibleText(fake.state, m.content));
      expect(after.filter((t) => t.includes('is nu coördinator'))).toHaveLength(1);
      expect(after.filter((t) => t.startsWith('Dit kan ik voor je doen'))).toHaveLength(1);
      expect(await database.db.select().from(auditLog).where(eq(auditLog.action, 'role.coordinator'))).toHaveLength(1);
    } finally {
      await w.close();
      await fake.close();
      await database.close();
      await server.stop();
    }
  }, 90_000);
});
