import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Log fields that may hold personal data or secrets (AVG/GDPR): message texts, names, tokens.
 * pino replaces their values with "[redacted]" wherever they appear at these paths.
 */
export const redactedPaths = [
  'text', '*.text', 'event.text', 'event.user.displayName', 'event.user.username',
  'displayName', '*.displayName', 'username', '*.username',
  'params', '*.params', 'parameters', '*.parameters', 'args', '*.args', 'query', '*.query',
  'token', '*.token', 'secret', '*.secret', 'password', '*.password', 'code', 'joinCode', 'linkCode',
  'authorization', '*.authorization', 'headers.authorization', 'req.headers.authorization',
  'headers["x-telegram-bot-api-secret-token"]', 'req.headers["x-telegram-bot-api-secret-token"]',
  'headers.cookie', 'req.headers.cookie',
];

/** Properties of an error that are safe to log: codes and names, never values, query texts or parameters. */
const safeErrorKeys = [
  'code', 'errno', 'syscall', 'severity', 'severity_local', 'routine', 'constraint_name', 'constraint',
  'table_name', 'table', 'column_name', 'column', 'schema_name', 'schema', 'status', 'statusCode',
];

/** PostgreSQL puts the offending value at the end of some messages (`invalid input syntax for type integer: "x"`). */
function withoutValues(message: string): string {
  return message
    .replace(/^Failed query:[\s\S]*/, 'Failed query') // drizzle: the query text and its parameters
    .replace(/: "[\s\S]*"$/, ': [redacted]')
    .replace(/\(([^()]*)\)=\([\s\S]*?\)/g, '($1)=([redacted])') // "Key (name)=(Anna) already exists"
    .slice(0, 300);
}

function isDatabaseError(err: Error): boolean {
  return err.name === 'PostgresError' || err.name === 'DrizzleQueryError' || err.constructor?.name === 'DrizzleQueryError'
    || 'severity' in err || 'parameters' in err || 'params' in err || 'query' in err;
}

/**
 * pino's `err` serializer: type, message, stack and safe codes; for database errors (postgres.js, PGlite,
 * drizzle's DrizzleQueryError) the query text, bound parameters and quoted values are left out.
 */
export function serializeError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error)) return typeof err === 'string' ? withoutValues(err) : err;
  const database = isDatabaseError(err);
  const message = database ? withoutValues(err.message) : err.message;
  const frames = (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const out: Record<string, unknown> = {
    type: err.constructor?.name ?? err.name, message, stack: [`${err.name}: ${message}`, ...frames].join('\n'),
  };
  const fields = err as unknown as Record<string, unknown>;
  for (const key of safeErrorKeys) {
    const value = fields[key];
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  }
  if (!database) {
    // Other errors: their own plain fields, as pino's standard serializer would log them.
    for (const [key, value] of Object.entries(fields)) {
      if (!(key in out) && key !== 'cause' && (typeof value !== 'object' || value === null)) out[key] = value;
    }
  }
  if (err.cause !== undefined && depth < 5) out.cause = serializeError(err.cause, depth + 1);
  if (err instanceof AggregateError && depth < 5) out.errors = err.errors.map((e: unknown) => serializeError(e, depth + 1));
  return out;
}

/** JSON logs to stdout, or to `destination` (the console chat logs to stderr so the chat stays readable). */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level, base: { app: 'zelfbeheer-bot' },
    redact: { paths: redactedPaths, censor: '[redacted]' },
    serializers: { err: serializeError, error: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** For tests and tools that must stay quiet. */
export const silentLogger: Logger = pino({ level: 'silent' });
