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
 * Keyset paging by (time, id): rows after the last one read, as an index condition on a (time, id)
 * index. Paging by id alone lets PostgreSQL walk the primary key and filter the time range, once per page.
 */
export function afterTimeAndId(time: AnyColumn, id: AnyColumn, last: { at: Date; id: number } | undefined): SQL | undefined {
  return last ? sql`(${time}, ${id}) > (${last.at.toISOString()}::timestamptz, ${last.id})` : undefined;
}
