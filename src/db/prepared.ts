/**
 * drizzle sends every query it builds with `prepare: false`, and postgres.js then asks the server to
 * describe a statement's parameters before it can send their values: two round trips for every query,
 * and nothing can travel along with it. Prepared statements (postgres.js keeps them per connection,
 * by text and parameter types) cost that only on a connection's first use of a statement.
 */
type Unsafe = (query: string, params?: unknown[], options?: Record<string, unknown>) => unknown;

/** `client` (a postgres.js Sql or a transaction's) with its queries prepared, also in transactions and savepoints. */
export function preparing<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      switch (prop) {
        case 'unsafe':
          return (query: string, params?: unknown[], options?: Record<string, unknown>) =>
            (value as Unsafe).call(target, query, params, { ...options, prepare: true });
        case 'begin':
        case 'savepoint':
          // Both take an optional first argument (options or a name) and then the function given the scoped client.
          return (...args: unknown[]) => {
            const fn = args.pop() as (sql: object) => unknown;
            return (value as (...a: unknown[]) => unknown).call(target, ...args, (sql: object) => fn(preparing(sql)));
          };
        default:
          return value;
      }
    },
  });
}
