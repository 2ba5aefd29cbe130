import { complexes, corporations } from '../../../src/db/schema/index.js';
import { issueJoinCode } from '../../../src/tenancy/codes.js';
import { FakeDiscord, type FakeDiscordUser, type FakeGuild, type FakeMessage } from '../../support/fake-discord/server.js';
import { visibleText } from '../../support/fake-discord/visible.js';
import { discordWorld, type, type DiscordWorld } from '../../contract/worlds/discord.js';

export { type DiscordWorld, type } from '../../contract/worlds/discord.js';

export interface Server {
  w: DiscordWorld;
  fake: FakeDiscord;
  guild: FakeGuild;
  channel: string;
  erik: FakeDiscordUser; anna: FakeDiscordUser; bram: FakeDiscordUser; chloe: FakeDiscordUser;
  clock: { now: Date };
}

/**
 * A Discord server "Hofje De Linde" owned by Erik, with Anna (a role with Manage Server), Bram and
 * Chloé (English client) as members and a #bewoners channel; the real bot behind the real adapter.
 */
export async function discordServer(opts: { clock?: Date; publicUrl?: string; guildMembers?: boolean; globalCommands?: boolean } = {}): Promise<Server> {
  const fake = await FakeDiscord.start();
  const erik = fake.user('erik', { globalName: 'Erik Eigenaar', locale: 'nl' });
  const anna = fake.user('anna', { globalName: 'Anna de Vries', locale: 'nl' });
  const bram = fake.user('bram', { globalName: 'Bram Jansen', locale: 'nl' });
  const chloe = fake.user('chloe', { globalName: 'Chloé Martin', locale: 'en-GB' });
  const guild = fake.guild('Hofje De Linde', { owner: erik, admins: [anna], members: [bram, chloe], channels: ['bewoners', 'tuin'] });
  const clock = { now: opts.clock ?? new Date('2026-11-22T10:00:00Z') };
  const w = await discordWorld({ fake, now: () => clock.now, guildMembers: opts.guildMembers, globalCommands: opts.globalCommands,
    ...(opts.publicUrl ? { openLinks: { clientSecret: fake.oauth.clientSecret, publicUrl: opts.publicUrl } } : {}) });
  await fake.until(() => (fake.state.commands.get(guild.id)?.length ?? 0) > 0, 10_000, 'commands registered');
  return { w, fake, guild, channel: fake.channel(guild, 'bewoners'), erik, anna, bram, chloe, clock };
}

export async function joinCode(w: DiscordWorld, name: string): Promise<{ code: string; complexId: number }> {
  const db = w.database.db;
  const [corp] = await db.insert(corporations).values({ name: `Corporatie ${name}` }).returning();
  const [complex] = await db.insert(complexes).values({ name, corporationId: corp!.id }).returning();
  const { code } = await issueJoinCode(db, { purpose: 'complex', complexId: complex!.id, now: new Date() });
  return { code, complexId: complex!.id };
}

/** What `viewer` sees in a channel (placeholders of deferred replies not yet filled left out). */
export function shown(s: { fake: FakeDiscord }, channel: string, viewer?: FakeDiscordUser): FakeMessage[] {
  return s.fake.visible(channel, viewer).filter((m) => !(m.thinking && !m.content));
}

export function text(s: { fake: FakeDiscord }, m: FakeMessage | undefined): string {
  return m ? visibleText(s.fake.state, m.content) : '';
}

export function last(s: { fake: FakeDiscord }, channel: string, viewer?: FakeDiscordUser): FakeMessage {
  const m = shown(s, channel, viewer).at(-1);
  if (!m) throw new Error('nothing in the channel');
  return m;
}

/** The channel linked to "De Linde", a weekly task saved through the wizard, and Bram's /rooster answer with its buttons. */
export async function linkedWithTask(s: Server): Promise<void> {
  const { code } = await joinCode(s.w, 'De Linde');
  await type(s.w, s.anna, s.channel, `/koppel ${code}`);
  await type(s.w, s.anna, s.channel, '/taak nieuw Trap, elke zaterdag, om 10:00, 30 min');
  await s.w.handled(s.fake.press(s.anna, last(s, s.channel), 'Opslaan').id);
  await type(s.w, s.bram, s.channel, '/rooster');
}
