import { Writable } from 'node:stream';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../src/admin/commands.js';
import { createBot } from '../src/bot.js';
import { createOutboxWorker } from '../src/outbox/worker.js';
import { capabilities } from '../src/capabilities.js';
import { anna, bram, chloe } from './support/harness.js';
import { testDatabase, type TestDatabase } from './support/db.js';
import { FakePlatform } from './support/fake-platform.js';

/** Any command with any arguments, anywhere, by anyone: an answer, never a crash or an apology. */
describe('every command, any input', () => {
  let database: TestDatabase;
  let fake: FakePlatform;
  const failures: unknown[] = [];
  let clock = Date.parse('2026-11-22T10:00:00Z');
  let worker: ReturnType<typeof createOutboxWorker>;
  /** Runs the outbox until nothing more is due now. */
  async function flush(): Promise<void> {
    for (let i = 0; i < 50; i++) if ((await worker.runOnce()).sent === 0) return;
  }

  beforeAll(async () => {
    database = await testDatabase();
    const log = pino({ level: 'error' }, new Writable({
      write(chunk: Buffer, _enc, done) { failures.push(JSON.parse(chunk.toString())); done(); },
    }));
    // The clock moves 10 s per message: the platform's 20-per-minute group limit is never the reason for silence.
    const bot = createBot({ db: database.db, log, capabilities, now: () => new Date((clock += 10_000)) });
    fake = new FakePlatform(bot);
    // As in a deployment, the outbox worker sends what waits (an announcement's posts; answers queued behind them).
    worker = createOutboxWorker({ db: database.db, log, platforms: new Map([['fake', fake]]), clock: () => new Date(clock), limits: {}, concurrency: 1, sentMarks: bot.sentMarks });
    const lines: string[] = [];
    const io = { db: database.db, now: new Date('2026-11-22T10:00:00Z'), lang: 'en' as const, capabilities, out: (l: string) => lines.push(l) };
    await runAdmin(io, ['complex', 'create', 'De Linde']);
    await runAdmin(io, ['code', 'issue', '--complex', '1']);
    fake.group('g1', 'Bewoners De Linde', [anna]);
    fake.group('g-unlinked', 'Los', [bram]);
    await fake.say(anna, 'g1', `/koppel ${/Join code (\S+)/.exec(lines[1]!)![1]!}`);
    await fake.say(bram, 'g1', 'hallo');
  });
  afterAll(async () => { await database.close(); });

  it('answers every command name with any arguments in a group, an unlinked group and a direct chat', async () => {
    const names = [...new Set(capabilities.flatMap((f) => f.commands ?? []).flatMap((c) => [...c.names.nl, ...c.names.en]))];
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...names, 'onbekend'),
      fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('@anna', '@bram', 'nl', 'en', 'ABCD-2345', '@nobody')),
      fc.constantFrom('g1', 'g-unlinked', 'dm'),
      fc.constantFrom(anna, bram, chloe),
      async (name, args, where, user) => {
        const chat = where === 'dm' ? `dm:${user.id}` : where;
        const before = fake.sent.length;
        await fake.say(user, chat, `/${name} ${args}`);
        await flush();
        const sent = fake.sent.slice(before);
        expect(sent.length, `/${name} ${args} in ${chat}`).toBeGreaterThan(0);
        for (const s of sent) {
          expect(s.text).not.toMatch(/Sorry, (er ging iets mis|something went wrong)/);
          expect(s.text.trim()).not.toBe('');
        }
      },
    ), { numRuns: 150 });
    expect(failures).toEqual([]);
  });
});
