import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Db } from '../../src/db/client.js';
import { DEMO_CHAT_ID, DEMO_RESIDENTS } from '../../src/demo/seed.js';
import { t, type Lang } from '../../src/i18n/index.js';
import type { Logger } from '../../src/log.js';
import { findChat, getComplex } from '../../src/tenancy/queries.js';
import { ConsolePlatform, type ConsolePerson } from './platform.js';

export { ConsolePlatform, type ConsoleOptions, type ConsolePerson } from './platform.js';

export interface ConsoleChatDeps {
  db: Db;
  log: Logger;
  dataDir: string;
  input: Readable;
  output: Writable & { isTTY?: boolean };
  /** Language for the group's name while it is not linked to a complex yet. */
  lang: Lang;
}

/** The demo residents, Anna (coordinator) first; anyone who is coordinator is a "group admin" for /koppel. */
export const CONSOLE_PEOPLE: ConsolePerson[] = DEMO_RESIDENTS.map((r) => ({
  key: r.key, name: r.name, language: r.language, admin: r.role === 'coordinator',
}));

/** The console chat on the demo group: named after its complex when linked (the demo seed links it). */
export async function createConsoleChat(deps: ConsoleChatDeps): Promise<ConsolePlatform> {
  const chat = await findChat(deps.db, 'console', DEMO_CHAT_ID);
  const complex = chat?.complexId ? await getComplex(deps.db, chat.complexId) : null;
  return new ConsolePlatform({
    input: deps.input, output: deps.output, log: deps.log, people: CONSOLE_PEOPLE,
    group: { chatId: DEMO_CHAT_ID, title: complex?.name ?? t(deps.lang, 'console.place.unlinked') },
    outDir: join(deps.dataDir, 'out'),
  });
}
