import { execFileSync, spawn } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { sql } from 'drizzle-orm';
import { saveTask } from '../../src/rota/tasks-store.js';
import { FakeTelegram, type BotMessage, type FakeChat, type FakeUser } from '../support/fake-telegram/server.js';
import { seedRotaAndPolls } from '../support/scheduler-seed.js';
import { benchDatabase } from './bench-db.js';
import { ROOT, startBot } from './bot-process.js';
import { summary } from './stats.js';

const GROUPS = 5;
const RESIDENTS = 50;
const BURST = Number(process.env.BENCH_BURST ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Telegram refuses answerCallbackQuery this long after the press ("query is too old"). */
const TOO_OLD_MS = 15_000;
/** The burst is over when nothing was answered for this long. */
const QUIET_MS = 20_000;

export interface BurstFigures { perSecond: number; p50Ms: number; p99Ms: number; buttonP99Ms: number; buttonsOver1s: number; pressResults: number; pressResultP99Ms: number; tooOld: number; unanswered: number; errors: number }

interface Running { stop(): Promise<void>; errors(): number }

/** The bare telegraf echo bot in a process of its own, like ours. */
async function startEcho(fake: FakeTelegram): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/echo-bot.ts'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot },
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve) => child.stdout.on('data', () => resolve()));
  child.stdout.resume();
  return { errors: () => 0, async stop() { child.kill('SIGTERM'); await exited; } };
}

/** Our compiled process (node dist/src/main.js) on a fresh database: 5 linked groups with three real rota tasks each. */
async function startOurs(fake: FakeTelegram, groups: FakeChat[]): Promise<Running> {
  const database = await benchDatabase();
  await seedRotaAndPolls(database.db, 1, GROUPS, { tasksAndPolls: false });
  await database.db.execute(sql`update chats set platform_chat_id = (${groups[0]!.id + 1}::bigint - complex_id)::text`);
  const now = new Date();
  for (let c = 1; c <= GROUPS; c++) {
    for (const [name, recurrence, people] of [['Trappenhuis vegen', 'elke zaterdag', 1], ['Hal dweilen', 'elke zondag', 1], ['Containers buiten zetten', 'elke maandag', 2]] as const) {
      await saveTask(database.db, c, { name, recurrence, time: '10:00', durationMinutes: 30, people, points: 1, paused: false }, now);
    }
  }
  const bot = await startBot({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_URL: database.url });
  return { errors: () => bot.errors().count, async stop() { await bot.stop(); await database.stop(); } };
}

/**
 * One run: 50 residents in 5 linked groups each say /rooster in their group and /mijnbijdrage in a DM
 * (one at a time: people and memberships exist, the /rooster answers carry claim buttons), then 1,000
 * updates arrive at once: /rooster (40 %), claim buttons on those answers (20 %), "ik doe zaterdag de
 * trap" (20 %), DM /mijnbijdrage (20 %). An update's answer is the reply to its message (a DM: the next
 * message in that chat) or, for a button, answerCallbackQuery.
 */
async function burst(kind: 'echo' | 'ours'): Promise<BurstFigures> {
  const fake = await FakeTelegram.start();
  const groups = Array.from({ length: GROUPS }, (_, i) => fake.group(`Complex ${i + 1}`));
  const residents: FakeUser[] = Array.from({ length: RESIDENTS }, (_, i) => ({ id: 800000 + i, is_bot: false, first_name: `Bewoner ${i}`, language_code: 'nl' }));
  const groupOf = (i: number) => groups[i % GROUPS]!;
  const bot = kind === 'echo' ? await startEcho(fake) : await startOurs(fake, groups);
  try {
    for (const [i, r] of residents.entries()) {
      await fake.say(r, groupOf(i), '/rooster');
      await fake.say(r, fake.privateChat(r), '/mijnbijdrage');
    }
    // The buttons pressed: every claim button on the newest /rooster answer in each group (echo: its newest message).
    const pressable = groups.map((g) => {
      const m = [...fake.sentTo(g)].reverse().find((x: BotMessage) => kind === 'echo' || x.buttons.flat().some((b) => b.text.startsWith('Neem')));
      if (!m) throw new Error(`no /rooster answer with claim buttons in ${g.title}`);
      const data = kind === 'echo' ? ['press'] : m.buttons.flat().filter((b) => b.text.startsWith('Neem')).map((b) => b.data);
      return { m, data };
    });
    const bodies = Array.from({ length: BURST }, (_, i) => {
      const r = residents[i % RESIDENTS]!;
      const g = groupOf(i % RESIDENTS);
      switch (i % 5) {
        case 0: case 1: return fake.updates.text(r, g, '/rooster');
        case 2: { const p = pressable[(i % RESIDENTS) % GROUPS]!; return fake.updates.callback(r, p.m, p.data[i % p.data.length]!); }
        case 3: return fake.updates.text(r, g, 'ik doe zaterdag de trap');
        default: return fake.updates.text(r, fake.privateChat(r), '/mijnbijdrage');
      }
    });
    // What answers what: a message's reply, a DM's next message, a button's answerCallbackQuery.
    const pending = new Map<string, number>();
    const dmQueue = new Map<string, string[]>();
    // A press's visible result (our bot: "X doet …" or "… is al vol", sent or edited in the group) is not a reply
    // to anything: it is taken as the next unmatched message or edit in that group, presses first come first served.
    const pressesIn = new Map<string, number>();
    const results: number[] = [];
    const latencies: number[] = [];
    const buttonLatencies: number[] = [];
    let tooOld = 0;
    let lastAnswer = 0;
    let seen = -1;
    let inBurst = false;
    const shown = new Set<string>();
    const answer = (key: string | undefined) => {
      const at = key === undefined ? undefined : pending.get(key);
      if (at === undefined) return;
      pending.delete(key!);
      const now = performance.now();
      latencies.push(now - at);
      if (key!.startsWith('cbq:')) buttonLatencies.push(now - at);
      if (key!.startsWith('cbq:') && now - at > TOO_OLD_MS) tooOld++;
      lastAnswer = now;
    };
    const record = fake.calls.push.bind(fake.calls);
    fake.calls.push = (...calls) => {
      for (const { method, params } of calls) {
        if (method === 'answerCallbackQuery') answer(`cbq:${String(params.callback_query_id)}`);
        const chat = String(params.chat_id);
        const replyTo = Number((params.reply_parameters as { message_id?: number } | undefined)?.message_id ?? params.reply_to_message_id);
        const matched = method === 'sendMessage' && (pending.has(`${chat}:${replyTo}`) || Number(chat) > 0);
        if ((method === 'sendMessage' || method.startsWith('editMessage')) && !matched && (pressesIn.get(chat) ?? 0) > 0) {
          pressesIn.set(chat, pressesIn.get(chat)! - 1);
          results.push(performance.now() - start);
        }
        if (method !== 'sendMessage') continue;
        if (process.env.BENCH_SHOW && inBurst) shown.add(String(params.text).slice(0, 70).replace(/\s+/g, ' '));
        if (pending.has(`${chat}:${replyTo}`)) answer(`${chat}:${replyTo}`);
        else if (Number(chat) > 0) answer(dmQueue.get(chat)?.shift());
      }
      return record(...calls);
    };
    const start = performance.now();
    for (const body of bodies) {
      const cbq = body.callback_query as { id: string } | undefined;
      const message = body.message as { message_id: number; chat: { id: number } } | undefined;
      const key = cbq ? `cbq:${cbq.id}` : `${message!.chat.id}:${message!.message_id}`;
      pending.set(key, start);
      if (cbq) { const chat = String((body.callback_query as { message: { chat: { id: number } } }).message.chat.id); pressesIn.set(chat, (pressesIn.get(chat) ?? 0) + 1); }
      if (message && message.chat.id > 0) dmQueue.set(String(message.chat.id), [...(dmQueue.get(String(message.chat.id)) ?? []), key]);
    }
    inBurst = true;
    fake.updates.pushBatch(bodies);
    while (pending.size > 0 && seen !== latencies.length) {
      seen = latencies.length;
      await new Promise((r) => setTimeout(r, QUIET_MS));
      if (latencies.length !== seen) seen = -1;
    }
    if (process.env.BENCH_SHOW) console.log([...shown].slice(0, 15).join('\n'));
    const unansweredButtons = [...pending.keys()].filter((k) => k.startsWith('cbq:')).length;
    const s = summary(latencies);
    return { perSecond: latencies.length / ((lastAnswer - start) / 1000), p50Ms: s.median, p99Ms: s.p99,
      buttonP99Ms: summary(buttonLatencies).p99, buttonsOver1s: buttonLatencies.filter((ms) => ms > 1000).length + unansweredButtons,
      pressResults: results.length, pressResultP99Ms: summary(results).p99,
      tooOld: tooOld + unansweredButtons, unanswered: pending.size, errors: bot.errors() };
  } finally {
    await bot.stop();
    await fake.close();
  }
}

const line = (f: BurstFigures) => `${f.perSecond.toFixed(0)} updates/s, p50 ${f.p50Ms.toFixed(0)} ms, p99 ${f.p99Ms.toFixed(0)} ms, `
  + `buttons answered: p99 ${f.buttonP99Ms.toFixed(0)} ms, ${f.buttonsOver1s} after 1 s, ${f.tooOld} after 15 s (or never); ${f.unanswered} unanswered, ${f.errors} errors logged; `
  + `${f.pressResults} press results seen in the groups, p99 ${f.pressResultP99Ms.toFixed(0)} ms`;

/** The echo-bot comparison: both bots against the same fake Bot API, interleaved, RUNS times. */
export async function run(): Promise<{ echo: BurstFigures[]; ours: BurstFigures[] }> {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, node ${process.version}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const echo: BurstFigures[] = [];
  const ours: BurstFigures[] = [];
  for (let i = 1; i <= RUNS; i++) {
    echo.push(await burst('echo'));
    ours.push(await burst('ours'));
    console.log(`run ${i}: echo bot  ${line(echo.at(-1)!)}`);
    console.log(`run ${i}: our bot   ${line(ours.at(-1)!)}`);
    console.log(`run ${i}: throughput ratio ${(ours.at(-1)!.perSecond / echo.at(-1)!.perSecond).toFixed(3)} (goal ≥ 0.5), load ${loadavg()[0]!.toFixed(2)}`);
  }
  for (const [name, list] of [['echo bot', echo], ['our bot', ours]] as const) {
    const t = summary(list.map((f) => f.perSecond));
    const p = summary(list.map((f) => f.p99Ms));
    console.log(`${name}: ${BURST}-update burst × ${RUNS}: updates/s min ${t.min.toFixed(0)} / median ${t.median.toFixed(0)} / max ${t.max.toFixed(0)}; `
      + `p99 min ${p.min.toFixed(0)} / median ${p.median.toFixed(0)} / max ${p.max.toFixed(0)} ms; buttons answered after 1 s: ${list.map((f) => f.buttonsOver1s).join(", ")}; after 15 s: ${list.map((f) => f.tooOld).join(", ")}`);
  }
  return { echo, ours };
}
