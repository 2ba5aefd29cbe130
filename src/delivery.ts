import type { Db } from './db/client.js';
import type { Reply } from './handler.js';
import { DEFAULT_LANG, isLang, type Lang } from './i18n/index.js';
import type { ChatPlatform, SentRef } from './platform.js';
import { getPerson, identityOn } from './tenancy/queries.js';
import { identities } from './db/schema/index.js';
import { eq } from 'drizzle-orm';

export interface DeliveryDeps {
  db: Db;
  platforms: Map<string, ChatPlatform>;
  /** Try this platform's identity first (the one the conversation is on). */
  preferred?: string;
}

/** Sends a DM to a person on the platform they use (preferring the current one), in their language. */
export async function deliverToPerson(deps: DeliveryDeps, personId: number, r: Reply, complexLang?: string): Promise<SentRef | null> {
  const person = await getPerson(deps.db, personId);
  if (!person || person.forgottenAt) return null;
  let identity = deps.preferred ? await identityOn(deps.db, personId, deps.preferred) : null;
  if (!identity || !deps.platforms.has(identity.platform)) {
    const all = await deps.db.select().from(identities).where(eq(identities.personId, personId));
    identity = all.find((i) => deps.platforms.has(i.platform)) ?? null;
  }
  const platform = identity ? deps.platforms.get(identity.platform) : undefined;
  if (!identity || !platform) return null;
  const lang: Lang = r.lang ?? (isLang(person.language) ? person.language : undefined)
    ?? (isLang(identity.platformLanguage?.slice(0, 2)) ? identity.platformLanguage.slice(0, 2) as Lang : undefined)
    ?? (isLang(complexLang) ? complexLang : DEFAULT_LANG);
  return platform.sendDirect(identity.platformUserId, {
    lang, body: r.body, ...(r.buttons ? { buttons: r.buttons } : {}), ...(r.file ? { file: r.file } : {}),
  });
}
