import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConsolePlatform, type ConsoleOptions, type ConsolePerson } from '../../../adapters/console/index.js';
import { msg, type Lang } from '../../../src/i18n/index.js';
import type { InboundEvent, OutboundMessage, SentRef } from '../../../src/platform.js';
import { parseTranscript, turnsFor } from './transcript.js';

const PEOPLE: ConsolePerson[] = [
  { key: 'anna', name: 'Anna de Vries', admin: true },
  { key: 'bram', name: 'Bram Jansen' },
  { key: 'chloe', name: 'Chloé Martin', language: 'en' },
];

const plain = (text: string, lang: Lang = 'nl', extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
  lang, body: [msg('core.plain', { text })], ...extra,
});

type Responder = (c: ConsolePlatform, e: InboundEvent) => Promise<void>;

/** Runs a piped session: every line is handled (by `respond`, standing in for the bot) before the next; ends at EOF. */
async function session(lines: string[], respond: Responder = async () => {}, extra: Partial<ConsoleOptions> = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (d: Buffer) => { out += d.toString(); });
  const outDir = mkdtempSync(join(tmpdir(), 'zb-console-out-'));
  const c = new ConsolePlatform({
    input, output, people: PEOPLE, group: { chatId: 'g', title: 'De Linde' }, outDir, sessionTag: 's', ...extra,
  });
  const events: InboundEvent[] = [];
  await c.start(async (e) => { events.push(e); await respond(c, e); });
  input.end(`${lines.join('\n')}\n`);
  await c.finished;
  return { out, events, c, outDir, ...parseTranscript(out) };
}

describe('console adapter (in-memory streams)', () => {
  it('numbers buttons across messages; typing a number presses that button on its own message; an edit retires the old numbers', async () => {
    const sent: SentRef[] = [];
    const { events, turns } = await session(['/menu', '/meer', '2', '1', '3', '/exit', '/menu'], async (c, e) => {
      if (e.kind === 'command' && e.command === 'menu') {
        sent.push(await c.send(e.chat.chatId, plain('Doe je mee?', 'nl', {
          buttons: [[{ label: msg('core.yes'), action: 'x:yes' }, { label: msg('core.no'), action: 'x:no' }]],
        })));
      }
      if (e.kind === 'command' && e.command === 'meer') {
        sent.push(await c.send(e.chat.chatId, plain('Nog iets', 'nl', { buttons: [[{ label: msg('core.cancel'), action: 'x:cancel' }]] })));
      }
      if (e.kind === 'button') {
        await c.edit({ chatId: e.chat.chatId, messageId: e.messageId! }, plain(`Gekozen: ${e.action}`));
      }
    });
    expect(turnsFor(turns, '/menu')[0]!.output).toContain('Bot · De Linde · #1\n  Doe je mee?\n  [1] Ja   [2] Nee');
    expect(turnsFor(turns, '/meer')[0]!.output).toContain('[3] Annuleren');
    const press = turnsFor(turns, '2')[0]!.output;
    expect(press).toContain('→ [2] Nee');
    expect(press).toContain('Bot · De Linde · #1 (bewerkt)\n  Gekozen: x:no');
    expect(turnsFor(turns, '1')[0]!.output).toContain('Er is geen knop of peilingkeuze met nummer 1.');
    expect(turnsFor(turns, '3')[0]!.output).toContain('Gekozen: x:cancel');
    expect(turnsFor(turns, '/exit')[0]!.output).toContain('Tot ziens!');
    // Nothing after /exit is handled.
    expect(turnsFor(turns, '/menu')).toHaveLength(1);
    const buttons = events.filter((e) => e.kind === 'button');
    expect(buttons).toMatchObject([
      { action: 'x:no', messageId: sent[0]!.messageId, chat: { chatId: 'g', isDirect: false }, user: { userId: 'anna' } },
      { action: 'x:cancel', messageId: sent[1]!.messageId },
    ]);
  });

  it('/as switches resident (listing who exists when unknown); /dm and /groep switch chat; free text is addressed to the bot', async () => {
    const { events, turns } = await session(['/as zed', '/als Bram', 'hoi', '/dm', 'privé vraag', '/wie', '/groep', '/hulp']);
    expect(turnsFor(turns, '/as zed')[0]!.output).toContain('Die bewoner ken ik niet: zed. Kies uit: anna, bram, chloe.');
    expect(turnsFor(turns, '/als Bram')[0]!.output).toContain('Je bent nu Bram Jansen (bram).');
    expect(turns.map((t) => `${t.who}@${t.place}`)).toEqual([
      'anna@De Linde', 'anna@De Linde', 'bram@De Linde', 'bram@De Linde', 'bram@privé', 'bram@privé', 'bram@privé', 'bram@De Linde',
    ]);
    expect(turnsFor(turns, '/wie')[0]!.output).toContain('Je bent Bram Jansen (bram), nu in: privé met Bram Jansen.');
    expect(events).toMatchObject([
      { kind: 'text', text: 'hoi', addressedToBot: true, chat: { chatId: 'g', isDirect: false, platform: 'console' },
        user: { userId: 'bram', displayName: 'Bram Jansen', username: 'bram' } },
      { kind: 'text', text: 'privé vraag', addressedToBot: true, chat: { chatId: 'dm:bram', isDirect: true } },
      { kind: 'command', command: 'hulp', args: '', chat: { chatId: 'g' } },
    ]);
    // Meta commands never reach the bot.
    expect(events).toHaveLength(3);
  });

  it('a button in someone else’s direct chat is refused until you switch to them', async () => {
    const { events, turns } = await session(['/stuur', '/as bram', '1', '/as anna', '1'], async (c, e) => {
      if (e.kind === 'command') {
        await c.sendDirect('anna', plain('Alleen voor Anna', 'nl', { buttons: [[{ label: msg('core.yes'), action: 'dm:ok' }]] }));
      }
    });
    expect(turnsFor(turns, '/stuur')[0]!.output).toContain('Bot · privé met Anna de Vries · #1');
    expect(turnsFor(turns, '1')[0]!.output).toContain('Knop 1 staat in het privégesprek van Anna de Vries. Wissel eerst met /as anna.');
    expect(events.filter((e) => e.kind === 'button')).toMatchObject([
      { action: 'dm:ok', chat: { chatId: 'dm:anna', isDirect: true }, user: { userId: 'anna' } },
    ]);
  });

  it('shows polls with numbered options, sends a vote, and refuses votes after close', async () => {
    let poll: { ref: SentRef; pollId: string } | undefined;
    const { events, turns } = await session(['/peiling', '2', '/sluit', '1'], async (c, e) => {
      if (e.kind === 'command' && e.command === 'peiling') {
        poll = await c.postPoll('g', {
          lang: 'nl', question: msg('core.plain', { text: 'Hoe schoon is trappenhuis B?' }),
          options: ['1', '2', '3'].map((text) => msg('core.plain', { text })),
        });
      }
      if (e.kind === 'command' && e.command === 'sluit') await c.closePoll(poll!.ref, poll!.pollId);
    });
    expect(turnsFor(turns, '/peiling')[0]!.output).toContain('Peiling · De Linde · #1\n  Hoe schoon is trappenhuis B?\n  [1] 1\n  [2] 2\n  [3] 3');
    expect(turnsFor(turns, '2')[0]!.output).toContain('Je stem is verstuurd: 2');
    expect(turnsFor(turns, '/sluit')[0]!.output).toContain('Peiling #1 is gesloten.');
    expect(turnsFor(turns, '1')[0]!.output).toContain('Deze peiling is al gesloten.');
    expect(events.filter((e) => e.kind === 'poll_vote')).toMatchObject([
      { pollId: poll!.pollId, optionIndexes: [1], chat: { chatId: 'g' }, user: { userId: 'anna' } },
    ]);
  });

  it('writes files the bot sends to the out folder (never overwriting) and uploads a file with /bestand', async () => {
    const upload = join(mkdtempSync(join(tmpdir(), 'zb-upload-')), 'plan.yaml');
    writeFileSync(upload, 'complex: De Linde\n');
    let downloaded = '';
    const { events, turns, outDir } = await session(['/export', '/export', `/bestand ${upload} /beheerplan importeren`, '/bestand ./bestaat-niet.yaml'],
      async (c, e) => {
        if (e.kind === 'command' && e.command === 'export') {
          await c.send(e.chat.chatId, plain('Hier is het plan', 'nl', {
            file: { name: '../plan.yaml', content: Buffer.from('tasks: []\n'), mimeType: 'application/yaml' },
          }));
        }
        if (e.kind === 'command' && e.attachments?.[0]?.download) downloaded = (await e.attachments[0].download()).toString();
      });
    expect(readdirSync(outDir).sort()).toEqual(['plan-2.yaml', 'plan.yaml']);
    expect(readFileSync(join(outDir, 'plan.yaml'), 'utf8')).toBe('tasks: []\n');
    expect(turnsFor(turns, '/export')[0]!.output).toContain(`Bestand opgeslagen: ${join(outDir, 'plan.yaml')}`);
    expect(turnsFor(turns, '/export')[1]!.output).toContain('plan-2.yaml');
    expect(events.at(-1)).toMatchObject({
      kind: 'command', command: 'beheerplan', args: 'importeren',
      attachments: [{ kind: 'document', fileName: 'plan.yaml', mimeType: 'application/yaml' }],
    });
    expect(downloaded).toBe('complex: De Linde\n');
    expect(turnsFor(turns, '/bestand ./bestaat-niet.yaml')[0]!.output).toContain('Kan het bestand ./bestaat-niet.yaml niet lezen.');
  });

  it('uses colours only when asked (a terminal), and strips control characters from user text', async () => {
    const evil = 'Bram\u001b[2J\u001b[31m';
    const respond: Responder = async (c, e) => { await c.send(e.chat.chatId, plain(evil)); };
    const piped = await session(['hoi'], respond);
    expect(piped.out).not.toContain('\u001b');
    expect(piped.out).toContain('  Bram\n');
    const coloured = await session(['hoi'], respond, { color: true });
    expect(coloured.out).toContain('\u001b[36mBot · De Linde · #1\u001b[39m');
    expect(coloured.out).not.toContain('\u001b[2J');
  });

  it('console texts follow the language the bot answers the current person in', async () => {
    const { turns, preamble } = await session(['/as', '/english', '/as'], async (c, e) => {
      if (e.kind === 'command' && e.command === 'english') await c.send(e.chat.chatId, plain('OK', 'en'));
    });
    expect(preamble).toContain('Welkom bij zelfbeheer-bot in de terminal. Je bent Anna de Vries in de groep De Linde.');
    expect(preamble).toContain('Welcome to zelfbeheer-bot in the terminal.');
    const [before, after] = turnsFor(turns, '/as');
    expect(before!.output).toContain('Typ /as gevolgd door een naam');
    expect(after!.output).toContain('Type /as followed by a name');
  });

  it('handles piped lines strictly one after another and finishes at end of input', async () => {
    const log: string[] = [];
    const { turns } = await session(['een', 'twee', 'drie'], async (_c, e) => {
      if (e.kind !== 'text') return;
      log.push(`start ${e.text}`);
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      log.push(`end ${e.text}`);
    });
    expect(log).toEqual(['start een', 'end een', 'start twee', 'end twee', 'start drie', 'end drie']);
    expect(turns.map((t) => t.input)).toEqual(['een', 'twee', 'drie']);
  });

  it('reports group admins for /koppel', async () => {
    const c = new ConsolePlatform({
      input: new PassThrough(), output: new PassThrough(), people: PEOPLE, group: { chatId: 'g', title: 'x' }, outDir: tmpdir(),
    });
    expect((await c.chatAdmins('g')).map((u) => u.userId)).toEqual(['anna']);
    expect(await c.chatAdmins('dm:anna')).toEqual([]);
  });
});
