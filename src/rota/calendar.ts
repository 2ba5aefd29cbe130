import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import ical from 'ical-generator';
import type { Db } from '../db/client.js';
import { complexes, rotaCalendarTokens } from '../db/schema/index.js';
import type { CommandDef } from '../handler.js';
import { reply } from '../handler.js';
import { msg } from '../i18n/index.js';
import { onMembershipEnded } from '../tenancy/membership.js';
import { audit, getPerson } from '../tenancy/queries.js';
import { complexOf } from './common.js';
import { horizonEnd } from './generate.js';
import { claimsOfPerson, listOccurrences } from './queries.js';

/**
 * iCalendar feeds at unguessable URLs: one per complex (the whole rota) and one per person per
 * complex (their own turns). Rotating a link replaces the token, so the old URL stops working.
 */

let publicBaseUrl = 'http://localhost:3000';
/** Set once at start-up from config PUBLIC_URL, so links point at the bot's HTTP port. */
export function setCalendarBaseUrl(url: string): void {
  publicBaseUrl = url.replace(/\/+$/, '');
}

export const FEED_PREFIX = '/calendar/';

// Someone who leaves the complex keeps no feed of it: their personal link stops working.
onMembershipEnded(async (tx, complexId, personId) => {
  await tx.delete(rotaCalendarTokens).where(and(eq(rotaCalendarTokens.complexId, complexId), eq(rotaCalendarTokens.personId, personId)));
});

export async function calendarToken(db: Db, complexId: number, personId: number | null, rotate = false): Promise<string> {
  const owner = and(eq(rotaCalendarTokens.complexId, complexId), personId === null ? isNull(rotaCalendarTokens.personId) : eq(rotaCalendarTokens.personId, personId));
  if (rotate) await db.delete(rotaCalendarTokens).where(owner);
  const [existing] = await db.select().from(rotaCalendarTokens).where(owner);
  if (existing) return existing.token;
  const token = randomBytes(24).toString('base64url');
  await db.insert(rotaCalendarTokens).values({ token, complexId, personId }).onConflictDoNothing();
  // Two requests at once: whichever token was stored first is the one.
  const [stored] = await db.select().from(rotaCalendarTokens).where(owner);
  return stored!.token;
}

export function feedUrl(token: string, baseUrl = publicBaseUrl): string {
  return `${baseUrl.replace(/\/+$/, '')}${FEED_PREFIX}${token}.ics`;
}

/** The feed for a token, or null when the token is unknown. Covers the last 30 days and the horizon. */
export async function buildFeed(db: Db, token: string, now: Date): Promise<string | null> {
  const [row] = await db.select().from(rotaCalendarTokens).where(eq(rotaCalendarTokens.token, token));
  if (!row) return null;
  const [complex] = await db.select().from(complexes).where(eq(complexes.id, row.complexId));
  if (!complex) return null;
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const occs = row.personId === null
    ? await listOccurrences(db, complex.id, since, horizonEnd(now))
    : await claimsOfPerson(db, complex.id, row.personId, since);
  const person = row.personId === null ? null : await getPerson(db, row.personId);
  // Times are written in UTC (with Z): without a VTIMEZONE block a zone name would make them floating.
  const cal = ical({ name: person ? `${complex.name} — ${person.displayName}` : complex.name, prodId: '//zelfbeheer-bot//rota//NL' });
  for (const o of occs) {
    const names = o.claims.map((c) => c.name).join(', ');
    const open = Math.max(0, o.people - o.claims.length);
    cal.createEvent({
      id: `rota-${o.id}@zelfbeheer-bot`,
      start: o.dueAt,
      end: new Date(o.dueAt.getTime() + o.durationMinutes * 60_000),
      summary: names ? `${o.task} (${names})` : o.task,
      description: [o.area, names ? `✓ ${names}` : null, open > 0 && o.status === 'open' ? `open: ${open}` : null, o.status !== 'open' ? o.status : null]
        .filter(Boolean).join('\n'),
      stamp: now,
    });
  }
  return cal.toString();
}

export const calendarCommands: CommandDef[] = [{
  names: { nl: ['agenda'], en: ['calendar'] },
  help: 'rota.help.calendar',
  requires: 'complex',
  async run(ctx, args) {
    const complex = complexOf(ctx);
    const rotate = /^(nieuw|new|vernieuw|rotate|reset)$/i.test(args.trim());
    // Anyone may rotate their own link; only a coordinator the complex's shared one.
    const complexToken = await calendarToken(ctx.db, complex.id, null, rotate && ctx.role === 'coordinator');
    const personal = await calendarToken(ctx.db, complex.id, ctx.person.id, rotate);
    if (rotate) await audit(ctx.db, { complexId: complex.id, actorPersonId: ctx.person.id, action: 'rota.calendar.rotated', at: ctx.now });
    return reply(msg(rotate ? 'rota.calendar.rotated' : 'rota.calendar.links', { complex: feedUrl(complexToken), mine: feedUrl(personal) }), { to: 'direct' });
  },
}];
