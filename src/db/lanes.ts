import type { Socket } from 'node:net';
import postgres from 'postgres';
import { LaneTransaction, type Unsafe } from './lane-transaction.js';

/**
 * The connection pool for PostgreSQL, in place of postgres.js's own: `max` lanes, each a postgres.js
 * client with one connection (at most `max` connections in all, as before). A transaction leases a lane
 * for itself (lane-transaction.ts: BEGIN and COMMIT then cost no round trip of their own); a statement
 * outside a transaction goes to a lane no transaction holds, the one with the fewest such statements in
 * flight, where postgres.js pipelines it with the others. When every lane is held, both wait in turn —
 * as with postgres.js, whose transactions also hold a connection and whose other queries wait for one.
 *
 * A lane's connection lives until it fails or the pool ends: postgres.js's idle and lifetime timers would
 * close it between two statements of a transaction (they only spare connections in its own `begin`).
 * Instead a lane is given a new client, once it has lived 30 to 60 minutes (postgres.js's default
 * lifetime), when it is next taken while nothing runs on it.
 *
 * Every query is a prepared statement. drizzle sends its queries with `prepare: false`, and postgres.js
 * then asks the server to describe a statement's parameters before it can send their values: two round
 * trips for every query, and nothing can travel along with it. Prepared statements (postgres.js keeps
 * them per connection, by text and parameter types) cost that only on a connection's first use of one.
 */
export interface LanesOptions {
  max: number;
  /** Opens a connection's socket (postgres.js's `socket` option). */
  socket: (options: never) => Socket;
  debug?: (connection: number, statement: string) => void;
}

/** What drizzle is given as its postgres.js client: the calls it makes, and `options` (it sets parsers there). */
export interface LanesClient {
  options: { parsers: Record<string, unknown>; serializers: Record<string, unknown> };
  unsafe: Unsafe;
  begin(...args: unknown[]): Promise<unknown>;
  end(): Promise<void>;
  /** Marks this pool for pipelined.ts: a COMMIT may follow statements whose answers have not come. */
  readonly pipelinesCommit: true;
}

interface Lane {
  sql: postgres.Sql | null;
  held: boolean;
  /** Statements outside a transaction in flight here. */
  loose: number;
  tx: LaneTransaction | null;
  retireAt: number;
}

interface Waiter { held: boolean; use(lane: Lane): void; refuse(error: Error): void }

export function openLanes(url: string, opts: LanesOptions): LanesClient {
  const lanes: Lane[] = Array.from({ length: Math.max(1, opts.max) }, () => ({ sql: null, held: false, loose: 0, tx: null, retireAt: 0 }));
  const waiting: Waiter[] = [];
  const retired = new Set<Promise<void>>();
  let ended = false;
  const options: LanesClient['options'] = { parsers: {}, serializers: {} };

  function newClient(lane: Lane): postgres.Sql {
    // The connection failed or closed: a transaction holding this lane must not go on (lane-transaction.ts), and
    // the client is not used again. postgres.js would reconnect, but a query issued between a socket's error and
    // its close is left in the old connection's queue, never answered, and later matched with another query's
    // answer on the new connection. The lane gets a new client when it is next taken.
    const lost = () => {
      if (lane.sql !== sql) return;
      lane.tx?.connectionClosed();
      retire(lane, 0);
    };
    const sql = postgres(url, {
      max: 1, onnotice: () => {}, idle_timeout: 0, max_lifetime: 0, onclose: lost,
      // Heard before postgres.js's own handler, which postgres.js adds after this returns.
      ...({ socket: (options: never) => opts.socket(options).on('error', lost) } as object),
      ...(opts.debug ? { debug: opts.debug } : {}),
    });
    // drizzle set its parsers on `options` (timestamps as text and so on); every lane parses alike.
    Object.assign(sql.options.parsers, options.parsers);
    Object.assign(sql.options.serializers, options.serializers);
    return sql;
  }

  /** The lane no transaction holds with the fewest loose statements (the first such: its statements are prepared). */
  function free(): Lane | undefined {
    let best: Lane | undefined;
    for (const lane of lanes) if (!lane.held && (!best || lane.loose < best.loose)) best = lane;
    return best;
  }

  /** Ends the lane's client: gracefully (`timeout` seconds) or, after a failure, at once (0: pending queries fail). */
  function retire(lane: Lane, timeout: number): void {
    const sql = lane.sql;
    if (!sql) return;
    lane.sql = null;
    const ending = sql.end({ timeout }).finally(() => retired.delete(ending));
    retired.add(ending);
  }

  function take(lane: Lane, held: boolean): Lane {
    if (!lane.sql || (lane.loose === 0 && !lane.held && Date.now() >= lane.retireAt)) {
      retire(lane, 5);
      lane.sql = newClient(lane);
      lane.retireAt = Date.now() + (30 + Math.random() * 30) * 60_000;
    }
    if (held) lane.held = true;
    else lane.loose++;
    return lane;
  }

  /**
   * Gives a lane to `use` — at once, or when one is released. `use` sends its first statement right away
   * (synchronously): what is sent on a lane before a transaction takes it must also reach it first, or a
   * statement outside the transaction could land inside it.
   */
  function acquire(held: boolean, use: (lane: Lane) => void, refuse: (error: Error) => void): void {
    if (ended) return refuse(Object.assign(new Error('the database pool has ended'), { code: 'CONNECTION_ENDED' }));
    const lane = waiting.length ? undefined : free();
    if (lane) use(take(lane, held));
    else waiting.push({ held, use, refuse });
  }

  function release(lane: Lane): void {
    lane.held = false;
    lane.tx = null;
    for (let next = free(); next && waiting.length; next = free()) {
      const waiter = waiting.shift()!;
      waiter.use(take(next, waiter.held));
    }
  }

  const unsafe: Unsafe = (text, params = [], queryOptions = {}) => {
    let query: ReturnType<Unsafe> | undefined;
    let values = false;
    const result = new Promise((resolve, reject) => acquire(false, (lane) => {
      // Prepared: see the top of this file.
      query = lane.sql!.unsafe(text, params as postgres.ParameterOrJSON<never>[], { ...queryOptions, prepare: true }) as unknown as ReturnType<Unsafe>;
      if (values) void query.values();
      void query.execute();
      query.then((rows) => { lane.loose--; resolve(rows); }, (error: Error) => { lane.loose--; reject(error); });
    }, reject));
    // drizzle asks for rows as arrays right after the call (in time: they are read when the answer comes).
    const pending = Object.assign(result, { state: null, cancel() {}, execute: () => pending, values() {
      values = true;
      void query?.values();
      return pending;
    } });
    return pending as unknown as ReturnType<Unsafe>;
  };

  function begin(...args: unknown[]): Promise<unknown> {
    const work = args.pop() as Parameters<LaneTransaction['run']>[0];
    return new Promise((resolve, reject) => acquire(true, (lane) => {
      const tx = new LaneTransaction(lane.sql!);
      lane.tx = tx;
      tx.run(work).finally(() => release(lane)).then(resolve, reject);
    }, reject));
  }

  async function end(): Promise<void> {
    ended = true;
    for (const waiter of waiting.splice(0)) waiter.refuse(Object.assign(new Error('the database pool has ended'), { code: 'CONNECTION_ENDED' }));
    await Promise.all([...lanes.map((lane) => lane.sql?.end({ timeout: 5 })), ...retired]);
  }

  return { options, unsafe, begin, end, pipelinesCommit: true };
}
