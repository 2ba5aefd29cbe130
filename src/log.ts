import pino from 'pino';

export type Logger = pino.Logger;

/** JSON logs to stdout, or to `destination` (the console chat logs to stderr so the chat stays readable). */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  const options = { level, base: { app: 'zelfbeheer-bot' } };
  return destination ? pino(options, destination) : pino(options);
}

/** For tests and tools that must stay quiet. */
export const silentLogger: Logger = pino({ level: 'silent' });
