import { createServer } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot.js';
import { capabilities } from '../../src/capabilities.js';
import { createMetrics } from '../../src/http/metrics.js';
import { createHttpServer, HttpError, readBody, type HttpServer } from '../../src/http/server.js';
import { silentLogger } from '../../src/log.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { anna } from '../support/harness.js';
import { FakePlatform } from '../support/fake-platform.js';

describe('HTTP server: health, readiness, metrics and mounted routes', () => {
  let database: TestDatabase;
  let http: HttpServer;
  let base: string;
  const metrics = createMetrics();
  /** The database /readyz asks; the last test swaps in a closed one. */
  let checked: TestDatabase;

  beforeAll(async () => {
    database = await testDatabase();
    checked = database;
    http = createHttpServer({
      log: silentLogger, metrics, readyTimeoutMs: 500,
      ready: async () => {
        await checked.db.execute(sql`select 1`);
        return true;
      },
    });
    http.registerRoute('GET', '/ical', (_req, res, url) => { res.end(`feed ${url.pathname}`); });
    http.registerRoute('POST', '/telegram/hook', async (req, res) => { res.end(`got ${(await readBody(req, 10)).length}`); });
    http.registerRoute('GET', '/boom', () => { throw new Error('secret detail'); });
    http.registerRoute('GET', '/teapot', () => { throw new HttpError(418, 'short and stout'); });
    const port = await http.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await http.close();
    await database.close();
  });

  it('/healthz answers while the process lives; /readyz when the database answers select 1', async () => {
    const health = await fetch(`${base}/healthz`);
    expect([health.status, await health.text()]).toEqual([200, 'ok\n']);
    const ready = await fetch(`${base}/readyz`);
    expect([ready.status, await ready.text()]).toEqual([200, 'ready\n']);
  });

  it('/metrics has the default Node.js metrics and counts handled events by platform, kind and outcome', async () => {
    const bot = createBot({ db: database.db, log: silentLogger, capabilities, onHandled: (info) => metrics.eventHandled(info) });
    const fake = new FakePlatform(bot);
    await fake.say(anna, 'dm:u-anna', '/help');
    await fake.say(anna, 'dm:u-anna', '/taal klingon'); // a UserError: answered, counted as user_error
    await fake.inject({ kind: 'text', text: 'x', addressedToBot: true, updateId: 'u1', chat: { platform: 'fake', chatId: 'dm:u-anna', isDirect: true },
      user: { platform: 'fake', userId: 'u-anna', displayName: 'Anna' } });
    await fake.inject({ kind: 'text', text: 'x', addressedToBot: true, updateId: 'u1', chat: { platform: 'fake', chatId: 'dm:u-anna', isDirect: true },
      user: { platform: 'fake', userId: 'u-anna', displayName: 'Anna' } });
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const body = await res.text();
    expect(body).toContain('process_cpu_user_seconds_total');
    expect(body).toContain('zelfbeheer_inbound_events_total{platform="fake",kind="command",outcome="ok"} 1');
    expect(body).toContain('zelfbeheer_inbound_events_total{platform="fake",kind="command",outcome="user_error"} 1');
    expect(body).toContain('zelfbeheer_inbound_events_total{platform="fake",kind="text",outcome="ok"} 1');
    expect(body).toContain('zelfbeheer_inbound_events_total{platform="fake",kind="text",outcome="duplicate"} 1');
    expect(body).toMatch(/zelfbeheer_inbound_event_duration_seconds_count\{platform="fake",kind="command"\} 2/);
  });

  it('serves mounted routes by longest prefix; 404, 405, and errors without details', async () => {
    expect(await (await fetch(`${base}/ical/3.ics`)).text()).toBe('feed /ical/3.ics');
    expect((await fetch(`${base}/icalendar`)).status).toBe(404);
    const wrongMethod = await fetch(`${base}/ical`, { method: 'POST' });
    expect([wrongMethod.status, wrongMethod.headers.get('allow')]).toEqual([405, 'GET']);
    expect(await (await fetch(`${base}/telegram/hook`, { method: 'POST', body: '12345' })).text()).toBe('got 5');
    const tooBig = await fetch(`${base}/telegram/hook`, { method: 'POST', body: 'x'.repeat(11) });
    expect([tooBig.status, await tooBig.text()]).toEqual([413, 'request body larger than 10 bytes\n']);
    const boom = await fetch(`${base}/boom`);
    expect([boom.status, await boom.text()]).toEqual([500, 'internal error\n']);
    expect((await fetch(`${base}/teapot`)).status).toBe(418);
    expect(() => http.registerRoute('GET', '/ical', () => {})).toThrow(/already registered/);
  });

  it('a taken port is reported to the caller (the console then only warns)', async () => {
    const other = createHttpServer({ log: silentLogger, ready: async () => true });
    const port = Number(new URL(base).port);
    await expect(other.listen(port, '127.0.0.1')).rejects.toMatchObject({ code: 'EADDRINUSE' });
    // And a free port works for the same server object afterwards.
    const free = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    expect(await other.listen(free, '127.0.0.1')).toBe(free);
    await other.close();
  });

  it('/readyz answers 503 when the database does not answer', async () => {
    checked = await testDatabase();
    await checked.close();
    const res = await fetch(`${base}/readyz`);
    expect([res.status, await res.text()]).toEqual([503, 'not ready\n']);
    checked = database;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});
