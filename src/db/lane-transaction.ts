import type postgres from 'postgres';

/**
 * One transaction on a lane (see lanes.ts): a postgres.js client with a single connection, leased to
 * this transaction alone. Such a client sends statements in the order they are issued and does not wait
 * for an answer before sending the next (postgres.js pipelines them), so BEGIN travels with the
 * transaction's first statements and the COMMIT right behind its last: no round trip of their own.
 *
 * The danger is the connection closing in the middle. The server then rolls the transaction back, and
 * postgres.js would open a new connection for the next statement, which would run there on its own
 * (autocommit): half a transaction written. So once the lane's connection fails or closes (lanes.ts calls
 * `connectionClosed` on its socket's error and on postgres.js's `onclose`), nothing more of this
 * transaction reaches PostgreSQL:
 * - statements already on the connection fail with it (postgres.js rejects them);
 * - statements still queued in the client (behind a statement the server is describing, or a connection
 *   being opened) are cancelled before postgres.js hands them to a new connection — it does that right
 *   after calling `onclose`, so this is the last moment;
 * - statements issued afterwards are refused without reaching the driver, and the transaction ends with
 *   a connection error (CONNECTION_CLOSED), which the bot treats as "database unavailable, try again".
 * Every statement is handed to the driver at once (`execute()`: a microtask), so none can slip past this
 * check after a close: a close is always noticed in a later task.
 */
type Sql = postgres.Sql;
/** A postgres.js query; `state` stays null until the driver has put it on a connection. */
interface Statement extends Promise<postgres.RowList<postgres.Row[]>> {
  state: unknown;
  cancel(): void;
  execute(): Statement;
  values(): Statement;
}
export type Unsafe = (text: string, params?: unknown[], options?: Record<string, unknown>) => Statement;
/** What drizzle's transaction session calls on its client. */
export interface TxClient { unsafe: Unsafe; savepoint(...args: unknown[]): Promise<unknown> }

/** The error of a transaction whose connection closed: a connection error, so the event is tried again. */
export function connectionLost(cause?: unknown): Error {
  const error = new Error('the connection closed during a transaction (rolled back by the server)', cause === undefined ? {} : { cause });
  return Object.assign(error, { code: 'CONNECTION_CLOSED' });
}

/** A rejected promise that drizzle can still call `.values()` on. */
function refused(error: Error): Statement {
  const p: Promise<never> = Promise.reject(error);
  const statement: Statement = Object.assign(p, { state: null, cancel() {}, execute: () => statement, values: () => statement });
  return statement;
}

export class LaneTransaction {
  private readonly pending = new Set<Statement>();
  /** The first statement that failed: the server aborted the transaction there. */
  private failure: { error: unknown } | null = null;
  private lost: Error | null = null;
  /** Set once `work` is done (or failed): a statement sent after that would follow the COMMIT or ROLLBACK. */
  private closing = false;
  private over = false;
  private savepoints = 0;

  constructor(private readonly sql: Sql) {}

  /** The lane's connection failed or closed: see the top of this file. */
  connectionClosed(): void {
    if (this.over) return;
    this.lost ??= connectionLost(this.failure?.error);
    for (const statement of this.pending) if (statement.state === null) statement.cancel();
    this.pending.clear();
  }

  /** Sends a statement of this transaction now (prepared: see lanes.ts). */
  readonly statement: Unsafe = (text, params = [], options = {}) => {
    // E.g. the other half of a Promise.all whose first half failed: it would run outside the transaction.
    if (this.closing && !this.lost) return refused(new Error('a statement after the end of its transaction'));
    return this.send(text, params, options);
  };

  private send(text: string, params: unknown[] = [], options: Record<string, unknown> = {}): Statement {
    if (this.lost) return refused(this.lost);
    const statement = (this.sql.unsafe(text, params as postgres.ParameterOrJSON<never>[], { ...options, prepare: true }) as unknown as Statement);
    void statement.execute();
    this.pending.add(statement);
    statement.then(() => this.pending.delete(statement), (error: unknown) => {
      this.pending.delete(statement);
      this.failure ??= { error };
    });
    return statement;
  }

  private readonly client: TxClient = {
    unsafe: this.statement,
    savepoint: (...args: unknown[]) => this.savepoint(args.pop() as (client: TxClient) => Promise<unknown>),
  };

  /**
   * BEGIN, `work`, COMMIT, as postgres.js's `begin` does: if `work` fails, or any statement of the
   * transaction failed (also one nobody waited for, or one sent right before the COMMIT, which the server
   * then answers with ROLLBACK), it is rolled back and the first failure is thrown ("transaction aborted"
   * stands for the statement that aborted it). A closed connection wins: CONNECTION_CLOSED.
   */
  async run<T>(work: (client: TxClient) => Promise<T>): Promise<T> {
    let committing = false;
    try {
      void this.send('begin');
      const result = await work(this.client);
      this.closing = true;
      this.throwFailure();
      committing = true;
      const commit = await this.send('commit');
      this.throwFailure();
      if (commit.command !== 'COMMIT') throw new Error(`the transaction ended with ${commit.command}`);
      return result;
    } catch (error) {
      this.closing = true;
      if (!committing && !this.lost) await this.send('rollback').catch(() => {});
      if (this.lost) throw this.lost;
      throw aborted(error) && this.failure ? this.failure.error : error;
    } finally {
      this.over = true;
    }
  }

  private throwFailure(): void {
    if (this.failure) throw this.failure.error;
  }

  /** A nested transaction (drizzle's `tx.transaction`): a savepoint, rolled back to if `work` fails. */
  private async savepoint(work: (client: TxClient) => Promise<unknown>): Promise<unknown> {
    const name = `s${++this.savepoints}`;
    const before = this.failure;
    await this.statement(`savepoint ${name}`);
    try {
      return await work(this.client);
    } catch (error) {
      await this.statement(`rollback to savepoint ${name}`);
      // What failed inside is undone; the transaction goes on.
      const failure = this.failure;
      this.failure = before;
      throw aborted(error) && failure ? failure.error : error;
    }
  }
}

/** "Current transaction is aborted", also as the cause of drizzle's "Failed query" error. */
function aborted(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | null, depth = 0; e && depth < 3; e = e.cause as typeof e, depth++) {
    if (e.code === '25P02') return true;
  }
  return false;
}
