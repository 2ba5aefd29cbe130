import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordServer, last, linkedWithTask, text, type Server } from './setup.js';

type Registered = { name: string; contexts?: number[]; integration_types?: number[] };
const globalPuts = (s: Server) => s.fake.calls.filter((c) => c.method === 'PUT' && c.path === `/applications/${s.fake.applicationId}/commands`);

/**
 * Slash commands in the DM with the bot (DISCORD_GLOBAL_COMMANDS=true): registered globally for the
 * bot's DM only (so a server never lists a command twice), without the group-only commands; a DM
 * slash command is answered in the DM, for the person's complex.
 */
describe('Discord: slash commands in DMs (global commands)', () => {
  let s: Server;
  beforeAll(async () => {
    s = await discordServer({ clock: new Date(), globalCommands: true });
    await linkedWithTask(s);
  }, 60_000);
  afterAll(async () => { await s.w.close(); });

  it('registers the global commands for the DM with the bot only, without the group-only ones; servers keep theirs', () => {
    const puts = globalPuts(s);
    expect(puts).toHaveLength(1);
    expect(puts[0]!.status).toBe(200);
    const global = puts[0]!.body as Registered[];
    expect(global.map((c) => c.name)).toContain('rota');
    // Group-only commands (naming a coordinator) are not offered in a DM.
    expect(global.map((c) => c.name)).not.toContain('coordinator');
    for (const c of global) expect(c).toMatchObject({ contexts: [1], integration_types: [0] });
    const guild = s.fake.state.commands.get(s.guild.id) as Registered[];
    expect(guild.map((c) => c.name)).toContain('coordinator');
    expect(guild.every((c) => !c.contexts?.includes(1))).toBe(true);
  });

  it('a slash command in the DM is answered in the DM, about the person’s complex', async () => {
    const dm = s.fake.dmChannel(s.bram);
    const i = s.fake.slash(s.bram, dm, 'rooster');
    await s.w.handled(i.id);
    expect(i.callbacks.map((c) => c.type)).toEqual([5]);
    expect(text(s, last(s, dm, s.bram))).toMatch(/— Trap: open \(1\)/);
    const mine = s.fake.slash(s.bram, dm, 'mijnbijdrage');
    await s.w.handled(mine.id);
    expect(text(s, last(s, dm, s.bram))).toMatch(/^Jouw bijdrage/);
  });

  it('a group-only command is not offered in the DM', () => {
    expect(() => s.fake.slash(s.bram, s.fake.dmChannel(s.bram), 'coordinator')).toThrow(/not registered/);
  });

  it('Discord accepted every request', () => {
    expect(s.fake.invalidCalls()).toEqual([]);
  });
});

describe('Discord: without DISCORD_GLOBAL_COMMANDS nothing is registered globally', () => {
  let s: Server;
  beforeAll(async () => { s = await discordServer({ clock: new Date() }); }, 60_000);
  afterAll(async () => { await s.w.close(); });

  it('only per server', () => {
    expect(globalPuts(s)).toEqual([]);
    expect((s.fake.state.commands.get(s.guild.id) ?? []).length).toBeGreaterThan(0);
  });
});
