import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { buildCtx, chatLang, type CtxShared } from './bot/context.js';
import { repliesToItems, replyTargetOf } from './bot/delivery.js';
import { createRouter } from './bot/routing.js';
import { isDatabaseUnavailable, isRetryableConflict } from './bot/transient.js';
import { mergeRules, planSections, type Capability } from './capability.js';
import type { Db } from './db/client.js';
import { pipelinedTransaction } from './db/pipelined.js';
import { chats } from './db/schema/index.js';
import { markUpdateProcessed } from './tenancy/queries.js';
import { UserError, type CommandDef, type Ctx, type HandlerResult } from './handler.js';
import { DEFAULT_LANG, langFromTag, msg, type Lang } from './i18n/index.js';
import type { Logger } from './log.js';
import { queueImmediate } from './outbox/immediate.js';
import type { OutboxRow } from './outbox/queue.js';
import { createSentMarks, type SentMarks } from './outbox/sent-marks.js';
import { createOutboxWorker } from './outbox/worker.js';
import { HandleLaterError, type ChatPlatform, type InboundEvent, type InboundKind } from './platform.js';

export interface BotOptions {
  db: Db;
  log: Logger;
  capabilities: readonly Capability[];
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** Called once per inbound event after it is handled (metrics). */
  onHandled?: (info: HandledInfo) => void;
  /** Called when an answer was queued behind others (429 block, older messages): wake the outbox worker. */
  onQueued?: () => void;
}

export type HandleOutcome = 'ok' | 'user_error' | 'error' | 'duplicate' | 'ignored' | 'later';
export interface HandledInfo { platform: string; kind: InboundKind; outcome: HandleOutcome; seconds: number }

export interface Bot {
  /**
   * Handles one inbound event: its effects, its dedupe mark and its answers commit together, then the
   * answers are sent. Throws only HandleLaterError (database unavailable): the adapter must then not
   * acknowledge the event, so that it is delivered again.
   */
  handle(platform: ChatPlatform, event: InboundEvent): Promise<void>;
  /** Platforms by name, so replies to other people/chats can cross platforms. */
  platforms: Map<string, ChatPlatform>;
  commands: CommandDef[];
  /** Writes the "sent" marks still waiting (sent-marks.ts): at shutdown after the platforms stopped, in tests before reading rows. */
  flush(): Promise<void>;
  /** The marks themselves: give them to the outbox worker, which writes them before it looks for due rows. */
  sentMarks: SentMarks;
}

/** How often an event that collided with another transaction (deadlock, serialization) is run again at once. */
const CONFLICT_RETRIES = 3;
/** One "temporarily unavailable" notice per chat in this window while the database is away. */
const UNAVAILABLE_NOTICE_MS = 60_000;

interface Refusal { result: HandlerResult | null; outcome: HandleOutcome }

/** Carries a handler's refusal out of its transaction, so that everything the handler did rolls back. */
class RefusedSignal extends Error {
  constructor(readonly refusal: Refusal) {
    super('handler refused');
  }
}

export function createBot(opts: BotOptions): Bot {
  const { db, log, capabilities } = opts;
  const now = opts.now ?? (() => new Date());
  const router = createRouter(capabilities, log);
  const shared: CtxShared = { commands: router.commands, sections: planSections(capabilities), mergeRules: mergeRules(capabilities) };
  const platforms = new Map<string, ChatPlatform>();
  // Sends the answers written in an event's transaction right after it commits (no pacing; 429 honoured).
  const sentMarks = createSentMarks(db, log);
  const sender = createOutboxWorker({ db, log, platforms, clock: now, sentMarks });
  const unavailableNoticeAt = new Map<string, number>();

  /** What a refused or failed handler answers; database trouble is thrown on (the event is tried again). */
  function refusalOf(ctx: Ctx, err: unknown): Refusal {
    const { event } = ctx;
    if (err instanceof UserError) {
      return { result: { body: [err.reply, ...err.extra], ephemeral: ctx.platform.supports.ephemeral }, outcome: 'user_error' };
    }
    if (isDatabaseUnavailable(err) || isRetryableConflict(err)) throw err;
    ctx.log.error({ err, userId: event.user.userId,
      ...(event.kind === 'command' ? { command: event.command } : {}),
      ...(event.kind === 'button' ? { action: event.action } : {}) }, 'handler failed');
    return { result: { body: [msg('core.error.unexpected')] }, outcome: 'error' };
  }

  /**
   * One attempt: dedupe mark, context, handler, answers — one transaction. Returns the answers to send now.
   * A refused or failed handler rolls it all back (no savepoint on the common path), and the event is
   * written again with only its refusal: `refused` then stands in for the handler.
   */
  async function attempt(platform: ChatPlatform, event: InboundEvent, elog: Logger, refused?: Refusal): Promise<{ outcome: HandleOutcome; leased: OutboxRow[]; lang: Lang }> {
    const done = await pipelinedTransaction(db, async (tx) => {
      const at = now();
      // The dedupe mark, the context and a button's scope travel together: one round trip.
      const scope = refused ? undefined : router.prefetchScope({ db: tx, now: at }, event);
      const [fresh, { ctx, busy }] = await Promise.all([
        event.updateId ? markUpdateProcessed(tx, event.chat.platform, event.updateId) : true,
        buildCtx(tx, platform, event, at, elog, shared),
      ]);
      if (!fresh) return { outcome: 'duplicate' as HandleOutcome, leased: Promise.resolve<OutboxRow[]>([]), lang: DEFAULT_LANG, written: 0 };
      let handled: Refusal;
      if (refused) handled = refused;
      else {
        try {
          handled = { result: await router.route(ctx, scope), outcome: 'ok' };
        } catch (err) {
          throw new RefusedSignal(refusalOf(ctx, err));
        }
      }
      const keyPrefix = `ev:${event.chat.platform}:${event.updateId ?? randomUUID()}`;
      const items = await repliesToItems(ctx, handled.result, keyPrefix, platforms);
      const { leased } = await queueImmediate(tx, items, at, busy ? { known: busy } : {});
      return { outcome: handled.outcome, leased, lang: chatLang(ctx), written: items.length };
    });
    // Committed: the answers' rows are known now.
    const leased = await done.leased;
    if (leased.length < done.written) opts.onQueued?.();
    return { outcome: done.outcome, leased, lang: done.lang };
  }

  /** The database is away: say so once (straight to the platform; nothing can be queued), then hand the event back. */
  async function noticeUnavailable(platform: ChatPlatform, event: InboundEvent, elog: Logger): Promise<void> {
    if (event.kind !== 'command' && event.kind !== 'button' && !(event.kind === 'text' && event.addressedToBot)) return;
    const key = `${platform.name}:${event.chat.chatId}`;
    const last = unavailableNoticeAt.get(key);
    if (last !== undefined && Date.now() - last < UNAVAILABLE_NOTICE_MS) return;
    unavailableNoticeAt.set(key, Date.now());
    if (unavailableNoticeAt.size > 10_000) unavailableNoticeAt.delete(unavailableNoticeAt.keys().next().value!);
    const lang = langFromTag(event.user.language) ?? DEFAULT_LANG;
    await platform.respond(replyTargetOf({ event }), { lang, body: [msg('core.unavailable')] }, 'reply')
      .catch((err: unknown) => elog.warn({ err }, 'could not send the unavailable notice'));
  }

  async function handle(platform: ChatPlatform, event: InboundEvent): Promise<void> {
    if (!platforms.has(platform.name)) platforms.set(platform.name, platform);
    const started = performance.now();
    // Every line logged while handling this event says where it came from.
    const elog = log.child({ platform: platform.name, chatId: event.chat.chatId, updateId: event.updateId, kind: event.kind });
    let outcome: HandleOutcome = 'ok';
    try {
      if (event.kind === 'chat_migrated') {
        await db.update(chats).set({ platformChatId: event.newChatId })
          .where(and(eq(chats.platform, event.chat.platform), eq(chats.platformChatId, event.chat.chatId)));
        return;
      }
      if (event.user.isBot && event.kind !== 'member_joined' && event.kind !== 'member_left') {
        outcome = 'ignored';
        return;
      }
      let leased: OutboxRow[] = [];
      let refused: Refusal | undefined;
      for (let tries = 1; ; tries++) {
        try {
          ({ outcome, leased } = await attempt(platform, event, elog, refused));
          break;
        } catch (err) {
          if (err instanceof RefusedSignal) {
            refused = err.refusal;
            tries--;
            continue;
          }
          if (!isRetryableConflict(err) || tries >= CONFLICT_RETRIES) throw err;
        }
      }
      if (leased.length > 0 && (await sender.deliverLeased(leased)).queued > 0) opts.onQueued?.();
    } catch (err) {
      if (isDatabaseUnavailable(err)) {
        outcome = 'later';
        elog.warn({ err }, 'database unavailable: event handed back for redelivery');
        await noticeUnavailable(platform, event, elog);
        throw new HandleLaterError(err);
      }
      // A failure outside any handler (e.g. building the context): logged; the event is not retried.
      outcome = 'error';
      elog.error({ err }, 'event failed');
    } finally {
      opts.onHandled?.({ platform: platform.name, kind: event.kind, outcome, seconds: (performance.now() - started) / 1000 });
    }
  }

  return { handle, platforms, commands: router.commands, flush: () => sentMarks.flush(), sentMarks };
}
