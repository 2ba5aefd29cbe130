import type { Socket } from 'node:net';
import { and, eq, isNull, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/bot/transient.js';
import { rowsOf } from '../../src/db/bulk.js';
import { auditLog, processedUpdates, rotaClaims, rotaOccurrences } from '../../src/db/schema/index.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { bram, createHarness, type Harness } from '../support/harness.js';
import { addTasks, GROUP, linkedComplex, task } from '../rota/setup.js';

/**
 * A transaction sends BEGIN, its statements and COMMIT without waiting for each answer (src/db/lanes.ts,
 * lane-transaction.ts). If its connection dies in the middle, the server rolls it back — and no statement
 * of it may then run anyway on a new connection, on its own: nothing of it is ever committed.
 */
describe.skipIf(process.env.TEST_DB === 'pglite')('a connection that dies in the middle of a transaction', () => {
  let database: TestDatabase;
  let admin: postgres.Sql;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // One connection: whatever the transaction sends after the kill could only go to a new one.
    database = await testDatabase({ maxConnections: 1, onSocket: (s) => sockets.push(s) });
    admin = postgres(database.url!, { max: 1, onnotice: () => {} });
    await database.db.execute(sql`create table lane_probe (id int primary key)`);
  });
  afterAll(async () => {
    await admin.end();
    await database.close();
  });

  const written = async () => rowsOf<{ id: number }>(await database.db.execute(sql`select id from lane_probe order by id`)).map((r) => r.id);
  const backendPid = async (tx: TestDatabase['db']) => rowsOf<{ pid: number }>(await tx.execute(sql`select pg_backend_pid() as pid`))[0]!.pid;
  const closed = (socket: Socket) => new Promise<void>((resolve) => socket.destroyed ? resolve() : socket.once('close', () => resolve()));

  it('a statement sent after the close was seen is refused, not run on a new connection', async () => {
    const attempt = database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into lane_probe values (${1})`);
      const socket = sockets.at(-1)!;
      await admin`select pg_terminate_backend(${await backendPid(tx)})`;
      await closed(socket);
      await tx.execute(sql`insert into lane_probe values (${2})`);
    });
    const error = await attempt.catch((e: unknown) => e);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(await written()).toEqual([]);
  });

  it('a statement sent while the connection is going away does not outlive it', async () => {
    const attempt = database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into lane_probe values (${3})`);
      await admin`select pg_terminate_backend(${await backendPid(tx)})`;
      await tx.execute(sql`insert into lane_probe values (${4})`);
      await tx.execute(sql`insert into lane_probe values (${5})`);
    });
    expect(isDatabaseUnavailable(await attempt.catch((e: unknown) => e))).toBe(true);
    expect(await written()).toEqual([]);
  });

  it('statements still queued in the driver when the connection breaks are dropped with it', async () => {
    const attempt = database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into lane_probe values (${6})`);
      const socket = sockets.at(-1)!;
      // While the server sleeps, a new statement goes out to be described first; the driver holds the next one
      // back until then. The network breaks meanwhile (no word from the server): postgres.js would open a new
      // connection for the held-back statement, and there it would be committed on its own.
      await Promise.all([
        tx.execute(sql`select pg_sleep(0.2)`),
        tx.execute(sql`insert into lane_probe (id) values (${7})`),
        tx.execute(sql`insert into lane_probe values (${8})`),
        new Promise((r) => setTimeout(r, 50)).then(() => socket.destroy()),
      ]);
    });
    expect(isDatabaseUnavailable(await attempt.catch((e: unknown) => e))).toBe(true);
    // What a new connection would have run on its own would show up here, a moment later.
    await new Promise((r) => setTimeout(r, 300));
    expect(await written()).toEqual([]);
  });

  it('afterwards the pool works again', async () => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into lane_probe values (${9})`);
      await tx.execute(sql`insert into lane_probe values (${10})`);
    });
    expect(await written()).toEqual([9, 10]);
  });
  it('a statement sent after its transaction failed (while it rolls back) does not run on its own', async () => {
    let late: Promise<unknown> | undefined;
    const attempt = database.db.transaction(async (tx) => {
      const failing = tx.execute(sql`select 1 / ${0}::int`);
      // The other half of a Promise.all: it goes on after the first half failed and the transaction ends.
      const straggler = failing.catch(async () => {
        await new Promise((r) => setImmediate(r));
        late = tx.execute(sql`insert into lane_probe values (${11})`);
        return late;
      });
      await Promise.all([failing, straggler]);
    });
    await expect(attempt).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 100));
    await expect(late).rejects.toThrow();
    expect(await written()).not.toContain(11);
  });
});

describe.skipIf(process.env.TEST_DB === 'pglite')('an event whose connection dies before its answer is written', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ maxConnections: 2 });
    const complexId = await linkedComplex(h);
    await addTasks(h, complexId, [task('Trappenhuis A vegen', 'elke zaterdag')]);
  });
  afterAll(async () => { await h.close(); });

  it('is handed back, writes nothing, and is answered once when it comes again', async () => {
    const db = h.database.db;
    const [occ] = await db.select().from(rotaOccurrences).orderBy(rotaOccurrences.dueAt).limit(1);
    await h.bot.flush();
    // The first answer queued from now on ends its own connection: after the claim and its audit row were sent.
    await db.execute(sql.raw(`create sequence kill_once;
      create function kill_once() returns trigger language plpgsql as $$ begin
        if nextval('kill_once') = 1 then perform pg_terminate_backend(pg_backend_pid()); end if; return new; end $$;
      create trigger kill_once before insert on outbox for each row execute function kill_once()`));
    const before = h.fake.sent.length;
    const press = () => h.fake.press(bram, GROUP, `rota:c:${occ!.id}`, undefined, { updateId: '9001' });
    const first = await press().catch((e: unknown) => e);
    expect(isDatabaseUnavailable((first as { cause?: unknown }).cause ?? first)).toBe(true);
    const claims = () => db.select().from(rotaClaims).where(and(eq(rotaClaims.occurrenceId, occ!.id), isNull(rotaClaims.releasedAt)));
    const audits = () => db.select().from(auditLog).where(eq(auditLog.action, 'rota.claimed'));
    const marks = () => db.select().from(processedUpdates).where(eq(processedUpdates.updateId, '9001'));
    expect(await claims()).toHaveLength(0);
    expect(await audits()).toHaveLength(0);
    expect(await marks()).toHaveLength(0);
    // Only the "can't reach my data" notice went out.
    expect(h.fake.sent.slice(before).map((s) => s.text)).toEqual([expect.stringMatching(/Ik kan even niet bij mijn gegevens/)]);

    const sentBefore = h.fake.sent.length;
    await press();
    await press(); // delivered twice: the dedupe mark holds
    expect(await claims()).toHaveLength(1);
    expect(await audits()).toHaveLength(1);
    expect(await marks()).toHaveLength(1);
    expect(h.fake.sent.slice(sentBefore).filter((s) => s.text.includes('doet Trappenhuis A vegen'))).toHaveLength(1);
  });
});
