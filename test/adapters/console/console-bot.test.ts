import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleChat } from '../../../adapters/console/index.js';
import { createBot } from '../../../src/bot.js';
import { people } from '../../../src/db/schema/index.js';
import { seedDemo } from '../../../src/demo/seed.js';
import { capabilities } from '../../../src/capabilities.js';
import { silentLogger } from '../../../src/log.js';
import { testDatabase, type TestDatabase } from '../../support/db.js';
import { parseTranscript, turnsFor } from './transcript.js';

describe('console adapter with the real bot on the seeded demo complex', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await testDatabase();
    await seedDemo(database.db, new Date('2026-11-22T10:00:00Z'));
  });
  afterAll(async () => { await database.close(); });

  async function run(lines: string[]) {
    const input = new PassThrough();
    const output = new PassThrough();
    let out = '';
    output.on('data', (d: Buffer) => { out += d.toString(); });
    const chat = await createConsoleChat({
      db: database.db, log: silentLogger, dataDir: mkdtempSync(join(tmpdir(), 'zb-console-')), lang: 'nl', input, output,
    });
    const bot = createBot({ db: database.db, log: silentLogger, capabilities });
    bot.platforms.set(chat.name, chat);
    await chat.start((e) => bot.handle(chat, e));
    input.end(`${lines.join('\n')}\n`);
    await chat.finished;
    return parseTranscript(out).turns;
  }

  it('answers each resident in their language, and a numbered button press changes the language', async () => {
    const turns = await run(['/hulp', '/as chloe', '/dm', '/help', '/groep', '/as bram', '/taal', '2', '/dm', '/hulp', '/onzin']);
    expect(turns[0]!.place).toBe('De Linde');
    const annaHelp = turnsFor(turns, '/hulp')[0]!.output;
    expect(annaHelp).toContain('Dit kan ik voor je doen:');
    expect(annaHelp).toContain('Voor coördinatoren:'); // Anna is the coordinator.
    expect(turnsFor(turns, '/help')[0]!.output).toContain('This is what I can do for you:'); // Chloé reads English in her own chat.
    expect(turnsFor(turns, '/help')[0]!.output).not.toContain('For coordinators:');
    expect(turnsFor(turns, '/taal')[0]!.output).toContain('Kies je taal:\n  [1] Nederlands   [2] English');
    const pressed = turnsFor(turns, '2')[0]!;
    expect(pressed.who).toBe('bram');
    expect(pressed.output).toContain('From now on I will talk to you in English.');
    expect(turnsFor(turns, '/hulp')[1]!.output).toContain('This is what I can do for you:');
    expect(turnsFor(turns, '/onzin')[0]!.output).toContain('I do not know the command /onzin.');

    const [bram] = await database.db.select().from(people).where(eq(people.displayName, 'Bram Jansen'));
    expect(bram!.language).toBe('en');
  });

  it('Lotte is the demo corporation\'s liaison: a report sent to the corporation reaches her DM with its buttons', async () => {
    // Buttons are numbered in the order they appear: Onderhoud, Overslaan (no place), then Anna's Naar corporatie.
    const turns = await run(['/meld de lamp in hal B is kapot', '3', '14', '18', '/as liaison', '/dm', '/meldingen']);
    expect(turnsFor(turns, '3')[0]!.output).toContain('[14] Overslaan');
    expect(turnsFor(turns, '14')[0]!.output).toContain('[18] Naar corporatie');
    const sent = turnsFor(turns, '18')[0]!.output;
    expect(sent).toContain('Bot · privé met Lotte (Woonstede)');
    expect(sent).toContain('🏢 Melding uit De Linde voor de corporatie:');
    expect(sent).toMatch(/\[\d+\] Gezien ✓/);
    expect(turnsFor(turns, '/meldingen')[0]!.output).toContain('bij de corporatie');
  });
});
