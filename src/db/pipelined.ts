import type { Db } from './client.js';

/**
 * A round trip is one wait for the server, and on a busy bot it is what an update spends most of its
 * time on. Inside a transaction postgres.js pipelines statements issued without awaiting in between
 * (Promise.all): they travel together and cost one round trip. Two helpers go further:
 * - `writeBehind(tx, statement)` for a write whose result nobody needs (an audit row): sent at once and not
 *   waited for, so it travels with the next statement;
 * - `sendLast(tx, statement)` for the transaction's last statement (an event's answers): the COMMIT is sent
 *   right behind it without waiting for its answer, and its result is there once the transaction committed.
 * If either fails, the transaction is rolled back (the server answers the COMMIT of a failed transaction with
 * a rollback) and that failure is thrown — not the "transaction aborted" of the statements after it.
 *
 * BEGIN costs no round trip either: on PostgreSQL a transaction holds a connection of its own and sends
 * BEGIN along with its first statements (src/db/lane-transaction.ts, which also makes sure that nothing
 * of a transaction whose connection closed runs on a new one). On PGlite (one in-process connection)
 * everything is simply awaited in order.
 */
interface Pipeline {
  behind: Promise<unknown>[];
  failure: { error: unknown } | null;
  last: Promise<unknown> | null;
}
const pipelines = new WeakMap<object, Pipeline>();

/** Sends `statement` now and does not wait for it inside a pipelinedTransaction; elsewhere awaits it. */
export async function writeBehind(db: Db, statement: { execute(): Promise<unknown> }): Promise<void> {
  const pipeline = pipelines.get(db);
  if (!pipeline) {
    await statement.execute();
    return;
  }
  pipeline.behind.push(statement.execute().catch((error: unknown) => {
    pipeline.failure ??= { error };
  }));
}

/**
 * Sends the transaction's last statement; do not await the result inside the transaction (the COMMIT
 * follows only once the transaction's function returned). Outside a pipelinedTransaction: just runs it.
 */
export function sendLast<R>(db: Db, statement: { execute(): Promise<R> }): Promise<R> {
  const pipeline = pipelines.get(db);
  const result = statement.execute();
  if (pipeline) {
    pipeline.last = result;
    // Read after the commit; until then a failure must not count as unhandled.
    result.catch(() => {});
  }
  return result;
}

/** PostgreSQL (lanes.ts), as opposed to PGlite: a statement may be left unanswered while the COMMIT follows it. */
function commitsUnanswered(db: Db): boolean {
  const client = (db as unknown as { $client?: { pipelinesCommit?: unknown } }).$client;
  return client?.pipelinesCommit === true;
}

/** Runs `work` in one transaction in which writeBehind and sendLast do not wait. */
export async function pipelinedTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  const commitUnanswered = commitsUnanswered(db);
  let pipeline: Pipeline = { behind: [], failure: null, last: null };
  try {
    const result = await db.transaction(async (tx) => {
      pipeline = { behind: [], failure: null, last: null };
      pipelines.set(tx, pipeline);
      try {
        const done = await work(tx);
        if (!commitUnanswered) {
          await Promise.all(pipeline.behind);
          await pipeline.last;
        }
        return done;
      } finally {
        pipelines.delete(tx);
      }
    });
    await Promise.all(pipeline.behind);
    if (pipeline.failure) throw pipeline.failure.error;
    await pipeline.last;
    return result;
  } catch (err) {
    // Not waited for here: on a connection that closed (the database went away) they may never settle.
    // A write that failed before the statements after it has said so by now.
    throw pipeline.failure?.error ?? err;
  }
}
