import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import {
  chats, complexes, complexMembers, pollDefinitions, pollInstances, pollPosts, pollVotes, qualityAlerts,
} from '../db/schema/index.js';
import { DEFAULT_LANG, isLang, msg, render, type Lang, type Msg } from '../i18n/index.js';
import { enqueueNotices } from '../reports/notices.js';
import { openReport } from '../reports/service.js';
import type { Logger } from '../log.js';
import { enqueue, type OutboxItem } from '../outbox/queue.js';
import { PlatformError, type ChatPlatform } from '../platform.js';
import { isLowScore, tally } from './rules.js';
import { formatLongDateTime } from '../time/zone.js';

export type PollDefinition = typeof pollDefinitions.$inferSelect;
export type PollInstance = typeof pollInstances.$inferSelect;

export interface PollDeps {
  platforms: Map<string, ChatPlatform>; log: Logger;
  /** Throw on a rate limit or transient failure while stopping a native poll, so the close is retried. */
  retryPlatformClose?: boolean;
}


async function complexChats(db: Db, complexId: number) {
  return db.select({ chat: chats, language: complexes.language, timezone: complexes.timezone }).from(chats)
    .innerJoin(complexes, eq(complexes.id, chats.complexId))
    .where(and(eq(chats.complexId, complexId), eq(chats.purpose, 'complex'))).orderBy(chats.id);
}

/** The button version of a poll for one chat, as an outbox item. */
export function buttonPoll(def: PollDefinition, instance: PollInstance, chat: typeof chats.$inferSelect, lang: Lang, timezone: string): OutboxItem {
  return {
    platform: chat.platform, to: { chatId: chat.platformChatId }, key: `poll:${instance.id}:chat:${chat.id}`, topic: `poll:${instance.id}`,
    message: {
      lang, body: [msg('polls.question', { question: def.question }), msg('polls.closesAt', { when: formatLongDateTime(instance.closesAt, timezone, lang) })],
      buttons: def.options.map((o, i) => [{ label: msg('polls.option', { option: o }), action: `polls:v:${instance.id}:${i}` }]),
    },
  };
}

/**
 * Opens one period of a poll (once: the instance is unique per definition and period) and posts it
 * to every chat of the complex: a native poll where the platform reports voters, else buttons.
 */
export async function openPoll(tx: Db, def: PollDefinition, period: string, openedAt: Date, now: Date, deps: PollDeps): Promise<PollInstance | null> {
  const closesAt = new Date(openedAt.getTime() + def.windowHours * 3_600_000);
  const [instance] = await tx.insert(pollInstances).values({
    definitionId: def.id, complexId: def.complexId, period, area: def.area, question: def.question, options: def.options,
    openedAt: now, closesAt,
  }).onConflictDoNothing().returning();
  if (!instance) return null;
  for (const { chat, language, timezone } of await complexChats(tx, def.complexId)) {
    const lang: Lang = isLang(language) ? language : DEFAULT_LANG;
    const platform = deps.platforms.get(chat.platform);
    let notBefore: Date | undefined;
    // A native poll where the platform reports each voter to the bot; buttons elsewhere.
    if (platform?.supports.nativePolls) {
      try {
        // Telegram's open_period is at most 10 minutes, so the poll stays open and the bot closes it.
        const posted = await platform.postPoll(chat.platformChatId, {
          lang, question: msg('polls.question', { question: def.question }), options: def.options.map((o) => msg('polls.option', { option: o })),
        });
        await tx.insert(pollPosts).values({
          instanceId: instance.id, chatId: chat.id, platform: chat.platform, platformChatId: chat.platformChatId,
          messageId: posted.ref.messageId, platformPollId: posted.pollId,
        });
        continue;
      } catch (err) {
        // Native polls are sent directly (the outbox cannot return a poll id); when that fails the
        // chat gets the button version through the outbox instead, which is retried and paced.
        deps.log.warn({ err, chatId: chat.id, instanceId: instance.id }, 'native poll failed; posting buttons');
        // Rate limited: the button version, too, waits until the platform's retry_after has passed.
        if (err instanceof PlatformError && err.kind === 'rate_limited') notBefore = new Date(now.getTime() + (err.retryAfterMs ?? 1000));
      }
    }
    await enqueue(tx, { ...buttonPoll(def, instance, chat, lang, timezone), ...(notBefore ? { notBefore } : {}) }, now);
  }
  return instance;
}

/** One vote per person, changeable until close; an empty choice (retracted native vote) removes it. */
export async function recordVote(db: Db, instance: PollInstance, personId: number, option: number | null, now: Date): Promise<'ok' | 'closed' | 'not_member' | 'invalid'> {
  if (instance.closedAt || now >= instance.closesAt) return 'closed';
  const [member] = await db.select().from(complexMembers)
    .where(and(eq(complexMembers.complexId, instance.complexId), eq(complexMembers.personId, personId)));
  if (!member) return 'not_member';
  if (option === null) {
    await db.delete(pollVotes).where(and(eq(pollVotes.instanceId, instance.id), eq(pollVotes.personId, personId)));
    return 'ok';
  }
  if (!Number.isInteger(option) || option < 0 || option >= instance.options.length) return 'invalid';
  await db.insert(pollVotes).values({ instanceId: instance.id, personId, optionIndex: option, votedAt: now })
    .onConflictDoUpdate({ target: [pollVotes.instanceId, pollVotes.personId], set: { optionIndex: option, votedAt: now } });
  return 'ok';
}

/** A score with one decimal, written the way the reader's language writes it (4,3 / 4.3). */
export function oneDecimal(n: number): Msg {
  const tenths = Math.round(n * 10);
  return msg('polls.decimal', { whole: Math.trunc(tenths / 10), tenth: Math.abs(tenths % 10) });
}

export function resultBody(instance: PollInstance, counts: number[], votes: number, average: number | null): Msg[] {
  const body: Msg[] = [msg('polls.result', { question: instance.question })];
  if (votes === 0) return [...body, msg('polls.resultNone')];
  instance.options.forEach((option, i) => body.push(msg('polls.resultLine', { option, count: counts[i] ?? 0 })));
  body.push(msg('polls.resultAverage', { average: oneDecimal(average ?? 0), max: instance.options.length, votes }));
  return body;
}

/** The summary of a closed instance for one chat, as an outbox item. */
export function resultPost(instance: PollInstance, chat: typeof chats.$inferSelect, language: string, result: ReturnType<typeof tally>): OutboxItem {
  return {
    platform: chat.platform, to: { chatId: chat.platformChatId }, key: `poll:${instance.id}:result:${chat.id}`,
    topic: `poll:${instance.id}:result`,
    message: { lang: isLang(language) ? language : DEFAULT_LANG, body: resultBody(instance, result.counts, result.votes, result.average) },
  };
}

/** Closes an instance: stops native polls, stores the tally, posts the summary, alerts on a low score. */
export async function closePoll(tx: Db, instance: PollInstance, now: Date, deps: PollDeps): Promise<void> {
  for (const post of await tx.select().from(pollPosts).where(eq(pollPosts.instanceId, instance.id))) {
    const platform = deps.platforms.get(post.platform);
    if (!platform || !post.platformPollId) continue;
    await platform.closePoll({ chatId: post.platformChatId, messageId: post.messageId }, post.platformPollId).catch((err: unknown) => {
      // A poll left open on the platform keeps taking votes that no longer count: while the scheduler
      // may still retry (the whole close rolls back, so nothing is posted twice), a passing failure is retried.
      if (deps.retryPlatformClose && err instanceof PlatformError && err.kind !== 'permanent') throw err;
      deps.log.warn({ err, instanceId: instance.id }, 'closing native poll failed');
    });
  }
  const votes = await tx.select({ option: pollVotes.optionIndex }).from(pollVotes).where(eq(pollVotes.instanceId, instance.id));
  const result = tally(instance.options.length, votes.map((v) => v.option));
  await tx.update(pollInstances).set({ closedAt: now, counts: result.counts, voteCount: result.votes, average: result.average })
    .where(eq(pollInstances.id, instance.id));
  for (const { chat, language } of await complexChats(tx, instance.complexId)) {
    await enqueue(tx, resultPost(instance, chat, language, result), now);
  }
  const [def] = await tx.select().from(pollDefinitions).where(eq(pollDefinitions.id, instance.definitionId));
  if (def) await alertIfLow(tx, instance, def, result, now, deps);
}

/** A low score is a quality alert and a private report for the coordinators (once per instance). */
export async function alertIfLow(tx: Db, instance: PollInstance, def: PollDefinition, result: ReturnType<typeof tally>, now: Date, deps: PollDeps): Promise<void> {
  if (!isLowScore(result.average, def.threshold)) return;
  const [alert] = await tx.insert(qualityAlerts).values({
    complexId: instance.complexId, instanceId: instance.id, area: instance.area, average: result.average!, threshold: def.threshold!, createdAt: now,
  }).onConflictDoNothing().returning();
  if (!alert) return;
  // A low score is a report for the coordinators (private: a score is no neighbour's business).
  const [complex] = await tx.select().from(complexes).where(eq(complexes.id, instance.complexId));
  const lang = isLang(complex?.language) ? complex.language : DEFAULT_LANG;
  const text = render(lang, msg('polls.alert', {
    area: instance.area ?? msg('polls.noArea'), average: oneDecimal(result.average!),
    threshold: Number.isInteger(def.threshold) ? String(def.threshold) : oneDecimal(def.threshold!), question: instance.question,
  }));
  const { notices } = await openReport(tx, {
    complexId: instance.complexId, reporterPersonId: null, text, category: 'other', location: instance.area, visibility: 'private', source: 'poll', now,
  });
  await enqueueNotices(tx, notices, `quality-alert:${alert.id}`, [...deps.platforms.keys()], now, complex?.language);
}
