import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tenancyCapability } from '../../../src/tenancy/feature.js';
import { msg } from '../../../src/i18n/index.js';
import { mention, PlatformError } from '../../../src/platform.js';
import { loadConfig } from '../../../src/config.js';
import { telegramOptionsFromConfig } from '../../../adapters/telegram/index.js';
import { commandMenus } from '../../../adapters/telegram/commands.js';
import { toPlatformError } from '../../../adapters/telegram/errors.js';
import { escapeHtml, renderHtml, splitMessage } from '../../../adapters/telegram/format.js';
import { mapUpdate, type MapContext, type TgMessage, type TgUpdate } from '../../../adapters/telegram/inbound.js';
import { parseHtml } from '../../support/fake-telegram/html.js';

const ctx: MapContext = { me: { id: 42, username: 'ZB_bot' }, download: (id) => async () => Buffer.from(id) };
const group = { id: -5, type: 'group' as const, title: 'G' };
const anna = { id: 1, first_name: 'Anna', last_name: 'de Vries', username: 'anna', language_code: 'nl' };
const message = (fields: Partial<TgMessage>): TgUpdate => ({ update_id: 9, message: { message_id: 3, chat: group, from: anna, ...fields } });
const events = (u: TgUpdate) => {
  const m = mapUpdate(u, ctx);
  if (m.kind !== 'events') throw new Error(m.kind);
  return m.events;
};

describe('Telegram update mapping', () => {
  it('maps poll answers to poll_vote: a vote, a change and a retraction (empty option list)', () => {
    const vote = (ids: number[]) => events({ update_id: 20 + ids.length, poll_answer: { poll_id: 'p1', user: anna, option_ids: ids } })[0];
    expect(vote([2])).toMatchObject({ kind: 'poll_vote', pollId: 'p1', optionIndexes: [2], user: { userId: '1', displayName: 'Anna de Vries' },
      chat: { chatId: '1', isDirect: true }, updateId: '21' });
    expect(vote([0, 1])).toMatchObject({ optionIndexes: [0, 1] });
    expect(vote([])).toMatchObject({ kind: 'poll_vote', optionIndexes: [] });
    // A vote cast on behalf of a chat has no person behind it.
    expect(events({ update_id: 30, poll_answer: { poll_id: 'p1', voter_chat: group, option_ids: [1] } })).toEqual([]);
  });

  it('handles /cmd@botname, ignores commands for other bots, and reads arguments', () => {
    const cmd = (text: string) => events(message({ text, entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] }));
    expect(cmd('/Koppel@zb_BOT ABCD-2345')[0]).toMatchObject({ kind: 'command', command: 'koppel', args: 'ABCD-2345', updateId: '9' });
    expect(cmd('/help')[0]).toMatchObject({ kind: 'command', command: 'help', args: '' });
    expect(cmd('/help@other_bot')).toEqual([]);
  });

  it('marks text addressed to the bot: mention, reply to the bot, DM; other group text is passed on unaddressed', () => {
    const mentioned = events(message({ text: '@ZB_bot ik doe de trap', entities: [{ type: 'mention', offset: 0, length: 7 }] }))[0];
    expect(mentioned).toMatchObject({ kind: 'text', text: 'ik doe de trap', addressedToBot: true });
    const reply = events(message({ text: 'ja', reply_to_message: { message_id: 1, chat: group, from: { id: 42, first_name: 'ZB', is_bot: true } } }))[0];
    expect(reply).toMatchObject({ addressedToBot: true });
    expect(events(message({ text: 'koffie?' }))[0]).toMatchObject({ addressedToBot: false, text: 'koffie?' });
    expect(events(message({ text: 'hoi', chat: { id: 1, type: 'private' } }))[0]).toMatchObject({ addressedToBot: true, chat: { isDirect: true } });
    expect(events(message({ text: 'hoi', is_topic_message: true, message_thread_id: 77 }))[0]).toMatchObject({ chat: { threadId: '77' } });
    expect(events(message({ text: 'hoi', message_thread_id: 77 }))[0]!.chat.threadId).toBeUndefined(); // a reply thread, not a topic
  });

  it('turns members, the bot itself, migrations, photos and documents into events', () => {
    const joined = events(message({ new_chat_members: [anna, { id: 2, first_name: 'Bram' }, { id: 42, first_name: 'ZB', is_bot: true }] }));
    expect(joined.map((e) => [e.kind, e.user.userId, e.updateId])).toEqual([['member_joined', '1', '9:0'], ['member_joined', '2', '9:1']]);
    const added = events({ update_id: 10, my_chat_member: { chat: group, from: anna, old_chat_member: { status: 'left' },
      new_chat_member: { status: 'administrator', user: { id: 42, first_name: 'ZB', is_bot: true } } } });
    expect(added).toMatchObject([{ kind: 'member_joined', user: { userId: '42', isBot: true } }]);
    expect(events(message({ migrate_to_chat_id: -100123 }))).toMatchObject([{ kind: 'chat_migrated', newChatId: '-100123', chat: { chatId: '-5' } }]);
    const photo = events(message({ caption: 'kapot', photo: [{ file_id: 's', width: 9, height: 9 }, { file_id: 'L', width: 900, height: 600 }] }))[0]!;
    expect(photo).toMatchObject({ kind: 'text', text: 'kapot', attachments: [{ kind: 'photo', fileId: 'L' }] });
    const doc = events(message({ document: { file_id: 'd', file_name: 'plan.json', mime_type: 'application/json', file_size: 1234 } }))[0]!;
    expect(doc).toMatchObject({ kind: 'text', text: '', attachments: [{ kind: 'document', fileName: 'plan.json', size: 1234 }] });
  });

  it('recognises anonymous admins and channel posts instead of inventing a person', () => {
    const anon = mapUpdate(message({ from: { id: 1087968824, first_name: 'Group', is_bot: true }, sender_chat: group, text: '/help',
      entities: [{ type: 'bot_command', offset: 0, length: 5 }] }), ctx);
    expect(anon).toMatchObject({ kind: 'anonymous', chat: { chatId: '-5' } });
    expect(mapUpdate(message({ from: { id: 1087968824, first_name: 'Group', is_bot: true }, sender_chat: group, text: 'hoi' }), ctx))
      .toEqual({ kind: 'events', events: [] });
    expect(events(message({ sender_chat: { id: -99, type: 'channel' }, text: 'post', is_automatic_forward: true }))).toEqual([]);
  });
});

describe('Telegram formatting', () => {
  it('escapes templates and parameters; Telegram parses it back to the same text', () => {
    const html = renderHtml('en', msg('core.unknownCommand', { command: '<b>&x' }));
    expect(html).toBe('I do not know the command /&lt;b&gt;&amp;x. Type /help to see what I can do.');
    expect(parseHtml(html).text).toBe('I do not know the command /<b>&x. Type /help to see what I can do.');
    expect(renderHtml('nl', mention({ platform: 'discord', userId: '5', displayName: 'A<' }))).toBe('A&lt;');
  });

  it('splits any text into parts within the limit that join back to the original at line boundaries', () => {
    const line = fc.array(fc.constantFrom('a', 'b', 'é', ' ', '<', '>', '&', '😀'), { maxLength: 200 }).map((cs) => escapeHtml(cs.join('')));
    fc.assert(fc.property(fc.array(line, { maxLength: 80 }), fc.integer({ min: 80, max: 400 }), (lines, limit) => {
      const html = lines.join('\n');
      const parts = splitMessage(html, limit);
      for (const p of parts) {
        expect(p.length).toBeLessThanOrEqual(limit);
        expect(() => parseHtml(p)).not.toThrow();
      }
      // Nothing lost, doubled or reordered (a cut inside a line turns a space, or nothing, into a break).
      expect(parts.join('').replace(/\s+/g, '')).toBe(html.replace(/\s+/g, ''));
      // Lines that fit stay whole: every part boundary is a line boundary unless the line itself was too long.
      const fitting = html.split('\n').filter((l) => l.trim() && l.length <= limit);
      for (const l of fitting) expect(parts.some((p) => p.split('\n').includes(l))).toBe(true);
    }));
    // One overlong line is cut at spaces, never inside an entity or an emoji.
    const long = escapeHtml(Array.from({ length: 400 }, (_, i) => `w${i}&😀`).join(' '));
    const parts = splitMessage(long, 100);
    expect(parts.every((p) => p.length <= 100)).toBe(true);
    expect(parts.join(' ')).toBe(long);
  });

  it('maps Bot API failures for the outbox', () => {
    const tg = (error_code: number, parameters?: object) => ({ response: { error_code, description: 'x', parameters } });
    expect(toPlatformError(tg(429, { retry_after: 3 }), 'send')).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3000 });
    expect(toPlatformError(tg(502), 'send').kind).toBe('transient');
    expect(toPlatformError(tg(403), 'send').kind).toBe('permanent');
    expect(toPlatformError(new Error('ECONNRESET'), 'send').kind).toBe('transient');
    expect(toPlatformError(new PlatformError('p', 'permanent'), 'send').kind).toBe('permanent');
  });

  it('builds valid command menus from the bot commands', () => {
    for (const menu of commandMenus(tenancyCapability.commands ?? [])) {
      for (const c of menu.commands) {
        expect(c.command).toMatch(/^[a-z0-9_]{1,32}$/);
        expect(c.description.length).toBeGreaterThan(0);
        expect(c.description.length).toBeLessThanOrEqual(256);
      }
    }
  });
});

describe('Telegram configuration', () => {
  it('is off without a token, polls without a webhook URL, and uses the configured API root and secret', () => {
    expect(telegramOptionsFromConfig(loadConfig({}))).toBeNull();
    expect(telegramOptionsFromConfig(loadConfig({ TELEGRAM_BOT_TOKEN: '1:a', TELEGRAM_API_ROOT: 'http://localhost:8081' })))
      .toEqual({ token: '1:a', apiRoot: 'http://localhost:8081', webhook: undefined });
    expect(telegramOptionsFromConfig(loadConfig({ TELEGRAM_BOT_TOKEN: '1:a', TELEGRAM_WEBHOOK_URL: 'https://x.org/tg', TELEGRAM_WEBHOOK_SECRET: 's_1' })))
      .toEqual({ token: '1:a', apiRoot: undefined, webhook: { url: 'https://x.org/tg', secret: 's_1' } });
  });
});
