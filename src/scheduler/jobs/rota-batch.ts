import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { complexes } from '../../db/schema/index.js';
import { DEFAULT_LANG, isLang, msg, type Lang } from '../../i18n/index.js';
import { enqueueMany, personTargets, type OutboxItem } from '../../outbox/queue.js';
import { formatLongDateTime } from '../../time/zone.js';
import type { EffectRow, RunContext } from '../engine.js';
import type { RotaPort } from './rota.js';

async function complexInfos(db: Db, ids: number[]): Promise<Map<number, { tz: string; lang: Lang }>> {
  const rows = await db.select().from(complexes).where(inArray(complexes.id, ids));
  return new Map(rows.map((c) => [c.id, { tz: c.timezone, lang: isLang(c.language) ? c.language : DEFAULT_LANG }]));
}

/**
 * rota:remind for a batch of effects in five statements (turns, claims, complexes, people with
 * their identities, one outbox insert): the same DMs as the one-by-one run, each keyed per person.
 */
export function remindBatch(port: RotaPort) {
  return async (tx: Db, effects: EffectRow[], { now, platforms }: RunContext): Promise<Set<number>> => {
    const turns = new Map((await port.getOccurrences(tx, effects.map((e) => Number(e.payload.occurrenceId)))).map((o) => [o.id, o]));
    const obsolete = new Set<number>();
    const live = effects.flatMap((effect) => {
      const o = turns.get(Number(effect.payload.occurrenceId));
      if (!o || o.cancelled || o.done || o.claimantPersonIds.length === 0 || now >= o.dueAt) {
        obsolete.add(effect.id);
        return [];
      }
      return [{ effect, o }];
    });
    if (live.length === 0) return obsolete;
    const infos = await complexInfos(tx, [...new Set(live.map(({ o }) => o.complexId))]);
    const targets = await personTargets(tx, [...new Set(live.flatMap(({ o }) => o.claimantPersonIds))], [...platforms.keys()]);
    const items: OutboxItem[] = live.flatMap(({ effect, o }) => o.claimantPersonIds.flatMap((personId, i) => {
      const target = targets.get(personId);
      if (!target) return [];
      const { tz, lang: complexLang } = infos.get(o.complexId) ?? { tz: 'Europe/Amsterdam', lang: DEFAULT_LANG };
      const lang = target.lang(complexLang);
      return [{
        platform: target.identity.platform, to: { userId: target.identity.platformUserId }, key: `${effect.key}:${personId}`,
        message: { lang, body: [msg('scheduler.rota.remindClaimant', { task: o.taskName, when: formatLongDateTime(o.dueAt, tz, lang) })],
          buttons: port.claimButtons(o.claimIds[i]!) },
      }];
    }));
    await enqueueMany(tx, items, now);
    return obsolete;
  };
}
