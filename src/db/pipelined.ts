import type { Db } from './client.js';

/**
 * A round trip is one wait for the server, and on a busy bot it is what an update spends most of its
 * time on. Inside a transaction postgres.js pipelines statements issued without awaiting in between
 * (Promise.all): they travel together and cost one round trip. `writeBehind` goes one step further
 * for a write whose result nobody needs (an audit row): it is sent at once and not waited for, so it
 * travels with the next statement; the transaction waits for it before it commits, and its failure
 * fails the transaction (its error, not the "transaction aborted" that follows it, is thrown).
 *
 * BEGIN and COMMIT are still round trips of their own: sending them along with the first and last
 * statements needs a reserved connection, and postgres.js 3.4.9's reserve() can strand a reservation
 * or crash the process when a connection closes (porsager/postgres#1195, #1208) — which is exactly
 * what a database outage does.
 */
interface Pipeline {
  behind: Promise<unknown>[];
  failure: { error: unknown } | null;
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

/** Runs `work` in one transaction in which writeBehind does not wait. */
export async function pipelinedTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const pipeline: Pipeline = { behind: [], failure: null };
    pipelines.set(tx, pipeline);
    try {
      let result: T;
      try {
        result = await work(tx);
      } finally {
        await Promise.all(pipeline.behind);
      }
      if (pipeline.failure) throw pipeline.failure.error;
      return result;
    } catch (err) {
      throw pipeline.failure?.error ?? err;
    } finally {
      pipelines.delete(tx);
    }
  });
}
