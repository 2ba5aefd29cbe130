import { and, desc, eq, sql } from 'drizzle-orm';
import { pollDefinitions, pollInstances, pollPosts } from '../db/schema/index.js';
import type { Capability } from '../capability.js';
import { reply, saidToBotByMember, UserError, type Ctx } from '../handler.js';
import { pollMessages } from '../i18n/messages/polls.js';
import { taskOccurrencesBetween } from '../rota/scheduler-port.js';
import { pollJobs } from './jobs.js';
import { pollsSection } from './section.js';
import { msg, type Msg } from '../i18n/index.js';
import { scheduleToRRule } from '../scheduler/time.js';
import { cronSchedule } from '../rota/recurrence.js';
import { audit } from '../tenancy/queries.js';
import { normalise } from '../rota/match.js';
import { parsePollDefinition } from './rules.js';
import { oneDecimal, recordVote } from './service.js';

function complexOf(ctx: Ctx): number {
  if (!ctx.complex) throw new UserError(msg('core.error.notLinked'));
  return ctx.complex.id;
}

async function add(ctx: Ctx, text: string) {
  if (ctx.role !== 'coordinator') throw new UserError(msg('core.error.coordinatorOnly'));
  const parsed = parsePollDefinition(text);
  if (!parsed.ok) throw new UserError(msg(`polls.error.${parsed.error}`));
  const { name, question, options, schedule, area } = parsed.value;
  if (!scheduleToRRule(schedule)) throw new UserError(msg('polls.error.schedule'));
  const [row] = await ctx.db.insert(pollDefinitions).values({
    complexId: complexOf(ctx), name, question, options, schedule, area: area ?? null, createdAt: ctx.now, threshold: null,
    // A cron schedule ("0 10 1 * *") carries its own time of day.
    ...(cronSchedule(schedule) ? { time: cronSchedule(schedule)!.time } : {}),
  }).onConflictDoNothing().returning();
  if (!row) throw new UserError(msg('polls.error.exists', { name }));
  await audit(ctx.db, { complexId: row.complexId, actorPersonId: ctx.person.id, action: 'poll.define', data: { id: row.id, name }, at: ctx.now });
  return reply(msg('polls.added', { name, schedule }));
}

async function list(ctx: Ctx) {
  const rows = await ctx.db.select().from(pollDefinitions)
    .where(and(eq(pollDefinitions.complexId, complexOf(ctx)), eq(pollDefinitions.active, true))).orderBy(pollDefinitions.name);
  if (rows.length === 0) return reply(msg('polls.listEmpty'));
  return reply(rows.map((r) => msg('polls.listLine', { name: r.name, question: r.question, schedule: r.schedule ?? r.afterTask ?? '' })));
}

async function remove(ctx: Ctx, name: string) {
  if (ctx.role !== 'coordinator') throw new UserError(msg('core.error.coordinatorOnly'));
  const done = await ctx.db.update(pollDefinitions).set({ active: false })
    .where(and(eq(pollDefinitions.complexId, complexOf(ctx)), eq(pollDefinitions.name, name), eq(pollDefinitions.active, true)))
    .returning({ id: pollDefinitions.id });
  if (done.length === 0) throw new UserError(msg('polls.error.notFound', { name }));
  return reply(msg('polls.removed', { name }));
}

/** The time series: the latest closed results, per area (or one area). */
async function results(ctx: Ctx, area: string) {
  const rows = await ctx.db.select().from(pollInstances)
    .where(and(eq(pollInstances.complexId, complexOf(ctx)), area ? eq(pollInstances.area, area) : undefined))
    .orderBy(desc(pollInstances.openedAt)).limit(24);
  const closed = rows.filter((r) => r.closedAt && r.average !== null);
  if (closed.length === 0) return reply(msg('polls.seriesEmpty'));
  const tz = ctx.complex?.timezone ?? 'Europe/Amsterdam';
  const body: Msg[] = closed.map((r) => msg('polls.seriesLine', {
    date: new Intl.DateTimeFormat(ctx.lang === 'en' ? 'en-GB' : 'nl-NL', { timeZone: tz, dateStyle: 'short' }).format(r.openedAt),
    area: r.area ?? msg('polls.noArea'), average: oneDecimal(r.average!), votes: r.voteCount ?? 0,
  }));
  return reply(body);
}

/** "Wat is de uitslag van de peiling?", "poll results?": the results, as /peiling resultaten. */
const ASKS_RESULTS = /\b(uitslag(en)?|resultaten?|results?|scores?)\b.*\b(peiling(en)?|polls?|enquetes?|kwaliteitspeiling(en)?)\b|\b(peiling(en)?|polls?|enquetes?)\b.*\b(uitslag(en)?|resultaten?|results?)\b/;

export function asksPollResults(text: string): boolean {
  return ASKS_RESULTS.test(normalise(text));
}

export const pollsCapability: Capability = {
  name: 'polls',
  text: [async (ctx, text) => (saidToBotByMember(ctx) && asksPollResults(text) ? results(ctx, '') : null)],
  jobs: pollJobs(taskOccurrencesBetween),
  sections: [pollsSection],
  messages: [pollMessages],
  merge: [{
    columns: ['poll_votes.person_id'],
    async run(tx, from, into) {
      // Voted with both accounts: the newer vote counts (it is what the person thinks now).
      await tx.execute(sql`delete from poll_votes k using poll_votes v where k.person_id = ${into} and v.person_id = ${from}
        and k.instance_id = v.instance_id and v.voted_at > k.voted_at`);
      await tx.execute(sql`update poll_votes v set person_id = ${into} where v.person_id = ${from}
        and not exists (select 1 from poll_votes k where k.instance_id = v.instance_id and k.person_id = ${into})`);
      await tx.execute(sql`delete from poll_votes where person_id = ${from}`);
    },
  }],
  commands: [{
    names: { nl: ['peiling'], en: ['poll'] },
    help: 'polls.help',
    requires: 'complex',
    async run(ctx, args) {
      const [verb = ''] = args.split(/\s+/);
      const rest = args.slice(verb.length).trim();
      switch (verb.toLowerCase()) {
        case 'toevoegen': case 'add': case 'nieuw': case 'new': return add(ctx, rest);
        case 'verwijder': case 'remove': case 'delete': return remove(ctx, rest);
        case 'resultaten': case 'results': case 'uitslagen': return results(ctx, rest);
        case 'lijst': case 'list': case '': return list(ctx);
        default: throw new UserError(msg('polls.error.usage'));
      }
    },
  }],
  buttons: [{
    prefix: 'polls:v',
    requires: 'complex',
    async scope(ctx, [id]) {
      const [instance] = await ctx.db.select().from(pollInstances).where(eq(pollInstances.id, Number(id) || 0));
      return instance?.complexId ?? null;
    },
    async run(ctx, [id, option]) {
      const [instance] = await ctx.db.select().from(pollInstances).where(eq(pollInstances.id, Number(id)));
      if (!instance) throw new UserError(msg('core.error.buttonExpired'));
      const outcome = await recordVote(ctx.db, instance, ctx.person.id, Number(option), ctx.now);
      if (outcome === 'closed') throw new UserError(msg('polls.closed'));
      if (outcome !== 'ok') throw new UserError(msg('core.error.buttonNotForYou'));
      return reply(msg('polls.voted', { option: instance.options[Number(option)] ?? '' }), { ephemeral: true });
    },
  }],
  /** Native poll answers (Telegram poll_answer): counted for members of the poll's complex only. */
  async onEvent(ctx) {
    const event = ctx.event;
    if (event.kind !== 'poll_vote') return null;
    const [post] = await ctx.db.select().from(pollPosts)
      .where(and(eq(pollPosts.platform, event.chat.platform), eq(pollPosts.platformPollId, event.pollId)));
    if (!post) return null;
    const [instance] = await ctx.db.select().from(pollInstances).where(eq(pollInstances.id, post.instanceId));
    if (!instance) return null;
    const outcome = await recordVote(ctx.db, instance, ctx.person.id, event.optionIndexes[0] ?? null, ctx.now);
    if (outcome !== 'ok') ctx.log.info({ instanceId: instance.id, personId: ctx.person.id, outcome }, 'poll vote not counted');
    return null;
  },
};
