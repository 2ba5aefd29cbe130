import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { platformFactories, REMOTE_PLATFORMS, requestedPlatforms } from '../../src/platforms.js';
import { parseTranscript, turnsFor } from '../adapters/console/transcript.js';
import { startBundled } from './spawn.js';

const dataDir = mkdtempSync(join(tmpdir(), 'zb-main-'));

describe('npm start (src/main.ts as a process)', () => {
  it('with nothing configured: a scripted console session gets the expected replies; HTTP answers; /exit ends with 0', async () => {
    const bot = startBundled({ DATA_DIR: dataDir, HTTP_PORT: '0', LOG_LEVEL: 'info', LANG: 'nl_NL.UTF-8' });
    await bot.waitFor('Welcome to zelfbeheer-bot in the terminal.');
    await bot.waitFor(/http server listening/, { stream: 'stderr' });
    const port = Number(/"port":(\d+)[^\n]*http server listening/.exec(bot.stderr())![1]);
    const base = `http://127.0.0.1:${port}`;
    expect([(await fetch(`${base}/healthz`)).status, (await fetch(`${base}/readyz`)).status]).toEqual([200, 200]);

    bot.type('/hulp', '/as bram', '/taal en', '/dm', '/help', '/groep', '/taal');
    // Button numbers are unique in the session (the demo's open calls depend on today's date): read it.
    await bot.waitFor(/\[\d+\] Nederlands {3}\[\d+\] English/);
    const dutch = /\[(\d+)\] Nederlands {3}\[\d+\] English/.exec(bot.stdout())![1]!;
    bot.type(dutch, '/as niemand', 'hallo bot', '/wie');
    await bot.waitFor('Bewoners: anna, bram'); // Bram switched back to Dutch with that button.
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('zelfbeheer_inbound_events_total{platform="console",kind="command",outcome="ok"} 4');
    expect(metrics).toContain('zelfbeheer_inbound_events_total{platform="console",kind="button",outcome="ok"} 1');
    expect(metrics).toContain('zelfbeheer_inbound_events_total{platform="console",kind="text",outcome="ok"} 1');
    bot.type('/exit');
    bot.child.stdin.end();
    expect(await bot.exited).toBe(0);

    const { preamble, turns } = parseTranscript(bot.stdout());
    expect(preamble).toContain('Welkom bij zelfbeheer-bot in de terminal. Je bent Anna de Vries in de groep De Linde.');
    expect(turns.map((t) => t.input)).toEqual(['/hulp', '/as bram', '/taal en', '/dm', '/help', '/groep', '/taal', dutch, '/as niemand', 'hallo bot', '/wie', '/exit']);
    expect(turns[0]!.who).toBe('anna');
    expect(turnsFor(turns, '/hulp')[0]!.output).toContain('Dit kan ik voor je doen:');
    expect(turnsFor(turns, '/as bram')[0]!.output).toContain('Je bent nu Bram Jansen (bram).');
    expect(turnsFor(turns, '/taal en')[0]!.output).toContain('From now on I will talk to you in English.');
    expect(turnsFor(turns, '/help')[0]!.output).toContain('This is what I can do for you:'); // to Bram alone, in his chat with the bot
    expect(turnsFor(turns, '/taal')[0]!.output).toContain(`[${dutch}] Nederlands   [${Number(dutch) + 1}] English`);
    expect(turnsFor(turns, dutch)[0]!.output).toContain('Ik praat vanaf nu Nederlands met je.');
    expect(turnsFor(turns, '/as niemand')[0]!.output).toContain('Die bewoner ken ik niet: niemand. Kies uit: anna, bram, chloe, daan');
    expect(turnsFor(turns, '/exit')[0]!.output).toContain('Tot ziens!');
    expect(bot.stderr()).not.toMatch(/"level":(50|60)/);
  }, 90_000);

  it('a busy HTTP port only warns in console mode; SIGTERM shuts down cleanly with 0 (second start on the same data)', async () => {
    const blocker: Server = await new Promise((resolve) => { const s = createServer().listen(0, () => resolve(s)); });
    const busy = (blocker.address() as { port: number }).port;
    try {
      const bot = startBundled({ DATA_DIR: dataDir, HTTP_PORT: String(busy), LANG: 'en_GB.UTF-8' });
      await bot.waitFor(`HTTP port ${busy} is already in use`);
      await bot.waitFor('Welcome to zelfbeheer-bot');
      bot.type('/hulp');
      await bot.waitFor('Dit kan ik voor je doen:');
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      expect(bot.stderr()).toContain('http server not started');
    } finally {
      blocker.close();
    }
  }, 90_000);

  it('invalid configuration: exits 1 and names each variable and its problem', async () => {
    const bot = startBundled({ DATA_DIR: dataDir, HTTP_PORT: 'abc', DATABASE_URL: 'mysql://x', LANG: 'en_US.UTF-8' });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr()).toContain('The configuration is not valid');
    expect(bot.stderr()).toMatch(/HTTP_PORT: .*number/i);
    expect(bot.stderr()).toContain('DATABASE_URL: must start with postgres://');
    expect(bot.stdout()).not.toContain('Welcome');
  }, 30_000);

  it('a token for a platform whose adapter is not in this build: exits 1 with a clear error naming the variable', async () => {
    const missing = REMOTE_PLATFORMS.filter((p) => !platformFactories[p.name]);
    // Once every adapter is in the build this has nothing to start; the rule itself stays checked below.
    for (const p of missing) {
      const bot = startBundled({ DATA_DIR: dataDir, HTTP_PORT: '0', [p.variable]: 'some-token', LANG: 'en_US.UTF-8' });
      expect(await bot.exited).toBe(1);
      const out = bot.stdout() + bot.stderr();
      expect(out).toContain(`${p.variable} is set, but this build of the bot has no ${p.name} adapter`);
      expect(out).toContain('"level":60');
    }
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: '1:x', DISCORD_TOKEN: 'y' });
    expect(requestedPlatforms(config).map((p) => p.name)).toEqual(['telegram', 'discord']);
    expect(requestedPlatforms(loadConfig({})).map((p) => p.name)).toEqual([]);
  }, 60_000);

  it('CONSOLE=false and no platform token: exits 1 saying what to set', async () => {
    const bot = startBundled({ DATA_DIR: dataDir, HTTP_PORT: '0', CONSOLE: 'false', LANG: 'nl_NL.UTF-8' });
    expect(await bot.exited).toBe(1);
    expect(bot.stdout() + bot.stderr()).toContain('Geen chatplatform ingesteld: zet TELEGRAM_BOT_TOKEN of DISCORD_TOKEN');
  }, 30_000);
});
