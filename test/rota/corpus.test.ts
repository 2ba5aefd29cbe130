import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimOccurrence } from '../../src/rota/claims.js';
import { listOccurrences } from '../../src/rota/queries.js';
import { dayMsg } from '../../src/rota/format.js';
import { render } from '../../src/i18n/index.js';
import { people } from '../../src/db/schema/index.js';
import { eq } from 'drizzle-orm';
import { bram, createHarness, type Harness } from '../support/harness.js';
import type { Sent } from '../support/fake-platform.js';
import { addTasks, GROUP, linkedComplex, task } from './setup.js';

/**
 * The free-text corpus (test/data/freetext-corpus.tsv) through the real router: each phrase is sent by
 * Bram, and the intent is read from what the bot answers (which question, which buttons). Nothing is
 * ever committed without a button press, so the phrases do not influence each other.
 */
interface Row { intent: string; where: string; task: string; date: string; phrase: string }
const rows: Row[] = readFileSync(new URL('../data/freetext-corpus.tsv', import.meta.url), 'utf8').split('\n')
  .filter((l) => l.trim() && !l.startsWith('#')).map((l) => {
    const [intent, where, task, date, phrase] = l.split('\t') as [string, string, string, string, string];
    return { intent, where, task, date, phrase };
  });

/** What the bot did with a message, from its answer. */
function intentOf(sent: Sent[]): string {
  if (sent.length === 0) return 'none';
  const keys = sent.flatMap((s) => s.message.body.map((b) => b.key));
  const actions = sent.flatMap((s) => s.buttons.flat().map((b) => b.action));
  const has = (re: RegExp) => actions.some((a) => re.test(a));
  if (keys.some((k) => k.startsWith('fallback.')) || keys.includes('rota.text.noTaskMatch')) return 'general';
  // Addressed, not for the rota, and taken by another capability (a report of a problem, a loan request).
  if (keys.some((k) => k.startsWith('reports.') || k.startsWith('loans.') || k.startsWith('onboarding.coordinators.'))) return 'general';
  if (keys.some((k) => /^rota\.(text\.(openTitle|taskTitle|noneOpenAtAll)|mine\.)/.test(k))) return 'ask-which';
  if (keys.includes('rota.ask.confirmSwap') || has(/^rota:sy:/)) return 'swap';
  if (keys.includes('rota.ask.confirmRelease') || keys.includes('rota.ask.confirmGiveaway') || has(/^rota:[rg]y:/)) return 'release';
  if (keys.includes('rota.ask.confirmDone') || keys.includes('rota.error.doneTooEarly') || has(/^rota:dy:/)) return 'done';
  if (keys.some((k) => /^rota\.(ask\.confirmClaim|ask\.openCall|text\.nearest|error\.(noneOnDate|noneOpen|pastDate|beyondHorizon))$/.test(k)) || has(/^rota:cy:/)) return 'claim';
  return `other:${keys.join(',')}`;
}

describe('free-text corpus through the real router', () => {
  let h: Harness;
  const results: { row: Row; got: string; ok: boolean; why: string }[] = [];
  beforeAll(async () => {
    h = await createHarness({ now: new Date('2026-11-23T08:00:00Z') });
    const complexId = await linkedComplex(h);
    await addTasks(h, complexId, [
      task('Trappenhuis A vegen', 'elke zaterdag', { area: 'Trappenhuis A' }),
      task('Trappenhuis B vegen', 'elke zaterdag', { area: 'Trappenhuis B' }),
      task('Tuin bijhouden', 'elke 2 weken op zaterdag'),
      task('Containers buiten zetten', 'elke maandag', { time: '19:00', aliases: ['kliko', 'vuilnis'] }),
      task('Ramen lappen', 'eerste maandag van de maand'),
      task('Hal dweilen', 'elke zondag'),
    ]);
    const db = h.database.db;
    const [me] = await db.select().from(people).where(eq(people.displayName, bram.name));
    const occs = await listOccurrences(db, complexId, h.clock.now, new Date('2027-01-31T00:00:00Z'));
    const hold = [['Trappenhuis A vegen', '2026-11-28'], ['Trappenhuis A vegen', '2026-12-05'], ['Containers buiten zetten', '2026-11-30'],
      ['Containers buiten zetten', '2026-12-07'], ['Hal dweilen', '2026-11-29'], ['Hal dweilen', '2026-12-06'], ['Tuin bijhouden', '2026-12-12'],
      ['Ramen lappen', '2026-12-07']];
    for (const [name, date] of hold) {
      const occ = occs.find((o) => o.task === name && o.dueAt.toISOString().slice(0, 10) === date)!;
      expect(occ, `${name} ${date}`).toBeDefined();
      expect((await claimOccurrence(db, occ.id, me!.id, h.clock.now)).ok).toBe(true);
    }
    h.clock.now = new Date('2026-12-02T10:00:00Z');
  });
  afterAll(async () => { await h.close(); });

  it('has at least 150 phrases', () => { expect(rows.length).toBeGreaterThanOrEqual(150); });

  it('reads each phrase as its intent, task and date; ≥ 95 % per intent class', async () => {
    for (const row of rows) {
      const chat = row.where === 'dm' ? `dm:${bram.id}` : GROUP;
      const text = row.where === 'at' && !row.phrase.includes('@bot') ? `@bot ${row.phrase}` : row.phrase;
      const sent = await h.fake.say(bram, chat, text);
      const got = intentOf(sent);
      const shown = sent.map((s) => [s.text, ...s.buttons.flat().map((b) => b.label)].join('\n')).join('\n');
      let why = '';
      if (got !== row.intent) why = `intent ${got}`;
      else if (row.task !== '-' && !shown.toLowerCase().includes(row.task.toLowerCase())) why = `task not shown: ${shown.replace(/\n/g, ' | ')}`;
      else if (row.date !== '-' && !shown.includes(render('nl', dayMsg(row.date))) && !shown.includes(render('en', dayMsg(row.date)))) why = `date not shown: ${shown.replace(/\n/g, ' | ')}`;
      results.push({ row, got, ok: why === '', why });
    }
    const classes = [...new Set(rows.map((r) => r.intent))];
    const table = classes.map((c) => {
      const of = results.filter((r) => r.row.intent === c);
      const ok = of.filter((r) => r.ok).length;
      return { intent: c, phrases: of.length, correct: ok, accuracy: Math.round((1000 * ok) / of.length) / 10 };
    });
    console.log(table.map((r) => `| ${r.intent} | ${r.phrases} | ${r.correct} | ${r.accuracy} % |`).join('\n'));
    for (const r of results.filter((x) => !x.ok)) console.log(`✗ [${r.row.intent}] ${r.row.phrase} → ${r.why}`);
    for (const r of table) expect(r.accuracy, r.intent).toBeGreaterThanOrEqual(95);
  }, 300_000); // Hundreds of phrases through the real router and database.
});
