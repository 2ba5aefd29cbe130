import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * Bulk writes for the scheduler. drizzle builds a multi-row VALUES parameter by parameter, which
 * for thousands of rows is tens of milliseconds of blocked event loop per statement (and at most
 * 65,535 parameters); the rows as one JSON parameter, read with jsonb_to_recordset, cost one
 * JSON.stringify. Column types are given in the statement, e.g.
 * `select … from jsonb_to_recordset(${jsonRows(rows)}) as x(key text, due_at timestamptz)`.
 */
export function jsonRows(rows: readonly object[]): SQL {
  return sql`${JSON.stringify(rows)}::jsonb`;
}

/** The rows of db.execute: postgres.js returns them as an array, PGlite as { rows }. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Reads rows in pages of `size` by (time, id): each page starts after the last row of the one before, as an
 * index condition on a (time, id) index. Paging by id alone lets PostgreSQL walk the primary key and filter
 * the time range, once per page. `page` gets the condition to add (none for the first page).
 */
export async function* pagesByTimeAndId<R>(
  time: AnyColumn, id: AnyColumn, size: number, page: (after: SQL | undefined) => Promise<R[]>, keyOf: (row: R) => { at: Date; id: number },
): AsyncGenerator<R[]> {
  for (let after: SQL | undefined; ;) {
    const rows = await page(after);
    yield rows;
    if (rows.length < size) return;
    const last = keyOf(rows.at(-1)!);
    after = sql`(${time}, ${id}) > (${last.at.toISOString()}::timestamptz, ${last.id})`;
  }
}
