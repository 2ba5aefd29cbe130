import { sql } from 'drizzle-orm';
import type { MergeRule } from '../capability.js';

/**
 * When two people merge (one person linking a second platform), their loans, requests, reservations
 * and waitlist places become one person's. A place on the same item's waitlist twice keeps the earlier.
 */
export const loansMerge: MergeRule = {
  columns: ['loans.borrower_person_id', 'loans.approved_by', 'loans.handover_to', 'loans.returned_by', 'loan_requests.person_id',
    'loan_requests.decided_by', 'loan_reservations.person_id', 'loan_waitlist.person_id'],
  async run(tx, from, into) {
    await tx.execute(sql`update loans set borrower_person_id = ${into} where borrower_person_id = ${from}`);
    await tx.execute(sql`update loans set approved_by = ${into} where approved_by = ${from}`);
    await tx.execute(sql`update loans set returned_by = ${into} where returned_by = ${from}`);
    // A hand-over between the two accounts of one person is no hand-over.
    await tx.execute(sql`update loans set handover_to = null where handover_to = ${from} and borrower_person_id = ${into}`);
    await tx.execute(sql`update loans set handover_to = ${into} where handover_to = ${from}`);
    await tx.execute(sql`update loan_requests r set decision = 'withdrawn' where r.person_id = ${from} and r.decision is null
      and exists (select 1 from loan_requests k where k.item_id = r.item_id and k.person_id = ${into} and k.decision is null)`);
    await tx.execute(sql`update loan_requests set person_id = ${into} where person_id = ${from}`);
    await tx.execute(sql`update loan_requests set decided_by = ${into} where decided_by = ${from}`);
    await tx.execute(sql`update loan_reservations set person_id = ${into} where person_id = ${from}`);
    await tx.execute(sql`delete from loan_waitlist w where w.person_id = ${from} and w.done_at is null
      and exists (select 1 from loan_waitlist k where k.item_id = w.item_id and k.person_id = ${into} and k.done_at is null)`);
    await tx.execute(sql`update loan_waitlist set person_id = ${into} where person_id = ${from}`);
  },
};
