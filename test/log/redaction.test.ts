import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identities, people } from '../../src/db/schema/tenancy.js';
import { createLogger, type Logger } from '../../src/log.js';
import { testDatabase, type TestDatabase } from '../support/db.js';

/** A logger at level info whose JSON lines are collected in `lines`. */
function capturingLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(chunk.toString('utf8')); done(); } });
  return { log: createLogger('info', stream), lines };
}

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error('expected the query to fail');
}

describe('logs hold no personal data from failed queries', () => {
  let database: TestDatabase;
  beforeAll(async () => { database = await testDatabase(); });
  afterAll(() => database.close());

  it('a NUL byte in a name: the error is logged with its code, without the name, query or parameters', async () => {
    const { log, lines } = capturingLogger();
    const name = 'Geheime\u0000Naam Jansen';
    const err = await failure(() => database.db.insert(people).values({ displayName: name }));
    log.error({ err }, 'handler failed');
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).not.toContain('Geheime');
    expect(line).not.toContain('Jansen');
    expect(line).not.toMatch(/insert into/i);
    const logged = JSON.parse(line) as { err: { message: string; stack: string; cause?: { code?: string } } };
    expect(logged.err.message).toBe('Failed query');
    expect(JSON.stringify(logged.err.cause ?? logged.err)).toMatch(/22021|0x00|invalid byte/);
  });

  it('a unique violation: the "Key (...)=(value)" detail and the bound values are left out', async () => {
    const { log, lines } = capturingLogger();
    const [person] = await database.db.insert(people).values({ displayName: 'Petra Privé' }).returning();
    const row = { personId: person!.id, platform: 'fake', platformUserId: 'secret-user-4711', displayName: 'Petra Privé', username: 'petra_prive' };
    await database.db.insert(identities).values(row);
    const err = await failure(() => database.db.insert(identities).values(row));
    log.warn({ err, text: 'ik ben Petra, bel me op 0612345678', event: { user: { displayName: 'Petra Privé' } } }, 'duplicate');
    const line = lines.join('');
    for (const secret of ['Petra', 'secret-user-4711', 'petra_prive', '0612345678']) expect(line).not.toContain(secret);
    expect(line).toContain('identities_platform_user_uq');
    expect(line).toContain('23505');
  });

  it('ordinary errors keep their message and stack', () => {
    const { log, lines } = capturingLogger();
    log.error({ err: new Error('the outbox worker did not stop') }, 'x');
    const logged = JSON.parse(lines[0]!) as { err: { message: string; stack: string; type: string } };
    expect(logged.err).toMatchObject({ type: 'Error', message: 'the outbox worker did not stop' });
    expect(logged.err.stack).toContain('redaction.test.ts');
  });
});
