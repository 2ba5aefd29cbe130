import 'dotenv/config';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { createConsoleChat, type ConsolePlatform } from '../adapters/console/index.js';
import { createBot, type Bot } from './bot.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase } from './db/client.js';
import { seedDemo } from './demo/seed.js';
import { capabilities } from './capabilities.js';
import { createMetrics } from './http/metrics.js';
import { createHttpServer, type HttpServer } from './http/server.js';
import { DEFAULT_LANG, langFromTag, t, type Lang } from './i18n/index.js';
import { createLogger, type Logger } from './log.js';
import type { ChatPlatform } from './platform.js';
import { platformFactories, requestedPlatforms } from './platforms.js';
import { startOutboxWorker, type OutboxWorker } from './outbox/worker.js';
import { startScheduler } from './scheduler/start.js';
import { setStickerLinks } from './loans/sticker.js';
import { setCalendarBaseUrl } from './rota/calendar.js';

/**
 * Start-up: config → database (migrated) → platforms → bot → HTTP → platforms start.
 * Resolves with the exit code once the bot has shut down (signal, or the console chat ended).
 */
async function main(): Promise<number> {
  // Start-up messages are for the operator: in their locale.
  const lang: Lang = langFromTag(process.env.LANG) ?? DEFAULT_LANG;
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${[t(lang, 'console.config.invalid'), ...err.problems.map((p) => t(lang, 'console.config.problem', p))].join('\n')}\n`);
    return 1;
  }

  const requested = requestedPlatforms(config);
  const useConsole = config.CONSOLE ?? requested.length === 0;
  // In the terminal chat, logs go to stderr and only warnings by default, so they do not garble the chat.
  const log = useConsole
    ? createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn', pino.destination({ fd: 2, sync: true }))
    : createLogger(config.LOG_LEVEL);

  const missing = requested.filter((p) => !platformFactories[p.name]);
  for (const p of missing) {
    log.fatal({ variable: p.variable, platform: p.name }, t(lang, 'console.platform.missing', { variable: p.variable, platform: p.name }));
  }
  if (missing.length > 0) return 1;
  if (!useConsole && requested.length === 0) {
    log.fatal(t(lang, 'console.platform.none'));
    return 1;
  }

  if (useConsole) process.stdout.write(`${t(lang, 'console.starting')}\n`);
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const metrics = createMetrics();
  const platforms: ChatPlatform[] = [];
  let consoleChat: ConsolePlatform | undefined;
  let stopping: Promise<void> | undefined;
  let worker: OutboxWorker | undefined;
  let scheduler: { stop(): Promise<void> } | undefined;
  let bot: Bot | undefined;
  const http = createHttpServer({
    log, metrics,
    ready: async () => {
      if (stopping) return false;
      await database.db.execute(sql`select 1`);
      return true;
    },
  });

  const shutdown = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      log.info({ reason }, 'shutting down');
      if (scheduler) await scheduler.stop().catch((err: unknown) => log.error({ err }, 'scheduler did not stop cleanly'));
      if (worker) await worker.stop().catch((err: unknown) => log.error({ err }, 'outbox worker did not stop cleanly'));
      for (const p of platforms) await p.stop().catch((err: unknown) => log.error({ err, platform: p.name }, 'platform did not stop cleanly'));
      if (bot) await bot.flush();
      await http.close().catch((err: unknown) => log.error({ err }, 'http server did not close cleanly'));
      await database.close().catch((err: unknown) => log.error({ err }, 'database did not close cleanly'));
    })();
    return stopping;
  };

  try {
    if (config.DEMO ?? useConsole) await seedDemo(database.db, new Date());
    for (const p of requested) platforms.push(await platformFactories[p.name]!({
      config, log, database, http, commands: capabilities.flatMap((c) => c.commands ?? []),
    }));
    if (useConsole) {
      consoleChat = await createConsoleChat({
        db: database.db, log, dataDir: config.DATA_DIR, lang, input: process.stdin, output: process.stdout,
      });
      platforms.push(consoleChat);
    }
    let wakeWorker = (): void => {};
    const running = createBot({
      db: database.db, log, capabilities, onHandled: (info) => metrics.eventHandled(info), onQueued: () => wakeWorker(),
    });
    bot = running;
    for (const p of platforms) running.platforms.set(p.name, p);
    for (const route of capabilities.flatMap((c) => c.http ?? [])) {
      http.registerRoute(route.method, route.path, (req, res) => route.handler(req, res, database.db));
    }
    await listen(http, config, log, lang, useConsole);
    setCalendarBaseUrl(config.PUBLIC_URL ?? `http://localhost:${http.port ?? config.HTTP_PORT}`);
    setStickerLinks({ telegramBot: config.TELEGRAM_BOT_USERNAME, publicUrl: config.PUBLIC_URL ?? `http://localhost:${http.port ?? config.HTTP_PORT}`,
      platformLink: (name, payload) => platforms.find((p) => p.name === name)?.deepLink?.(payload) });
    // Durable delivery and scheduled work: both coordinate through PostgreSQL, in every instance.
    worker = startOutboxWorker({ db: database.db, log, platforms: running.platforms, sentMarks: running.sentMarks });
    const outboxWorker = worker;
    wakeWorker = () => outboxWorker.poke();
    scheduler = startScheduler({
      db: database.db, log, platforms: running.platforms, capabilities, cron: config.SCHEDULER_CRON, afterTick: () => outboxWorker.poke(),
    });
    // Platforms start last, so a Telegram webhook route is already being served when it is registered.
    for (const p of platforms) await p.start((event) => running.handle(p, event));
  } catch (err) {
    log.fatal({ err }, 'start-up failed');
    await shutdown('start-up failed');
    return 1;
  }

  const signalled = new Promise<string>((resolve) => {
    // Once: a second Ctrl-C kills the process the usual way.
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  const reason = await Promise.race([signalled, consoleChat ? consoleChat.finished.then(() => 'console closed') : new Promise<string>(() => {})]);
  await shutdown(reason);
  return 0;
}

async function listen(http: HttpServer, config: Config, log: Logger, lang: Lang, useConsole: boolean): Promise<void> {
  try {
    const port = await http.listen(config.HTTP_PORT);
    log.info({ port }, 'http server listening (/healthz, /readyz, /metrics)');
  } catch (err) {
    // The terminal chat is for trying things out: a busy port must not stop it.
    if (!useConsole) throw err;
    log.warn({ err, port: config.HTTP_PORT }, 'http server not started');
    process.stdout.write(`${t(lang, 'console.http.portBusy', { port: config.HTTP_PORT })}\n`);
  }
}

const code = await main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 1;
});
// Flush stdout before leaving (pipes to a test or a file).
process.stdout.write('', () => process.exit(code));
