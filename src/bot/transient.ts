/**
 * Failures that say nothing about the event itself: the database is unreachable, restarting or
 * out of connections. The event is handled again later (the platform redelivers it), never dropped.
 */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  // postgres.js
  'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT',
  // PostgreSQL: admin/crash shutdown, cannot connect now, too many connections
  '57P01', '57P02', '57P03', '53300',
]);

/** A conflict between two transactions: running the event again at once is the cure. */
const RETRY_NOW_CODES = new Set(['40001', '40P01']);

function codesOf(err: unknown): string[] {
  const codes: string[] = [];
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    const errno = (e as { errno?: unknown }).errno;
    if (typeof errno === 'string') codes.push(errno);
  }
  return codes;
}

export function isDatabaseUnavailable(err: unknown): boolean {
  return codesOf(err).some((c) => CONNECTION_CODES.has(c) || c.startsWith('08'));
}

export function isRetryableConflict(err: unknown): boolean {
  return codesOf(err).some((c) => RETRY_NOW_CODES.has(c));
}
