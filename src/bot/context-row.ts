import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { chats, complexes, complexMembers, identities, people } from '../db/schema/index.js';
import type { ChatRow, ComplexRow, IdentityRow, PersonRow, Role } from '../handler.js';
import { targetBusySql, targetKey, type KnownBusy } from '../outbox/immediate.js';
import type { UserRef } from '../platform.js';

/** Everything an event's context needs, as stored, read in one statement (one round trip). */
export interface ContextRow {
  identity: IdentityRow;
  person: PersonRow;
  chat: ChatRow | null;
  /** The chat's complex; in a direct chat the complex the person was last seen in. */
  complex: ComplexRow | null;
  role: Role | null;
  lastSeenAt: Date | null;
  liaisonOf: number[];
  /** Whether answers to the event's chat and to its sender must queue behind others (see queueImmediate). */
  busy: KnownBusy;
}

/**
 * Reads the identity, person, chat, complex, membership and liaison roles of an event at once; null when
 * the identity is new (then the caller creates it). Writes nothing.
 */
export async function readContextRow(db: Db, platform: string, user: UserRef, chat: { chatId: string; isDirect: boolean }, now: Date): Promise<ContextRow | null> {
  // In a direct chat the complex is the person's most recently active one (as complexesOf orders them).
  const complexId = chat.isDirect
    ? sql`(select cm.complex_id from complex_members cm where cm.person_id = ${people.id} order by cm.last_seen_at desc limit 1)`
    : chats.complexId;
  const [row] = await db.select({
    identity: identities, person: people, chat: chats, complex: complexes,
    role: complexMembers.role, lastSeenAt: complexMembers.lastSeenAt,
    liaisonOf: sql<string | null>`(select string_agg(cr.corporation_id::text, ',') from corporation_roles cr where cr.person_id = ${people.id})`,
    // Asked here too, so that queueing the answer needs no statement of its own.
    chatBusy: targetBusySql(platform, 'chat', chat.chatId, now),
    userBusy: targetBusySql(platform, 'user', user.userId, now),
  }).from(identities)
    .innerJoin(people, eq(people.id, identities.personId))
    .leftJoin(chats, chat.isDirect ? sql`false` : and(eq(chats.platform, platform), eq(chats.platformChatId, chat.chatId)))
    .leftJoin(complexes, eq(complexes.id, complexId))
    .leftJoin(complexMembers, and(eq(complexMembers.complexId, complexes.id), eq(complexMembers.personId, people.id)))
    .where(and(eq(identities.platform, user.platform), eq(identities.platformUserId, user.userId)));
  if (!row) return null;
  return {
    identity: row.identity, person: row.person, chat: row.chat, complex: row.complex,
    role: (row.role as Role | null) ?? null, lastSeenAt: row.lastSeenAt ?? null,
    // A text list rather than an array: both drivers (postgres.js and PGlite) hand it back the same way.
    liaisonOf: row.liaisonOf ? row.liaisonOf.split(',').map(Number) : [],
    busy: new Map([[targetKey({ platform, kind: 'chat', id: chat.chatId }), Boolean(row.chatBusy)],
      [targetKey({ platform, kind: 'user', id: user.userId }), Boolean(row.userBusy)]]),
  };
}
