import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ConsolePlatform, type ConsolePerson } from '../../../adapters/console/index.js';
import { createBot } from '../../../src/bot.js';
import { capabilities } from '../../../src/capabilities.js';
import { silentLogger } from '../../../src/log.js';
import { startOutboxWorker } from '../../../src/outbox/worker.js';
import { PlatformError, type OutboundMessage, type SentRef } from '../../../src/platform.js';
import { testDatabase } from '../../support/db.js';
import { outboxDrained, realTime, type ContractWorld, type Place, type Seen, type Who } from '../world.js';

const PEOPLE: Record<Who, ConsolePerson> = {
  admin: { key: 'anna', name: 'Anna de Vries', admin: true, language: 'nl' },
  resident: { key: 'bram', name: 'Bram Jansen', language: 'nl' },
};

/** The console can never be refused; for the contract's 429 the real adapter gets a platform in front of it that says so once. */
class RefusingConsole extends ConsolePlatform {
  readonly refusals: PlatformError[] = [];
  override async send(chatId: string, message: OutboundMessage): Promise<SentRef> {
    const refusal = this.refusals.shift();
    if (refusal) throw refusal;
    return super.send(chatId, message);
  }
}

interface Printed extends Seen { place: string; number: number; viewer: string; choices: Map<string, number> }

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const HEADER = /^(?:Bot|Peiling) · (.+?) · #(\d+)( \(bewerkt\))?$/;

/** The real console adapter on in-memory streams: typed lines in, printed blocks parsed back into messages. */
export async function consoleWorld(): Promise<ContractWorld> {
  const database = await testDatabase();
  let poke = (): void => {};
  const bot = createBot({ db: database.db, log: silentLogger, capabilities, now: realTime, onQueued: () => poke() });
  const input = new PassThrough();
  const output = new PassThrough();
  const console = new RefusingConsole({
    input, output, people: Object.values(PEOPLE), group: { chatId: 'group', title: 'Hofje Contract' },
    outDir: mkdtempSync(join(tmpdir(), 'zb-contract-')), sessionTag: 'c', color: false, log: silentLogger,
  });
  bot.platforms.set('console', console);
  const messages = new Map<number, Printed>();
  let whoLines = 0;
  output.on('data', (chunk: Buffer) => {
    const lines = chunk.toString().replace(ANSI, '').replace(/\n$/, '').split('\n');
    const header = HEADER.exec(lines[0] ?? '');
    if (!header) {
      whoLines += lines.filter((l) => /^Je bent .+, nu in: /.test(l)).length;
      return;
    }
    const number = Number(header[2]);
    const body: string[] = [];
    const choices = new Map<string, number>();
    let ephemeral = false;
    for (const raw of lines.slice(1)) {
      const line = raw.replace(/^ {2}/, '');
      if (line === '(alleen voor jou zichtbaar)') ephemeral = true;
      else if (/^\[\d+\] /.test(line)) for (const m of line.matchAll(/\[(\d+)\] (.+?)(?= {3}\[\d+\] |$)/g)) choices.set(m[2]!, Number(m[1]));
      else if (line !== 'Stem door het nummer te typen.') body.push(line);
    }
    const pollOptions = lines[0]!.startsWith('Peiling') ? [...choices.keys()] : undefined;
    messages.set(number, {
      id: String(number), number, place: header[1]!, viewer: console.current.key, text: body.join('\n'), buttons: pollOptions ? [] : [...choices.keys()],
      edited: Boolean(header[3]), ephemeral, choices, ...(pollOptions ? { pollOptions } : {}),
    });
  });
  await console.start((event) => bot.handle(console, event));
  const worker = startOutboxWorker({ db: database.db, log: silentLogger, platforms: bot.platforms, limits: {}, pollMs: 50, sentMarks: bot.sentMarks });
  poke = () => worker.poke();

  const placeOf = (who: Who, where: Place) => (where === 'group' ? 'Hofje Contract' : `privé met ${PEOPLE[who].name}`);
  /** Types lines as `who` in `where`; resolves when the console has handled all of them. */
  async function type(who: Who, where: Place, line: string): Promise<void> {
    const target = whoLines + 1;
    input.write(`/as ${PEOPLE[who].key}\n${where === 'dm' ? '/dm' : '/groep'}\n${line}\n/wie\n`);
    while (whoLines < target) await new Promise((r) => setTimeout(r, 10));
  }
  function seen(who: Who, where: Place): Printed[] {
    return [...messages.values()].sort((a, b) => a.number - b.number)
      .filter((m) => m.place === placeOf(who, where) && (!m.ephemeral || m.viewer === PEOPLE[who].key));
  }

  return {
    platform: console,
    db: database.db,
    say: type,
    async press(who, where, label) {
      const message = [...seen(who, where)].reverse().find((m) => [...m.choices.keys()].some((l) => l.includes(label)));
      const number = [...(message?.choices ?? new Map<string, number>()).entries()].find(([l]) => l.includes(label))?.[1];
      if (number === undefined) throw new Error(`no button "${label}" for ${who} in ${where}`);
      await type(who, where, String(number));
    },
    async vote(who, option) {
      const poll = [...seen(who, 'group')].reverse().find((m) => m.pollOptions);
      if (!poll) throw new Error('no poll in the group');
      await type(who, 'group', String(poll.choices.get(poll.pollOptions![option]!)));
    },
    seen: (who, where) => seen(who, where).map(({ id, text, buttons, edited, ephemeral, pollOptions }) => ({
      id, text, buttons, edited, ephemeral, ...(pollOptions ? { pollOptions } : {}) })),
    failNextSend(seconds) { console.refusals.push(new PlatformError('Too Many Requests', 'rate_limited', seconds * 1000)); },
    settle: () => outboxDrained(database.db),
    async close() {
      await worker.stop();
      input.end();
      await console.stop();
      await database.close();
    },
  };
}
