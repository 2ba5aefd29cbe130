import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../src/log.js';
import { HandleLaterError } from '../../src/platform.js';
import type { TgUpdate } from './inbound.js';

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
const MAX_BODY_BYTES = 1 << 20;

/**
 * Without a configured secret every instance derives the same one from the token: unguessable
 * without the token, and identical across instances (a random one per instance would make the
 * last instance to start the only one whose requests pass).
 */
export function derivedWebhookSecret(token: string): string {
  return createHash('sha256').update(`zelfbeheer-bot webhook secret\n${token}`).digest('base64url');
}

function sameSecret(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function answer(res: ServerResponse, status: number, body = ''): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(body || JSON.stringify({ ok: status === 200 }));
}

export interface WebhookTarget {
  secret: string;
  log: Logger;
  /** False until the platform has started: Telegram keeps the update and retries. */
  ready(): boolean;
  /** Handles the update; rejects with HandleLaterError when it must be delivered again. */
  handle(update: TgUpdate): Promise<void>;
  /** How long the answer waits for the handling (default 20 s); then 503, and handling goes on. */
  answerWithinMs?: number | undefined;
}

/**
 * The node:http handler for the webhook path. A wrong or missing secret gets 401 before the body
 * is read. The answer waits until the update is handled (its effects and answers committed): 200
 * then, 503 when it must be handled later (database unavailable) so Telegram delivers it again.
 * Handling that takes longer than `answerWithinMs` also gets 503 and goes on: the redelivery waits
 * on the first attempt's dedupe mark and is dropped as a duplicate if that attempt committed.
 */
export function createWebhookHandler(target: WebhookTarget): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      answer(res, 405);
      return;
    }
    if (!sameSecret(req.headers[SECRET_HEADER], target.secret)) {
      target.log.warn({ ip: req.socket.remoteAddress }, 'telegram webhook: wrong or missing secret token');
      answer(res, 401);
      req.resume();
      return;
    }
    if (!target.ready()) {
      answer(res, 503);
      req.resume();
      return;
    }
    const body = await readBody(req);
    if (!body) {
      answer(res, 413);
      return;
    }
    let update: TgUpdate;
    try {
      update = JSON.parse(body.toString('utf8')) as TgUpdate;
      if (typeof update?.update_id !== 'number') throw new Error('no update_id');
    } catch (err) {
      target.log.warn({ err }, 'telegram webhook: body is not an update');
      answer(res, 400);
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      target.handle(update).then(() => 200, (err: unknown) => {
        if (!(err instanceof HandleLaterError)) target.log.error({ err, updateId: update.update_id }, 'telegram webhook: update failed');
        return err instanceof HandleLaterError ? 503 : 200;
      }),
      new Promise<number>((resolve) => { timer = setTimeout(() => resolve(503), target.answerWithinMs ?? 20_000); }),
    ]);
    clearTimeout(timer);
    answer(res, outcome);
  };
}
