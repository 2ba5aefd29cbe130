import { inArray } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { outbox } from '../../src/db/schema/index.js';
import type { ChatPlatform } from '../../src/platform.js';

/** The two people of the contract: a group admin (becomes coordinator at setup) and a resident. Both write Dutch. */
export type Who = 'admin' | 'resident';
/** The group the bot was added to, or the person's direct chat with the bot. */
export type Place = 'group' | 'dm';

/** One message as the person sees it now (edits applied). */
export interface Seen {
  id: string;
  text: string;
  /** Button labels, row after row. */
  buttons: string[];
  edited: boolean;
  /** Shown to this person only (an ephemeral answer). */
  ephemeral: boolean;
  /** A native poll: its option labels. */
  pollOptions?: string[];
}

/**
 * One adapter with the real bot and the real outbox behind it, driven the way people use the
 * platform. The contract scenario (scenario.ts) is written against this and the ChatPlatform port
 * only; every adapter provides one world.
 */
export interface ContractWorld {
  readonly platform: ChatPlatform;
  readonly db: Db;
  /** A user types in a chat; resolves once the bot has handled it (answers sent or queued). */
  say(who: Who, where: Place, text: string): Promise<void>;
  /** Presses the newest button whose label contains `label`, visible to `who` in that chat. */
  press(who: Who, where: Place, label: string): Promise<void>;
  /** Votes on the newest native poll in the group. */
  vote(who: Who, option: number): Promise<void>;
  /** What `who` sees in a chat, oldest first. */
  seen(who: Who, where: Place): Seen[];
  /** The next message send (any chat) is refused by the platform with 429 and this retry-after. */
  failNextSend(retryAfterSeconds: number): void;
  /** Waits until the outbox has delivered everything queued. */
  settle(): Promise<void>;
  close(): Promise<void>;
  /**
   * The form open for `who` (platforms with forms: a Discord modal), its title and fields as shown;
   * null when none is open. Only worlds whose platform has `supports.modals`.
   */
  openForm?(who: Who): { title: string; fields: { label: string; value: string }[] } | null;
  /** Fills in the open form with these values (in field order) and submits it; resolves once the bot has handled it. */
  submitForm?(who: Who, values: string[]): Promise<void>;
  /** Requests the platform refused as malformed (fake servers that validate against the platform's API description). */
  refused?(): string[];
}

/** Waits until no outbox row is pending or being sent (the running worker delivers them). */
export async function outboxDrained(db: Db, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const open = await db.$count(outbox, inArray(outbox.state, ['pending', 'sending']));
    if (open === 0) return;
    if (Date.now() > until) throw new Error(`outbox still has ${open} undelivered rows`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The bot's clock in contract worlds is real time: the outbox honours retry_after in real time too. */
export const realTime = (): Date => new Date();
