import { sql } from 'drizzle-orm';
import type { MergeRule } from '../capability.js';

/**
 * When two people merge (one person linking a second platform), their rota history becomes one.
 * Where both hold a slot of the same occurrence, the merged person keeps one (the other is released).
 */
export const rotaMerge: MergeRule = {
  columns: ['rota_claims.person_id', 'rota_claims.assigned_by', 'rota_offers.from_person_id', 'rota_offers.to_person_id',
    'rota_offers.accepted_by', 'rota_occurrences.missed_by', 'rota_absences.person_id', 'rota_preferences.person_id',
    'rota_calendar_tokens.person_id'],
  async run(tx, from, into) {
    await tx.execute(sql`update rota_claims c set released_at = coalesce(c.claimed_at, now())
    where c.person_id = ${from} and c.released_at is null
      and exists (select 1 from rota_claims k where k.occurrence_id = c.occurrence_id and k.person_id = ${into} and k.released_at is null)`);
    await tx.execute(sql`update rota_claims set person_id = ${into} where person_id = ${from}`);
    await tx.execute(sql`update rota_claims set assigned_by = ${into} where assigned_by = ${from}`);
    await tx.execute(sql`update rota_offers set from_person_id = ${into} where from_person_id = ${from}`);
    await tx.execute(sql`update rota_offers set to_person_id = ${into} where to_person_id = ${from}`);
    await tx.execute(sql`update rota_offers set accepted_by = ${into} where accepted_by = ${from}`);
    await tx.execute(sql`update rota_occurrences set missed_by = ${into} where missed_by = ${from}`);
    await tx.execute(sql`update rota_absences set person_id = ${into} where person_id = ${from}`);
    await tx.execute(sql`insert into rota_preferences (complex_id, person_id, auto_assign)
    select complex_id, ${into}, auto_assign from rota_preferences where person_id = ${from}
    on conflict (complex_id, person_id) do nothing`);
    await tx.execute(sql`delete from rota_preferences where person_id = ${from}`);
    await tx.execute(sql`delete from rota_calendar_tokens f where f.person_id = ${from}
    and exists (select 1 from rota_calendar_tokens k where k.complex_id = f.complex_id and k.person_id = ${into})`);
    await tx.execute(sql`update rota_calendar_tokens set person_id = ${into} where person_id = ${from}`);
  },
};
