import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { chats, complexes, pollDefinitions, pollInstances } from '../db/schema/index.js';
import { DEFAULT_LANG, isLang } from '../i18n/index.js';
import { enqueueMany, type OutboxItem } from '../outbox/queue.js';
import type { EffectRow } from '../scheduler/engine.js';
import { buttonPoll } from './service.js';

/**
 * Opens the polls of many poll:open effects at once, as buttons (platforms without native polls):
 * one read of the definitions, one insert of the instances (unique per definition and period, so
 * an instance that exists already is not posted again), one read of the chats, one outbox insert.
 * Returns the effects that were obsolete (definition gone or inactive, or the period already open).
 */
export async function openPollsBatch(tx: Db, effects: EffectRow[], now: Date): Promise<Set<number>> {
  const ids = [...new Set(effects.map((e) => Number(e.payload.definitionId)))];
  const defs = new Map((await tx.select().from(pollDefinitions).where(inArray(pollDefinitions.id, ids))).map((d) => [d.id, d]));
  const obsolete = new Set<number>();
  const wanted = effects.flatMap((effect) => {
    const def = defs.get(Number(effect.payload.definitionId));
    if (!def?.active) {
      obsolete.add(effect.id);
      return [];
    }
    return [{ effect, def, period: String(effect.payload.period) }];
  });
  if (wanted.length === 0) return obsolete;
  const opened = await tx.insert(pollInstances).values(wanted.map(({ effect, def, period }) => ({
    definitionId: def.id, complexId: def.complexId, period, area: def.area, question: def.question, options: def.options,
    openedAt: now, closesAt: new Date(effect.dueAt.getTime() + def.windowHours * 3_600_000),
  }))).onConflictDoNothing().returning();
  const instanceOf = new Map(opened.map((i) => [`${i.definitionId}:${i.period}`, i]));
  for (const { effect, def, period } of wanted) if (!instanceOf.has(`${def.id}:${period}`)) obsolete.add(effect.id);
  if (opened.length === 0) return obsolete;
  const targets = await tx.select({ chat: chats, language: complexes.language, timezone: complexes.timezone }).from(chats)
    .innerJoin(complexes, eq(complexes.id, chats.complexId))
    .where(and(inArray(chats.complexId, [...new Set(opened.map((i) => i.complexId))]), eq(chats.purpose, 'complex'))).orderBy(chats.id);
  const items: OutboxItem[] = [];
  const chatsOf = new Map<number, typeof targets>();
  for (const t of targets) chatsOf.set(t.chat.complexId!, [...(chatsOf.get(t.chat.complexId!) ?? []), t]);
  for (const instance of opened) {
    const def = defs.get(instance.definitionId)!;
    for (const { chat, language, timezone } of chatsOf.get(instance.complexId) ?? []) {
      items.push(buttonPoll(def, instance, chat, isLang(language) ? language : DEFAULT_LANG, timezone));
    }
  }
  await enqueueMany(tx, items, now);
  return obsolete;
}
