import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Logger } from '../log.js';

/** A row that reached its chat: to be marked sent (if its claim is still the one that sent it). */
export interface SentMark {
  id: number;
  claimToken: string;
  sentAt: Date;
  attempts: number;
  ref: { chatId: string; messageId: string } | null;
}

export interface SentMarks {
  add(mark: SentMark): void;
  /** Writes what is waiting now (at shutdown, and in tests that read the rows). */
  flush(): Promise<void>;
}

/** How long a mark waits for others to be written with it, and how many go in one statement. */
const DELAY_MS = 20;
const MAX_BATCH = 200;

/**
 * "Sent" marks for answers delivered right after their event, written together: one statement for all
 * answers delivered within DELAY_MS instead of one round trip per answer. Until then a row stays leased
 * ('sending'), so no worker takes it; if the process dies first, the lease runs out and the answer is
 * sent again — as when it dies between sending and marking, only that window is DELAY_MS longer.
 */
export function createSentMarks(db: Db, log: Logger): SentMarks {
  let waiting: SentMark[] = [];
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();

  async function write(marks: SentMark[]): Promise<void> {
    const rows = sql.join(marks.map((m) => sql`(${m.id}::bigint, ${m.claimToken}::text, ${m.sentAt.toISOString()}::timestamptz,
      ${m.attempts}::int, ${m.ref?.chatId ?? null}::text, ${m.ref?.messageId ?? null}::text)`), sql`, `);
    await db.execute(sql`update outbox o set state = 'sent', sent_at = v.sent_at, attempts = v.attempts, last_error = null,
        lease_until = null, sent_chat_id = coalesce(v.chat_id, o.sent_chat_id), sent_message_id = coalesce(v.message_id, o.sent_message_id)
      from (values ${rows}) as v(id, claim_token, sent_at, attempts, chat_id, message_id)
      where o.id = v.id and o.claim_token = v.claim_token`);
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const marks = waiting;
    waiting = [];
    if (marks.length > 0) {
      // One statement at a time, in order; a failure leaves the rows leased, to be sent again after the lease.
      writing = writing.then(() => write(marks)).catch((err: unknown) => {
        log.warn({ err, rows: marks.length }, 'could not mark delivered answers as sent');
      });
    }
    return writing;
  }

  return {
    add(mark) {
      waiting.push(mark);
      if (waiting.length >= MAX_BATCH) void flush();
      else if (!timer) {
        timer = setTimeout(() => void flush(), DELAY_MS);
        // Not a reason to keep the process running; shutdown flushes.
        timer.unref();
      }
    },
    flush,
  };
}
