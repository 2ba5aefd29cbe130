import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { ConfigError, configSchema, loadConfig } from '../src/config.js';

function problemsOf(env: Record<string, string>): { name: string; problem: string }[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('loadConfig accepted an invalid configuration');
}

describe('loadConfig', () => {
  it('runs with nothing configured: embedded database in ./data, console demo defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      DATA_DIR: './data', HTTP_PORT: 3000, LOG_LEVEL: 'info', SCHEDULER_CRON: '* * * * *',
      DEFAULT_TIMEZONE: 'Europe/Amsterdam',
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.DEMO).toBeUndefined();
  });

  it('treats empty values (as in a copied .env.example) as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', TELEGRAM_BOT_TOKEN: '  ', DEMO: '', TELEGRAM_WEBHOOK_URL: '' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(config.DEMO).toBeUndefined();
    expect(config.TELEGRAM_WEBHOOK_URL).toBeUndefined();
  });

  it('uses the default for a variable set to an empty value', () => {
    expect(loadConfig({ HTTP_PORT: '', DATA_DIR: '', LOG_LEVEL: ' ', SCHEDULER_CRON: '' })).toMatchObject({
      HTTP_PORT: 3000, DATA_DIR: './data', LOG_LEVEL: 'info', SCHEDULER_CRON: '* * * * *',
    });
  });

  it('.env.example lists every variable, each with a comment, and works as it is', () => {
    const text = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const example = parse(text);
    expect(Object.keys(example).sort()).toEqual(Object.keys(configSchema.shape).sort());
    const lines = text.split('\n');
    for (const name of Object.keys(example)) {
      const at = lines.findIndex((l) => l.startsWith(`${name}=`));
      expect(lines[at - 1], `comment above ${name}`).toMatch(/^# \S/);
    }
    expect(loadConfig(example)).toEqual(loadConfig({}));
  });

  it('the README documents every variable in its configuration table', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of Object.keys(configSchema.shape)) expect(readme, name).toContain(`| \`${name}\` |`);
  });

  it('parses numbers, booleans and URLs', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://bot:pw@db:5432/zelfbeheer', HTTP_PORT: '8080', DEMO: 'yes', CONSOLE: '0',
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.nl/telegram', TELEGRAM_WEBHOOK_SECRET: 'abc_DEF-123', DEFAULT_TIMEZONE: 'Europe/London',
      METRICS_TOKEN: 'a-long-scrape-token-42',
    });
    expect(config).toMatchObject({
      DATABASE_URL: 'postgres://bot:pw@db:5432/zelfbeheer', HTTP_PORT: 8080, DEMO: true, CONSOLE: false,
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.nl/telegram', DEFAULT_TIMEZONE: 'Europe/London',
      METRICS_TOKEN: 'a-long-scrape-token-42',
    });
  });

  it.each([
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['HTTP_PORT', 'eighty'],
    ['HTTP_PORT', '70000'],
    ['LOG_LEVEL', 'loud'],
    ['DEMO', 'maybe'],
    ['TELEGRAM_WEBHOOK_URL', 'not a url'],
    ['TELEGRAM_WEBHOOK_SECRET', 'has spaces and !'],
    ['DEFAULT_TIMEZONE', 'Mars/Olympus'],
    ['PUBLIC_URL', 'bot.example.nl'],
    ['METRICS_TOKEN', 'short'],
    ['METRICS_TOKEN', 'has a space in the token'],
  ])('names the variable in the error: %s=%s', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems.map((p) => p.name)).toEqual([name]);
    expect(problems[0]!.problem).not.toBe('');
  });

  it('reports every bad variable at once, and the message names them', () => {
    try {
      loadConfig({ HTTP_PORT: '-1', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).problems.map((p) => p.name).sort()).toEqual(['HTTP_PORT', 'LOG_LEVEL']);
      expect((err as Error).message).toMatch(/HTTP_PORT: .+; LOG_LEVEL: .+|LOG_LEVEL: .+; HTTP_PORT: .+/);
    }
  });
});
