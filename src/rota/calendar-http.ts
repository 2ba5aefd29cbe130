import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '../db/client.js';
import { buildFeed, FEED_PREFIX } from './calendar.js';

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Serves the calendar feeds on the bot's HTTP server: GET /calendar/<token>.ics. Returns false when
 * the path is not a feed path (the server tries its other routes), true when it answered.
 */
export async function handleCalendarRequest(req: IncomingMessage, res: ServerResponse, db: Db, now: () => Date = () => new Date()): Promise<boolean> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (!path.startsWith(FEED_PREFIX)) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return true;
  }
  const token = path.slice(FEED_PREFIX.length).replace(/\.ics$/, '');
  const body = TOKEN.test(token) ? await buildFeed(db, token, now()) : null;
  if (body === null) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    return true;
  }
  res.writeHead(200, {
    'content-type': 'text/calendar; charset=utf-8',
    'cache-control': 'private, max-age=300',
    'content-disposition': 'inline; filename="rooster.ics"',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
