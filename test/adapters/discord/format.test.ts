import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slashCommands } from '../../../adapters/discord/commands.js';
import { components } from '../../../adapters/discord/components.js';
import { toPlatformError } from '../../../adapters/discord/errors.js';
import { escapeText, renderContent, splitContent } from '../../../adapters/discord/format.js';
import { decodeCallbackData } from '../../../adapters/telegram/callback.js';
import { capabilities } from '../../../src/capabilities.js';
import { msg } from '../../../src/i18n/index.js';
import { mention } from '../../../src/platform.js';
import { testDatabase, type TestDatabase } from '../../support/db.js';

describe('Discord formatting (pure)', () => {
  it('escapes Markdown and breaks mentions in user text; a mention the bot means is kept and allowed', () => {
    expect(escapeText('*vet* _schuin_ `code` @everyone @here <@123456789012> <@&987654321098>'))
      .toBe('\\*vet\\* \\_schuin\\_ \\`code\\` @\u200beveryone @\u200bhere <@\u200b123456789012> <@&\u200b987654321098>');
    const { content, pinged } = renderContent({ lang: 'nl', body: [
      msg('core.plain', { text: 'Hoi @everyone' }),
      msg('rota.claimed', { name: mention({ platform: 'discord', userId: '123456789012', displayName: 'Bram' }), occ: 'Trap <@55555555555>' }),
    ] });
    expect(content).toBe('Hoi @\u200beveryone\n<@123456789012> doet Trap <@\u200b55555555555>. Dank je wel!');
    expect(pinged).toEqual(['123456789012']);
  });

  it('splits at line boundaries within 2,000 characters and never drops or cuts a line that fits', () => {
    const lines = Array.from({ length: 120 }, (_, i) => `• regel ${i} ${'x'.repeat(30)} \\*`);
    const parts = splitContent(lines.join('\n'));
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(2000);
    expect(parts.join('\n').split('\n')).toEqual(lines);
  });

  it('a single line over the limit is cut at spaces, never inside an escape or a mention', () => {
    const words = Array.from({ length: 700 }, (_, i) => (i % 7 === 0 ? '<@123456789012>' : i % 5 === 0 ? '\\*' : 'woord'));
    const parts = splitContent(words.join(' '));
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(2000);
      expect(p).not.toMatch(/\\$/);
      expect(p).not.toMatch(/<@\d*$/);
    }
    expect(parts.join(' ').split(' ')).toEqual(words);
  });

  it('slash commands: valid names, Dutch localisations, descriptions within 100, task commands with autocomplete', () => {
    const defs = capabilities.flatMap((c) => c.commands ?? []);
    const commands = slashCommands(defs) as { name: string; description: string; description_localizations?: { nl?: string }; name_localizations?: unknown; options?: unknown }[];
    expect(commands.length).toBeLessThanOrEqual(100);
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
    for (const c of commands) {
      expect(c.name).toMatch(/^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u);
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect(c.description_localizations?.nl?.length).toBeGreaterThan(0);
    }
    const byName = new Map(commands.map((c) => [c.name, c]));
    expect(byName.get('rota')?.name_localizations).toEqual({ nl: 'rooster' });
    for (const name of ['claim', 'release', 'done', 'missed', 'swap', 'handover']) {
      expect((byName.get(name)?.options as { autocomplete?: boolean }[] | undefined)?.[0]?.autocomplete, name).toBe(true);
    }
  });

  it('maps failures for the outbox: 429 → rate_limited with retry-after, 5xx → transient, other 4xx → permanent', () => {
    const limited = new RateLimitError({ timeToReset: 2500, limit: 5, method: 'POST', hash: 'h', url: 'u', route: '/channels/:id/messages',
      majorParameter: '1', global: false, retryAfter: 2500, sublimitTimeout: 0, scope: 'user' });
    expect(toPlatformError(limited, 'send')).toMatchObject({ kind: 'rate_limited', retryAfterMs: 2500 });
    expect(toPlatformError(new HTTPError(502, 'Bad Gateway', 'POST', 'u', { body: undefined, files: undefined }), 'send').kind).toBe('transient');
    const missing = new DiscordAPIError({ code: 10003, message: 'Unknown Channel' }, 10003, 404, 'POST', 'u', { body: undefined, files: undefined });
    expect(toPlatformError(missing, 'send').kind).toBe('permanent');
    expect(toPlatformError(new Error('socket hang up'), 'send').kind).toBe('transient');
  });
});

describe('Discord components (custom_id store shared with Telegram; real PostgreSQL)', () => {
  let database: TestDatabase;
  beforeAll(async () => { database = await testDatabase(); });
  afterAll(async () => { await database.close(); });
  const now = new Date('2026-11-22T10:00:00Z');
  const button = (action: string, label = action) => ({ label: msg('core.plain', { text: label }), action });

  it('rows of at most 5 buttons; an action over 100 characters is stored behind a short id that decodes back', async () => {
    const long = `rota:x:${'9'.repeat(120)}`;
    const rows = await components(database.db, 'nl', [[1, 2, 3, 4, 5, 6, 7].map((n) => button(`a:${n}`)), [button(long, 'lang')]], now);
    expect(rows.map((r) => r.components.length)).toEqual([5, 2, 1]);
    const ids = rows.flatMap((r) => r.components.map((c) => (c as { custom_id: string }).custom_id));
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
    expect(await decodeCallbackData(database.db, ids.at(-1)!, now)).toBe(long);
  });

  it('more than 5 rows become select menus (25 choices each), every choice decodable', async () => {
    const many = Array.from({ length: 30 }, (_, n) => [button(`rota:c:${n}`, `Neem ${n}`)]);
    const rows = await components(database.db, 'nl', many, now);
    const menus = rows.map((r) => r.components[0] as { type: number; options: { label: string; value: string }[] });
    expect(menus.map((m) => [m.type, m.options.length])).toEqual([[3, 25], [3, 5]]);
    const values = menus.flatMap((m) => m.options.map((o) => o.value));
    expect(new Set(values).size).toBe(30);
    expect(await decodeCallbackData(database.db, values[29]!, now)).toBe('rota:c:29');
  });

  it('two buttons with the same action still get different custom_ids (Discord refuses duplicates)', async () => {
    const rows = await components(database.db, 'nl', [[button('rota:view', 'Rooster'), button('rota:view', 'Rooster opnieuw')]], now);
    const [a, b] = rows[0]!.components.map((c) => (c as { custom_id: string }).custom_id);
    expect(a).not.toBe(b);
    expect(await decodeCallbackData(database.db, b!, now)).toBe('rota:view');
  });
});
