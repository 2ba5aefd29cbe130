import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { chats, complexes, pollDefinitions, pollInstances, pollVotes } from '../db/schema/index.js';
import { enqueueMany, type OutboxItem } from '../outbox/queue.js';
import type { EffectRow } from '../scheduler/engine.js';
import { tally } from './rules.js';
import { alertIfLow, resultPost, type PollDeps } from './service.js';

/**
 * Closes the instances of many poll:close effects at once (platforms without native polls): one
 * locking read, one read of the votes, one update of every tally, one read of the chats and one
 * outbox insert of the summaries; a low score then opens its report as the one-by-one close does.
 * Returns the effects that were obsolete (instance gone or already closed).
 */
export async function closePollsBatch(tx: Db, effects: EffectRow[], now: Date, deps: PollDeps): Promise<Set<number>> {
  const ids = effects.map((e) => Number(e.payload.instanceId));
  const open = await tx.select().from(pollInstances).where(and(inArray(pollInstances.id, ids), isNull(pollInstances.closedAt)))
    .orderBy(asc(pollInstances.id)).for('update');
  const openIds = new Set(open.map((i) => i.id));
  const obsolete = new Set(effects.filter((e) => !openIds.has(Number(e.payload.instanceId))).map((e) => e.id));
  if (open.length === 0) return obsolete;
  const votes = new Map<number, number[]>();
  for (const v of await tx.select({ instanceId: pollVotes.instanceId, option: pollVotes.optionIndex }).from(pollVotes)
    .where(inArray(pollVotes.instanceId, [...openIds]))) votes.set(v.instanceId, [...(votes.get(v.instanceId) ?? []), v.option]);
  const results = new Map(open.map((i) => [i.id, tally(i.options.length, votes.get(i.id) ?? [])]));
  const rows = open.map((i) => ({ id: i.id, counts: results.get(i.id)!.counts, votes: results.get(i.id)!.votes, average: results.get(i.id)!.average }));
  await tx.execute(sql`update poll_instances p set closed_at = ${now.toISOString()}::timestamptz, counts = v.counts, vote_count = v.votes, average = v.average
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id int, counts jsonb, votes int, average real) where p.id = v.id`);
  const targets = await tx.select({ chat: chats, language: complexes.language }).from(chats)
    .innerJoin(complexes, eq(complexes.id, chats.complexId))
    .where(and(inArray(chats.complexId, [...new Set(open.map((i) => i.complexId))]), eq(chats.purpose, 'complex'))).orderBy(chats.id);
  const chatsOf = new Map<number, typeof targets>();
  for (const t of targets) chatsOf.set(t.chat.complexId!, [...(chatsOf.get(t.chat.complexId!) ?? []), t]);
  const items: OutboxItem[] = open.flatMap((i) => (chatsOf.get(i.complexId) ?? []).map(({ chat, language }) => resultPost(i, chat, language, results.get(i.id)!)));
  await enqueueMany(tx, items, now);
  const defs = await tx.select().from(pollDefinitions).where(inArray(pollDefinitions.id, [...new Set(open.map((i) => i.definitionId))]));
  const defOf = new Map(defs.map((d) => [d.id, d]));
  for (const i of open) {
    const def = defOf.get(i.definitionId);
    if (def) await alertIfLow(tx, i, def, results.get(i.id)!, now, deps);
  }
  return obsolete;
}
