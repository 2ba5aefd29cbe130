import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';

/**
 * Complexes `from`…`from + n - 1` as the scheduler bench and the two-instance test use them: each
 * with a Telegram group chat, a resident with a Telegram identity, 10 weekly rota tasks and 10
 * daily quality polls at 08:00…17:00 (24-hour window). Task 1 is due every Wednesday at 10:00, so
 * its reminder (24 hours before) is due on Tuesday 10:00, when the 10:00 poll opens too.
 */
export async function seedRotaAndPolls(db: Db, from: number, n: number, opts: { tasksAndPolls?: boolean } = {}): Promise<void> {
  const to = from + n - 1;
  const range = sql`generate_series(${from}::int, ${to}::int) g`;
  await db.execute(sql`insert into complexes (id, name, created_at) select g, 'Complex ' || g, '2026-11-01T00:00:00Z' from ${range}`);
  await db.execute(sql`insert into chats (platform, platform_chat_id, complex_id) select 'telegram', 'g' || g, g from ${range}`);
  await db.execute(sql`insert into people (id, display_name) select g, 'Resident ' || g from ${range}`);
  await db.execute(sql`insert into identities (person_id, platform, platform_user_id, display_name) select g, 'telegram', 'u' || g, 'Resident ' || g from ${range}`);
  await db.execute(sql`insert into complex_members (complex_id, person_id) select g, g from ${range}`);
  // The ids above were given, not drawn: move the sequences past them, or the next person the bot creates collides.
  await db.execute(sql`select setval(pg_get_serial_sequence('people', 'id'), (select max(id) from people)),
    setval(pg_get_serial_sequence('complexes', 'id'), (select max(id) from complexes))`);
  if (opts.tasksAndPolls === false) return;
  // Task 1 is due every Wednesday at 10:00 (its reminder: Tuesday 10:00); tasks 2–10 on other days at HH:30.
  await db.execute(sql`insert into rota_tasks (complex_id, name, recurrence, rrule, anchor_date, time_of_day, position)
    select g, 'taak ' || i, 'weekly', 'FREQ=WEEKLY;BYDAY=' || (array['WE','MO','TU','TH','FR','SA','SU','MO','TH','SA'])[i],
      '2026-11-02', case when i = 1 then '10:00' else lpad((8 + i)::text, 2, '0') || ':30' end, i
    from ${range}, generate_series(1, 10) i`);
  await db.execute(sql`insert into poll_definitions (complex_id, name, question, options, schedule, time, window_hours, created_at)
    select g, 'item ' || i, 'Hoe schoon is ruimte ' || i || '?', '["1","2","3","4","5"]'::jsonb, 'FREQ=DAILY',
      lpad((7 + i)::text, 2, '0') || ':00', 24, '2026-11-01T00:00:00Z'
    from ${range}, generate_series(1, 10) i`);
}

/** A resident claims the Wednesday 2026-12-02 turn of task 1 in every tenth complex. */
export async function claimTenPercent(db: Db): Promise<void> {
  await db.execute(sql`insert into rota_claims (occurrence_id, slot, person_id, claimed_at)
    select o.id, 0, o.complex_id, '2026-11-30T08:00:00Z' from rota_occurrences o join rota_tasks t on t.id = o.task_id
    where t.position = 1 and o.due_at = '2026-12-02T09:00:00Z' and o.complex_id % 10 = 0`);
}
