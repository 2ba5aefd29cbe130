import { z } from 'zod';

// Empty or blank (as in a copied .env.example) means unset.
const optionalString = z.string().optional().transform((v) => v?.trim() || undefined);
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no', '']).optional()
  .transform((v) => (v === undefined || v === '' ? undefined : ['true', '1', 'yes'].includes(v)));

/** Every setting the bot reads, from the environment (and `.env`). Documented in the README. */
export const configSchema = z.object({
  DATABASE_URL: optionalString.pipe(z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional()),
  DATA_DIR: z.string().min(1).default('./data'),
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: optionalString.pipe(z.url().optional()),
  TELEGRAM_WEBHOOK_URL: optionalString.pipe(z.url().optional()),
  /** The bot's @username, for deep links (QR stickers on items open a private chat with the bot). */
  TELEGRAM_BOT_USERNAME: optionalString.pipe(z.string().regex(/^@?[A-Za-z][A-Za-z0-9_]{3,31}$/, 'a Telegram bot username').optional()),
  TELEGRAM_WEBHOOK_SECRET: optionalString.pipe(z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'only A-Z, a-z, 0-9, _ and -').optional()),
  DISCORD_TOKEN: optionalString,
  DISCORD_API_ROOT: optionalString.pipe(z.url().optional()),
  DISCORD_APPLICATION_ID: optionalString.pipe(z.string().regex(/^\d{5,20}$/, 'the application id (digits)').optional()),
  /** OAuth2 client secret (developer portal, OAuth2): with PUBLIC_URL, links (QR stickers) open the bot's DM on Discord. */
  DISCORD_CLIENT_SECRET: optionalString,
  /** The privileged MessageContent intent is enabled: every channel message is read, not only mentions. */
  DISCORD_MESSAGE_CONTENT: bool,
  /** The privileged GuildMembers intent is enabled: members joining (greeted) and leaving (membership ends) a server are seen. */
  DISCORD_GUILD_MEMBERS: bool,
  /** Native Discord polls (default on); off: polls with buttons. */
  DISCORD_NATIVE_POLLS: bool,
  /** Also register the slash commands globally (they are always registered per server). */
  DISCORD_GLOBAL_COMMANDS: bool,
  /** Shards of this process and the total, e.g. "0,1/4"; empty: Discord's recommended count, all here. */
  DISCORD_SHARDS: optionalString.pipe(z.string().regex(/^\s*\d+(\s*,\s*\d+)*\s*\/\s*\d+\s*$/, 'shard ids and total, e.g. 0,1/4').optional()),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: optionalString.pipe(z.url().optional()),
  /** Bearer token /metrics asks for (`Authorization: Bearer <token>`); unset: /metrics is open. */
  METRICS_TOKEN: optionalString.pipe(z.string().regex(/^[\x21-\x7e]{16,256}$/, '16 to 256 visible ASCII characters, no spaces').optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seed and use the demo complex in the console chat (default: on when no platform token is set). */
  DEMO: bool,
  /** Force the console chat even when tokens are set. */
  CONSOLE: bool,
  SCHEDULER_CRON: z.string().min(1).default('* * * * *'),
  DEFAULT_TIMEZONE: z.string().min(1).default('Europe/Amsterdam').refine((tz) => {
    try { new Intl.DateTimeFormat('en', { timeZone: tz }); return true; } catch { return false; }
  }, 'unknown time zone'),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: { name: string; problem: string }[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.name}: ${p.problem}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty or blank value (`HTTP_PORT=` in a copied .env.example) means "use the default".
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = configSchema.safeParse(given);
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map((i) => ({ name: String(i.path[0] ?? '?'), problem: i.message })));
}
