import { sql } from 'drizzle-orm';
import type { MergeRule } from '../capability.js';

/**
 * When two accounts of one person merge, their reports, "me too"s, history and open questions
 * become the kept person's. A "me too" both accounts gave counts once (the report's count drops by one).
 */
export const reportsMerge: MergeRule = {
  columns: ['reports.reporter_person_id', 'reports.assignee_person_id', 'report_me_too.person_id', 'report_events.actor_person_id',
    'report_drafts.person_id', 'report_prompts.person_id'],
  async run(tx, from, into) {
    await tx.execute(sql`update reports r set me_too = me_too - 1 where exists (select 1 from report_me_too a where a.report_id = r.id and a.person_id = ${from})
      and exists (select 1 from report_me_too b where b.report_id = r.id and b.person_id = ${into})`);
    await tx.execute(sql`delete from report_me_too a where a.person_id = ${from}
      and exists (select 1 from report_me_too b where b.report_id = a.report_id and b.person_id = ${into})`);
    await tx.execute(sql`update report_me_too set person_id = ${into} where person_id = ${from}`);
    // A "me too" on one's own report (the other account reported it) is no "me too".
    await tx.execute(sql`update reports r set me_too = me_too - 1 where r.reporter_person_id in (${from}, ${into})
      and exists (select 1 from report_me_too a where a.report_id = r.id and a.person_id = ${into})`);
    await tx.execute(sql`delete from report_me_too a using reports r where r.id = a.report_id and a.person_id = ${into} and r.reporter_person_id in (${from}, ${into})`);
    await tx.execute(sql`update reports set reporter_person_id = ${into} where reporter_person_id = ${from}`);
    await tx.execute(sql`update reports set assignee_person_id = ${into} where assignee_person_id = ${from}`);
    await tx.execute(sql`update report_events set actor_person_id = ${into} where actor_person_id = ${from}`);
    // Unfinished conversations: the kept person's own win.
    await tx.execute(sql`delete from report_drafts d where d.person_id = ${from}
      and exists (select 1 from report_drafts k where k.person_id = ${into} and k.chat_key = d.chat_key)`);
    await tx.execute(sql`update report_drafts set person_id = ${into} where person_id = ${from}`);
    await tx.execute(sql`delete from report_prompts p where p.person_id = ${from}
      and exists (select 1 from report_prompts k where k.person_id = ${into} and k.chat_key = p.chat_key)`);
    await tx.execute(sql`update report_prompts set person_id = ${into} where person_id = ${from}`);
  },
};
