import { capabilities } from '../../../src/capabilities.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { people, pollDefinitions, pollInstances, pollPosts, pollVotes } from '../../../src/db/schema/index.js';
import { silentLogger } from '../../../src/log.js';
import { createOutboxWorker, type OutboxWorker } from '../../../src/outbox/worker.js';
import { createScheduler } from '../../../src/scheduler/engine.js';
import { schedulerJobs } from '../../../src/scheduler/jobs.js';
import type { FakeChat } from '../../support/fake-telegram/server.js';
import { anna, bram, chloe, daan, linkedGroup, telegramWorld, type TelegramWorld } from './setup.js';


/**
 * A quality poll as a Telegram group sees it: a native, non-anonymous poll sent by the scheduler,
 * answered through poll_answer updates, stopped at the end of its window, results in the group.
 */
describe('quality poll through the real Telegram adapter (telegraf ↔ fake Bot API, real PostgreSQL)', () => {
  let w: TelegramWorld;
  let group: FakeChat;
  let worker: OutboxWorker;
  let scheduler: ReturnType<typeof createScheduler>;

  beforeAll(async () => {
    w = await telegramWorld({ outboxWorker: false }); // Sunday 22 November 2026, 10:00 UTC
    const db = w.database.db;
    ({ group } = await linkedGroup(w, [bram, chloe, daan]));
    const platforms = new Map([['telegram', w.platform]]);
    // schedulerJobs(capabilities): Telegram is a platform with native polls.
    scheduler = createScheduler({ db, log: silentLogger, platforms, jobs: schedulerJobs(capabilities), firstLookbackMs: 0 });
    worker = createOutboxWorker({ db, log: silentLogger, platforms, clock: () => w.clock.now, concurrency: 1 });
    await scheduler.tick(w.clock.now);
  });
  afterAll(async () => { await w.close(); });

  async function at(iso: string): Promise<void> {
    w.clock.now = new Date(iso);
    await scheduler.tick(w.clock.now);
    for (let i = 0; i < 10 && (await worker.runOnce()).sent > 0; i++) { /* drain what is due */ }
  }

  it('posted as a native poll, answered by three (one changes), closed with stopPoll, results stored and posted', async () => {
    await w.fake.say(anna, group, '/peiling toevoegen Trap; Hoe schoon is het trappenhuis?; 1, 2, 3, 4, 5; elke maandag; trappenhuis');
    expect(w.fake.lastIn(group)!.text).toBe('Peiling "Trap" toegevoegd (elke maandag).');
    const [def] = await w.database.db.select().from(pollDefinitions);
    expect(def).toMatchObject({ name: 'Trap', options: ['1', '2', '3', '4', '5'], area: 'trappenhuis' });

    // Monday 23 November, 10:00 Amsterdam: not a minute before.
    await at('2026-11-23T08:59:00Z');
    expect(w.fake.callsOf('sendPoll')).toEqual([]);
    await at('2026-11-23T09:00:00Z');
    const sent = w.fake.callsOf('sendPoll');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ chat_id: String(group.id), question: '📋 Hoe schoon is het trappenhuis?', is_anonymous: false });
    const polls = [...w.fake.state.polls.values()];
    expect(polls).toMatchObject([{ chatId: group.id, options: ['1', '2', '3', '4', '5'], isAnonymous: false, closed: false }]);
    const poll = polls[0]!;
    const [instance] = await w.database.db.select().from(pollInstances);
    const [post] = await w.database.db.select().from(pollPosts);
    expect(post).toMatchObject({ instanceId: instance!.id, platform: 'telegram', platformChatId: String(group.id),
      messageId: String(poll.messageId), platformPollId: poll.id });

    // Three residents answer; Daan changes his mind (Telegram sends a new poll_answer).
    await w.fake.vote(bram, poll.id, [3]);
    await w.fake.vote(chloe, poll.id, [4]);
    await w.fake.vote(daan, poll.id, [1]);
    await w.fake.vote(daan, poll.id, [3]);
    const votes = await w.database.db.select({ name: people.displayName, option: pollVotes.optionIndex }).from(pollVotes)
      .innerJoin(people, eq(people.id, pollVotes.personId)).orderBy(asc(people.displayName));
    expect(votes).toEqual([{ name: 'Bram Jansen', option: 3 }, { name: 'Chloé Martin', option: 4 }, { name: 'Daan Bakker', option: 3 }]);

    // A day before the close: a reminder in the group (through the outbox), with the votes so far.
    await at('2026-11-25T09:00:00Z');
    expect(w.fake.lastIn(group)!.text).toBe('⏰ Nog een dag om te stemmen: Hoe schoon is het trappenhuis? (3 stemmen tot nu toe).');
    expect(w.fake.callsOf('stopPoll')).toEqual([]);

    // Thursday 10:00: the poll is stopped on Telegram, the tally stored, the summary posted.
    const before = w.fake.sentTo(group).length;
    await at('2026-11-26T09:00:00Z');
    expect(w.fake.callsOf('stopPoll')).toEqual([{ chat_id: String(group.id), message_id: poll.messageId }]);
    expect(w.fake.state.polls.get(poll.id)!.closed).toBe(true);
    const [closed] = await w.database.db.select().from(pollInstances).where(eq(pollInstances.id, instance!.id));
    expect(closed).toMatchObject({ counts: [0, 0, 0, 2, 1], voteCount: 3, average: 4.33, area: 'trappenhuis',
      closedAt: new Date('2026-11-26T09:00:00Z') });
    expect(w.fake.sentTo(group).slice(before).map((m) => m.text)).toEqual([
      '📊 Uitslag: Hoe schoon is het trappenhuis?\n1: 0\n2: 0\n3: 0\n4: 2\n5: 1\nGemiddeld 4,3 (van 1 tot 5), 3 stemmen.',
    ]);

    // A late answer is not counted; later ticks post nothing again.
    await w.fake.vote(bram, poll.id, [0]);
    await at('2026-11-26T10:00:00Z');
    expect(w.fake.sentTo(group)).toHaveLength(before + 1);
    expect(w.fake.callsOf('stopPoll')).toHaveLength(1);
    const [again] = await w.database.db.select().from(pollInstances).where(eq(pollInstances.id, instance!.id));
    expect(again!.counts).toEqual([0, 0, 0, 2, 1]);
    expect((await w.database.db.select().from(pollVotes)).find((v) => v.optionIndex === 0)).toBeUndefined();

    // The series, in the reader's notation: the group's Dutch, Chloé's English in her own chat.
    await w.fake.say(anna, group, '/peiling resultaten trappenhuis');
    expect(w.fake.lastIn(group)!.text).toBe('23-11-2026 trappenhuis: 4,3 (3 stemmen)');
    const chloeDm = w.fake.privateChat(chloe);
    await w.fake.say(chloe, chloeDm, '/poll results trappenhuis');
    expect(w.fake.lastIn(chloeDm)!.text).toBe('23/11/2026 trappenhuis: 4.3 (3 votes)');
  });

  it('a 429 on stopPoll at close: the close is retried a minute later, the poll stops and the results are posted once', async () => {
    await w.fake.say(anna, group, '/peiling verwijder Trap');
    await w.fake.say(anna, group, '/peiling toevoegen Tuin; Hoe ziet de tuin eruit?; slecht, matig, goed; elke dinsdag; tuin');
    await at('2026-12-01T09:00:00Z'); // Tuesday 10:00 Amsterdam
    const poll = [...w.fake.state.polls.values()].at(-1)!;
    expect(poll).toMatchObject({ question: '📋 Hoe ziet de tuin eruit?', closed: false });
    await w.fake.vote(bram, poll.id, [2]);
    await w.fake.vote(chloe, poll.id, [1]);

    // Friday 10:00 the window ends, but Telegram answers stopPoll with 429.
    w.fake.fail('stopPoll', 429, { retryAfter: 5 });
    const before = w.fake.sentTo(group).length;
    await at('2026-12-04T09:00:00Z');
    expect(w.fake.calls.filter((c) => c.method === 'stopPoll').at(-1)).toMatchObject({ failedWith: 429 });
    expect(poll.closed).toBe(false);
    const [pending] = await w.database.db.select().from(pollInstances).where(eq(pollInstances.question, 'Hoe ziet de tuin eruit?'));
    expect(pending!.closedAt).toBeNull();
    expect(w.fake.sentTo(group)).toHaveLength(before);
    // Votes after the end of the window do not count, also while the close is pending.
    await w.fake.vote(daan, poll.id, [0]);

    await at('2026-12-04T09:01:00Z');
    expect(w.fake.state.polls.get(poll.id)!.closed).toBe(true);
    const [closed] = await w.database.db.select().from(pollInstances).where(eq(pollInstances.id, pending!.id));
    expect(closed).toMatchObject({ counts: [0, 1, 1], voteCount: 2, average: 2.5, closedAt: new Date('2026-12-04T09:01:00Z') });
    expect(w.fake.sentTo(group).slice(before).map((m) => m.text)).toEqual([
      '📊 Uitslag: Hoe ziet de tuin eruit?\nslecht: 0\nmatig: 1\ngoed: 1\nGemiddeld 2,5 (van 1 tot 3), 2 stemmen.',
    ]);
    await at('2026-12-04T09:05:00Z');
    expect(w.fake.sentTo(group)).toHaveLength(before + 1);
  });

  it('when stopPoll keeps failing, the third attempt closes the poll without it: results are not held back', async () => {
    await w.fake.say(anna, group, '/peiling verwijder Tuin');
    await w.fake.say(anna, group, '/peiling toevoegen Hal; Is de hal opgeruimd?; nee, ja; elke woensdag');
    await at('2026-12-09T09:00:00Z');
    const poll = [...w.fake.state.polls.values()].at(-1)!;
    expect(poll).toMatchObject({ question: '📋 Is de hal opgeruimd?', closed: false });
    await w.fake.vote(daan, poll.id, [1]);
    w.fake.fail('stopPoll', 429, { retryAfter: 30, times: 3 });
    const before = w.fake.sentTo(group).length;
    await at('2026-12-12T09:00:00Z');
    await at('2026-12-12T09:01:00Z');
    expect(w.fake.sentTo(group)).toHaveLength(before);
    await at('2026-12-12T09:03:00Z');
    expect(w.fake.calls.filter((c) => c.method === 'stopPoll').slice(-3).map((c) => c.failedWith)).toEqual([429, 429, 429]);
    const [closed] = await w.database.db.select().from(pollInstances).where(eq(pollInstances.question, 'Is de hal opgeruimd?'));
    expect(closed).toMatchObject({ counts: [0, 1], voteCount: 1, closedAt: new Date('2026-12-12T09:03:00Z') });
    expect(w.fake.sentTo(group).slice(before).map((m) => m.text)).toEqual([
      '📊 Uitslag: Is de hal opgeruimd?\nnee: 0\nja: 1\nGemiddeld 2,0 (van 1 tot 2), 1 stem.',
    ]);
  });

  it('a 429 on sendPoll: the group gets the button version through the outbox; a press votes and is confirmed privately', async () => {
    await w.fake.say(anna, group, '/peiling verwijder Hal');
    await w.fake.say(anna, group, '/peiling toevoegen Fietsen; Staan de fietsen netjes?; nee, ja; elke maandag');
    w.fake.fail('sendPoll', 429, { retryAfter: 2 });
    const pollsBefore = w.fake.state.polls.size;
    const before = w.fake.sentTo(group).length;
    await at('2026-12-14T09:00:00Z');
    expect(w.fake.state.polls.size).toBe(pollsBefore);
    // Telegram said: retry after 2 s. The button version waits for that too.
    expect(w.fake.sentTo(group)).toHaveLength(before);
    w.clock.now = new Date('2026-12-14T09:00:02Z');
    expect(await worker.runOnce()).toEqual({ sent: 1, nextAt: null });
    const posted = w.fake.lastIn(group)!;
    expect(posted.text).toBe('📋 Staan de fietsen netjes?\nStemmen kan tot donderdag 17 december om 10:00. Je kunt je stem veranderen.');
    expect(posted.buttons.flat().map((b) => b.text)).toEqual(['nee', 'ja']);
    const groupBefore = w.fake.sentTo(group).length;
    const [bramDm, chloeDm] = [w.fake.privateChat(bram), w.fake.privateChat(chloe)];
    await w.fake.press(bram, group, 'ja');
    await w.fake.press(chloe, group, 'nee');
    await w.fake.press(chloe, group, 'ja'); // changed her mind
    expect([...w.fake.state.callbacks.values()].every((q) => q.answered)).toBe(true);
    // The confirmation is for the voter only: by DM, in their language.
    expect(w.fake.sentTo(bramDm).map((m) => m.text)).toEqual(['Je stem is genoteerd: ja.']);
    expect(w.fake.sentTo(chloeDm).slice(-2).map((m) => m.text)).toEqual(['Your vote is in: nee.', 'Your vote is in: ja.']);
    expect(w.fake.sentTo(group)).toHaveLength(groupBefore);
    await at('2026-12-17T09:00:00Z');
    expect(w.fake.lastIn(group)!.text).toBe('📊 Uitslag: Staan de fietsen netjes?\nnee: 0\nja: 2\nGemiddeld 2,0 (van 1 tot 2), 2 stemmen.');
  });
});
