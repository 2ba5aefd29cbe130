import { execFileSync } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { FakeTelegram } from '../support/fake-telegram/server.js';
import type { FakeUser } from '../support/fake-telegram/bot-api.js';
import { seedRotaAndPolls } from '../support/scheduler-seed.js';
import { benchDatabase } from './bench-db.js';
import { ROOT, startBot } from './bot-process.js';
import { summary } from './stats.js';

export interface ProcessFigures { startMs: { min: number; median: number; max: number }; rssIdleMb: number; rssAfterMb: number; chats: number; updates: number }

/**
 * Start-up to /readyz on an existing (migrated) database, 3 times; then RSS with 10,000 linked
 * Telegram groups after /rooster in 1,000 of them.
 */
export async function run(): Promise<ProcessFigures> {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const chats = Number(process.env.BENCH_CHATS ?? 10_000);
  const updates = Number(process.env.BENCH_TRAFFIC ?? 500);
  const database = await benchDatabase();
  const fake = await FakeTelegram.start();
  try {
    // Chats, residents and memberships only: with rota tasks the start-up catch-up would generate 10k complexes' turns first.
    await seedRotaAndPolls(database.db, 1, chats, { tasksAndPolls: false });
    const groups = Array.from({ length: chats }, (_, i) => fake.group(`Complex ${i + 1}`));
    // The fake numbers groups -4001, -4002, …: link complex n to the n-th group.
    await database.db.execute(sql`update chats set platform_chat_id = (-(4000 + complex_id))::text`);
    const env = { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_URL: database.url };
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const bot = await startBot(env);
      starts.push(bot.readyMs);
      await bot.stop();
    }
    const s = summary(starts);
    console.log(`start-up of node dist/src/main.js to /readyz on an existing database (${chats} linked chats): min ${s.min.toFixed(0)} / median ${s.median.toFixed(0)} / max ${s.max.toFixed(0)} ms`);
    const bot = await startBot(env);
    const rssIdleMb = bot.rssMb();
    console.log(`RSS with ${chats} linked chats at start: ${rssIdleMb.toFixed(0)} MB`);
    let late = 0;
    for (let i = 0; i < updates; i += 10) {
      await Promise.all(Array.from({ length: Math.min(10, updates - i) }, (_, j) => {
        const n = i + j;
        const user: FakeUser = { id: 900000 + n, is_bot: false, first_name: `Bewoner ${n}` };
        return fake.say(user, groups[(n * 7919) % chats]!, '/rooster').catch(() => { late++; });
      }));
    }
    const rssAfterMb = bot.rssMb();
    const errors = bot.errors();
    await bot.stop();
    const f: ProcessFigures = { startMs: { min: s.min, median: s.median, max: s.max }, rssIdleMb, rssAfterMb, chats, updates };
    console.log(`RSS with ${chats} linked chats: ${rssAfterMb.toFixed(0)} MB after /rooster in ${updates} of them (${late} not handled within 8 s, ${errors.count} errors logged)`);
    if (errors.last) console.log(`last error logged: ${errors.last}`);
    return f;
  } finally {
    await fake.close();
    await database.stop();
  }
}
