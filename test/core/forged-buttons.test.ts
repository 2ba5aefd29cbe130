import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilities } from '../../src/capabilities.js';
import { announcements, complexMembers, loanItems, loans, pollDefinitions, pollInstances } from '../../src/db/schema/index.js';
import { openReport } from '../../src/reports/service.js';
import { claimOccurrence } from '../../src/rota/claims.js';
import { saveTask } from '../../src/rota/tasks-store.js';
import { seedCorporation } from '../support/complex-kit.js';
import type { FakeUser } from '../support/fake-platform.js';
import { anna, bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';

const stranger: FakeUser = { id: 'u-nobody', name: 'Niet Bekend', username: 'nobody', language: 'nl' };

/** Rows that a press may touch without acting on anything: who was seen, dedupe and delivery bookkeeping. */
const BOOKKEEPING = new Set(['people', 'identities', 'processed_updates', 'outbox', 'pending_actions', 'code_attempts',
  'inbound_updates', 'scheduled_effects', 'scheduler_cursors', 'audit_log', 'send_windows', 'chat_blocks']);

/**
 * Every button of every capability, pressed with ids of another complex's things, by a stranger in a DM
 * and by a resident of another complex in their own group, also on a message of the other group: nothing
 * changes, nothing of that group is edited or sent there, and no press gets the internal-error apology.
 */
describe('forged button presses', () => {
  let h: Harness;
  async function snapshot(): Promise<Record<string, string>> {
    const db = h.database.db;
    const rows = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { table_name: string }[];
    const tables = rows(await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like '%drizzle%' order by 1`))
      .map((t) => t.table_name).filter((t) => !BOOKKEEPING.has(t));
    const out: Record<string, string> = {};
    for (const table of tables) {
      // "Melden" starts a report draft in the presser's own complex: only drafts of De Eik would be a leak.
      const [row] = rows(await db.execute(sql.raw(table === 'report_drafts'
        ? `select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as h from report_drafts t where complex_id = 2`
        : table === 'complex_members'
        ? `select md5(coalesce(string_agg(complex_id || ':' || person_id || ':' || role, ',' order by complex_id, person_id), '')) as h from complex_members`
        : `select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as h from "${table}" t`))) as unknown as { h: string }[];
      out[table] = row!.h;
    }
    return out;
  }

  beforeAll(async () => {
    h = await createHarness({ now: new Date('2026-11-23T08:00:00Z') });
    // De Linde (gA1): Anna coordinates, Bram lives there. De Eik (gB): Chloé and Daan live there; all things below are De Eik's.
    await seedCorporation(h, { a: [anna, bram], coordinatorsA: [anna], b: [chloe, daan] });
    const db = h.database.db;
    const eik = 2;
    const { task } = await saveTask(db, eik, { name: 'Trap De Eik', recurrence: 'elke zaterdag', time: '10:00', durationMinutes: 30, people: 2, points: 1, paused: false }, h.clock.now);
    const occ = await db.execute<{ id: number }>(sql`select id from rota_occurrences where task_id = ${task.id} order by due_at limit 2`);
    const occIds = ((Array.isArray(occ) ? occ : (occ as { rows: { id: number }[] }).rows) as { id: number }[]).map((o) => o.id);
    const daanId = (await db.select().from(complexMembers)).find((m) => m.complexId === eik && m.role === 'resident')!.personId;
    for (const id of occIds) await claimOccurrence(db, id, daanId, h.clock.now);
    await db.insert(announcements).values({ complexId: eik, authorName: 'Chloé Martin', text: 'Water is morgen afgesloten.', sendAt: h.clock.now, createdAt: h.clock.now });
    const [item] = await db.insert(loanItems).values({ complexId: eik, kind: 'tool', name: 'Ladder', stickerToken: 'tok-ladder-eik' }).returning();
    await db.insert(loans).values({ complexId: eik, itemId: item!.id, borrowerPersonId: daanId, outAt: h.clock.now, dueAt: new Date('2026-11-24T08:00:00Z') });
    await openReport(db, { complexId: eik, reporterPersonId: daanId, text: 'De lamp in de hal is kapot', category: 'maintenance', location: 'hal', visibility: 'public', source: 'group', now: h.clock.now });
    const [def] = await db.insert(pollDefinitions).values({ complexId: eik, name: 'Trap', question: 'Hoe schoon?', options: ['vies', 'schoon'], createdAt: h.clock.now }).returning();
    await db.insert(pollInstances).values({ definitionId: def!.id, complexId: eik, period: '2026-11', question: 'Hoe schoon?', options: ['vies', 'schoon'], openedAt: h.clock.now, closesAt: new Date('2026-11-26T08:00:00Z') });
  });
  afterAll(async () => { await h.close(); });

  it('every registered button prefix, with forged ids, by a stranger and by a resident of another complex: nothing changes', async () => {
    const prefixes = [...new Set(capabilities.flatMap((c) => (c.buttons ?? []).map((b) => b.prefix)))];
    expect(prefixes.length).toBeGreaterThan(30);
    const inB = h.fake.inChat('gB');
    const messageOfB = inB.at(-1)?.messageId;
    const before = await snapshot();
    const sentBefore = h.fake.sent.length;
    const apologies: string[] = [];
    for (const prefix of prefixes) {
      for (const args of ['1', '1:1', '2:0', '1:yes', '3:ok']) {
        const action = `${prefix}:${args}`;
        for (const [who, chat, messageId] of [[stranger, 'dm:u-nobody', undefined], [bram, 'gA1', undefined], [bram, 'gA1', messageOfB]] as const) {
          const sent = await h.fake.press(who, chat, action, messageId);
          for (const s of sent) if (/Sorry, (er ging iets mis|something went wrong)/.test(s.text)) apologies.push(`${action} by ${who.id}`);
        }
      }
    }
    const after = await snapshot();
    const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
    expect(changed, 'tables changed by forged presses').toEqual([]);
    // An edit goes to the chat the press came from (as on every platform), so De Eik's messages stay as they are.
    const toB = h.fake.sent.slice(sentBefore).filter((s) => s.chatId === 'gB');
    expect(toB.map((s) => s.text), 'messages sent to or edited in De Eik').toEqual([]);
    expect(apologies).toEqual([]);
  }, 300_000);
});
