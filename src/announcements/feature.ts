import { eq, sql } from 'drizzle-orm';
import { announcements } from '../db/schema/index.js';
import type { Capability } from '../capability.js';
import { reply, saidToBotByMember, UserError, type Ctx } from '../handler.js';
import { announcementMessages } from '../i18n/messages/announcements.js';
import { msg } from '../i18n/index.js';
import { getReminderSettings } from '../scheduler/settings.js';
import { audit } from '../tenancy/queries.js';
import { parseAnnounce } from './rules.js';
import { acknowledge, announcementRepingJob, announcementSendJob, dispatch, targetChats, targetComplexIds } from './service.js';
import { formatLongDateTime } from '../time/zone.js';
import { normalise } from '../rota/match.js';

/** Who the announcement is for: a liaison chat (or a liaison without a complex role) → the corporation. */
function scopeOf(ctx: Ctx): { complexId: number | null; corporationId: number | null; tz: string } {
  if (ctx.chat?.purpose === 'liaison' && ctx.chat.corporationId && ctx.liaisonOf.includes(ctx.chat.corporationId)) {
    return { complexId: null, corporationId: ctx.chat.corporationId, tz: ctx.complex?.timezone ?? 'Europe/Amsterdam' };
  }
  if (ctx.complex && ctx.role === 'coordinator') return { complexId: ctx.complex.id, corporationId: null, tz: ctx.complex.timezone };
  if (ctx.event.chat.isDirect && ctx.liaisonOf.length > 0) {
    return { complexId: null, corporationId: ctx.liaisonOf[0]!, tz: 'Europe/Amsterdam' };
  }
  throw new UserError(msg('announcements.error.notAllowed'));
}


/** "Kun je een mededeling sturen …?" to the bot: how (a coordinator) or who does it (a resident). */
const WANTS_ANNOUNCEMENT = /\b(mededeling|aankondiging|announcement|announce|omroepen|bericht aan (iedereen|alle bewoners|alle chats))\b/;

export const announcementsCapability: Capability = {
  name: 'announcements',
  text: [async (ctx, text) => {
    if (!saidToBotByMember(ctx) || !WANTS_ANNOUNCEMENT.test(normalise(text))) return null;
    return reply(msg(ctx.role === 'coordinator' ? 'announcements.howTo' : 'announcements.byCoordinator'));
  }],
  jobs: [announcementSendJob, announcementRepingJob],
  messages: [announcementMessages],
  merge: [{
    columns: ['announcements.author_person_id', 'announcement_acks.person_id'],
    async run(tx, from, into) {
      await tx.execute(sql`update announcements set author_person_id = ${into} where author_person_id = ${from}`);
      // Read by both accounts: one acknowledgement stays.
      await tx.execute(sql`update announcement_acks r set person_id = ${into} where r.person_id = ${from}
        and not exists (select 1 from announcement_acks k where k.announcement_id = r.announcement_id and k.person_id = ${into})`);
      await tx.execute(sql`delete from announcement_acks where person_id = ${from}`);
    },
  }],
  commands: [{
    names: { nl: ['mededeling'], en: ['announce'] },
    help: 'announcements.help',
    requires: 'anyone',
    audience: 'coordinator',
    async run(ctx, args) {
      const scope = scopeOf(ctx);
      const parsed = parseAnnounce(args, ctx.now, scope.tz);
      if (!parsed.ok) throw new UserError(msg(`announcements.error.${parsed.error}`));
      const { pin, ack, sendAt, text } = parsed.value;
      const chatsNow = await targetChats(ctx.db, scope);
      if (chatsNow.length === 0) throw new UserError(msg('announcements.error.noChats'));
      const settings = scope.complexId ? await getReminderSettings(ctx.db, scope.complexId) : null;
      const ann = await ctx.db.transaction(async (tx) => {
        const [row] = await tx.insert(announcements).values({
          complexId: scope.complexId, corporationId: scope.corporationId, authorPersonId: ctx.person.id,
          authorName: ctx.person.displayName, text, pin, askAck: ack, sendAt: sendAt ?? ctx.now, createdAt: ctx.now,
          repingAfterHours: Math.round(settings?.announcement_reping_hours ?? 48),
        }).returning();
        if (!row) throw new Error('insert announcement returned nothing');
        if (!sendAt) await dispatch(tx, row, ctx.now);
        await audit(tx, { complexId: scope.complexId, corporationId: scope.corporationId, actorPersonId: ctx.person.id,
          action: 'announcement.create', data: { id: row.id, sendAt: row.sendAt.toISOString(), pin, ack }, at: ctx.now });
        return row;
      });
      const confirmation = sendAt
        ? msg('announcements.scheduled', { id: ann.id, chats: chatsNow.length, when: formatLongDateTime(sendAt, scope.tz, ctx.lang) })
        : msg('announcements.sentNow', { id: ann.id, chats: chatsNow.length });
      // In the group the announcement itself is the answer; the confirmation goes to the author privately.
      return reply(confirmation, ctx.event.chat.isDirect ? {} : { to: 'direct' });
    },
  }],
  buttons: [{
    prefix: 'ann:ack',
    requires: 'complex',
    // Every complex it went to: the router takes the chat's, or in a DM one the presser belongs to.
    async scope(ctx, [id]) {
      const [ann] = await ctx.db.select().from(announcements).where(eq(announcements.id, Number(id) || 0));
      return ann ? targetComplexIds(ctx.db, ann) : null;
    },
    async run(ctx, [id]) {
      const [ann] = await ctx.db.select().from(announcements).where(eq(announcements.id, Number(id)));
      if (!ann) throw new UserError(msg('core.error.buttonExpired'));
      const fresh = await acknowledge(ctx.db, ann, ctx.person.id, ctx.now);
      if (!fresh) return reply(msg('announcements.alreadyAcked'), { ephemeral: true });
      return undefined;
    },
  }],
};
