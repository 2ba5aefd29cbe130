import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { writeBehind } from '../db/pipelined.js';
import {
  auditLog, chats, complexes, complexMembers, corporationRoles, identities, people, processedUpdates,
} from '../db/schema/index.js';
import type { ChatRow, ComplexRow, IdentityRow, PersonRow, Role } from '../handler.js';
import type { UserRef } from '../platform.js';

export async function findChat(db: Db, platform: string, platformChatId: string): Promise<ChatRow | null> {
  const [row] = await db.select().from(chats)
    .where(and(eq(chats.platform, platform), eq(chats.platformChatId, platformChatId)));
  return row ?? null;
}

/**
 * Which of these chats of a platform are linked to a complex, and to which (oldest link first). For an
 * adapter whose membership events are per server rather than per chat (Discord).
 */
export async function linkedComplexChats(db: Db, platform: string, platformChatIds: string[]): Promise<{ chatId: string; complexId: number }[]> {
  if (platformChatIds.length === 0) return [];
  const rows = await db.select({ chatId: chats.platformChatId, complexId: chats.complexId }).from(chats)
    .where(and(eq(chats.platform, platform), inArray(chats.platformChatId, platformChatIds), eq(chats.purpose, 'complex'), isNotNull(chats.complexId)))
    .orderBy(asc(chats.id));
  return rows.map((r) => ({ chatId: r.chatId, complexId: r.complexId! }));
}

export async function getComplex(db: Db, id: number): Promise<ComplexRow | null> {
  const [row] = await db.select().from(complexes).where(eq(complexes.id, id));
  return row ?? null;
}

/** Whether the stored identity still carries what the platform says about the user now. */
export function identityCurrent(identity: IdentityRow, user: UserRef): boolean {
  return identity.displayName === user.displayName && identity.username === (user.username ?? null)
    && identity.platformLanguage === (user.language ?? null);
}

/**
 * Finds or creates the person behind a platform identity; keeps the display name fresh.
 * Safe under concurrency: the identity's unique index decides who creates it.
 */
export async function ensurePerson(db: Db, user: UserRef): Promise<{ person: PersonRow; identity: IdentityRow }> {
  const [existing] = await db.select().from(identities)
    .where(and(eq(identities.platform, user.platform), eq(identities.platformUserId, user.userId)));
  if (existing) {
    if (!identityCurrent(existing, user)) {
      await db.update(identities).set({
        displayName: user.displayName, username: user.username ?? null, platformLanguage: user.language ?? null,
      }).where(eq(identities.id, existing.id));
    }
    const [person] = await db.select().from(people).where(eq(people.id, existing.personId));
    if (!person) throw new Error(`identity ${existing.id} has no person`);
    return { person, identity: { ...existing, displayName: user.displayName, username: user.username ?? null } };
  }
  return db.transaction(async (tx) => {
    const [person] = await tx.insert(people).values({ displayName: user.displayName }).returning();
    if (!person) throw new Error('insert person returned nothing');
    const [identity] = await tx.insert(identities).values({
      personId: person.id, platform: user.platform, platformUserId: user.userId,
      username: user.username ?? null, displayName: user.displayName, platformLanguage: user.language ?? null,
    }).onConflictDoNothing().returning();
    if (identity) return { person, identity };
    // Someone else created it at the same instant: use theirs and drop ours.
    await tx.delete(people).where(eq(people.id, person.id));
    const [theirs] = await tx.select().from(identities)
      .where(and(eq(identities.platform, user.platform), eq(identities.platformUserId, user.userId)));
    const [theirPerson] = theirs ? await tx.select().from(people).where(eq(people.id, theirs.personId)) : [];
    if (!theirs || !theirPerson) throw new Error('identity vanished during creation');
    return { person: theirPerson, identity: theirs };
  });
}

export async function getRole(db: Db, complexId: number, personId: number): Promise<Role | null> {
  const [row] = await db.select({ role: complexMembers.role }).from(complexMembers)
    .where(and(eq(complexMembers.complexId, complexId), eq(complexMembers.personId, personId)));
  return (row?.role as Role | undefined) ?? null;
}

/** How stale `last_seen_at` may get before a message writes it again (most messages write nothing). */
export const LAST_SEEN_RESOLUTION_MS = 3_600_000;

/**
 * Makes the person a member (resident) if they are not yet; never lowers a role. One statement, and a
 * write only for a new member or a `last_seen_at` older than an hour.
 */
export async function ensureMember(db: Db, complexId: number, personId: number, now: Date): Promise<Role> {
  const at = now.toISOString();
  const result = await db.execute<{ role: string }>(sql`
    with existing as (
      select role from complex_members where complex_id = ${complexId} and person_id = ${personId}
    ), added as (
      insert into complex_members (complex_id, person_id, role, last_seen_at)
      select ${complexId}, ${personId}, 'resident', ${at}::timestamptz where not exists (select 1 from existing)
      on conflict do nothing returning role
    ), seen as (
      update complex_members set last_seen_at = ${at}::timestamptz
      where complex_id = ${complexId} and person_id = ${personId}
        and (last_seen_at is null or last_seen_at < ${at}::timestamptz - ${`${LAST_SEEN_RESOLUTION_MS} milliseconds`}::interval)
      returning 1
    )
    select coalesce((select role from existing), (select role from added), 'resident') as role`);
  const rows = (Array.isArray(result) ? result : (result as { rows: { role: string }[] }).rows) as { role: string }[];
  return (rows[0]?.role ?? 'resident') as Role;
}

export async function setRole(db: Db, complexId: number, personId: number, role: Role): Promise<void> {
  await db.insert(complexMembers).values({ complexId, personId, role })
    .onConflictDoUpdate({ target: [complexMembers.complexId, complexMembers.personId], set: { role } });
}

export async function complexesOf(db: Db, personId: number): Promise<ComplexRow[]> {
  const rows = await db.select({ complex: complexes }).from(complexMembers)
    .innerJoin(complexes, eq(complexes.id, complexMembers.complexId))
    .where(eq(complexMembers.personId, personId))
    .orderBy(sql`${complexMembers.lastSeenAt} desc`);
  return rows.map((r) => r.complex);
}

export async function liaisonCorporations(db: Db, personId: number): Promise<number[]> {
  const rows = await db.select({ id: corporationRoles.corporationId }).from(corporationRoles)
    .where(eq(corporationRoles.personId, personId));
  return rows.map((r) => r.id);
}

export async function countCoordinators(db: Db, complexId: number): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(complexMembers)
    .where(and(eq(complexMembers.complexId, complexId), eq(complexMembers.role, 'coordinator')));
  return row?.n ?? 0;
}

export interface MemberView { personId: number; displayName: string; username: string | null; role: Role }

export async function listMembers(db: Db, complexId: number): Promise<MemberView[]> {
  const rows = await db.select({
    personId: people.id, displayName: people.displayName, role: complexMembers.role,
    username: sql<string | null>`(select i.username from identities i where i.person_id = ${people.id} and i.username is not null limit 1)`,
  }).from(complexMembers).innerJoin(people, eq(people.id, complexMembers.personId))
    .where(eq(complexMembers.complexId, complexId)).orderBy(people.displayName);
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

/** Discord writes "@Piet" picked from its list as `<@id>` (in messages and in slash-command options). */
const DISCORD_MENTION = /^<@!?(\d{5,25})>$/;

/** Resolves "@anna", "anna", "Anna de Vries" or a Discord mention to a member of this complex (never another complex). */
export async function findMember(db: Db, complexId: number, name: string): Promise<MemberView[]> {
  const mention = DISCORD_MENTION.exec(name.trim());
  if (mention) {
    const [who] = await db.select({ personId: identities.personId }).from(identities)
      .where(and(eq(identities.platform, 'discord'), eq(identities.platformUserId, mention[1]!)));
    return who ? (await listMembers(db, complexId)).filter((m) => m.personId === who.personId) : [];
  }
  const wanted = name.trim().replace(/^@/, '').toLowerCase();
  if (!wanted) return [];
  const members = await listMembers(db, complexId);
  const exact = members.filter((m) => m.username?.toLowerCase() === wanted || m.displayName.toLowerCase() === wanted);
  if (exact.length > 0) return exact;
  return members.filter((m) => m.displayName.toLowerCase().split(/\s+/).includes(wanted)
    || m.displayName.toLowerCase().startsWith(wanted));
}

export async function audit(db: Db, entry: {
  complexId?: number | null; corporationId?: number | null; actorPersonId?: number | null;
  action: string; data?: Record<string, unknown>; at?: Date;
}): Promise<void> {
  // Nothing waits for an audit row: in an event's transaction it travels with the next statement.
  await writeBehind(db, db.insert(auditLog).values({
    complexId: entry.complexId ?? null, corporationId: entry.corporationId ?? null,
    actorPersonId: entry.actorPersonId ?? null, action: entry.action, data: entry.data ?? {},
    ...(entry.at ? { at: entry.at } : {}),
  }));
}

export async function identityOn(db: Db, personId: number, platform: string): Promise<IdentityRow | null> {
  const [row] = await db.select().from(identities)
    .where(and(eq(identities.personId, personId), eq(identities.platform, platform)));
  return row ?? null;
}

export async function getPerson(db: Db, personId: number): Promise<PersonRow | null> {
  const [row] = await db.select().from(people).where(eq(people.id, personId));
  return row ?? null;
}

/** Records that an update was handled; false when it already was (a redelivery, or another instance). */
export async function markUpdateProcessed(db: Db, platform: string, updateId: string): Promise<boolean> {
  const fresh = await db.insert(processedUpdates).values({ platform, updateId }).onConflictDoNothing()
    .returning({ id: processedUpdates.updateId });
  return fresh.length > 0;
}
