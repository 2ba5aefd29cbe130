import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/http/metrics.js';
import { createHttpServer, readBody, type HttpServer } from '../../src/http/server.js';
import { silentLogger } from '../../src/log.js';

/** Sends raw bytes and resolves with everything the server wrote until it closed the socket. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let got = '';
    socket.on('data', (c) => { got += c.toString('latin1'); });
    socket.on('error', reject);
    socket.on('close', () => resolve(got));
  });
}

/** A connected socket, and the milliseconds from connecting until the server closed it. */
function open(port: number): Promise<{ socket: Socket; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    const closed = new Promise<number>((done) => socket.on('close', () => done(Date.now() - started)));
    socket.resume(); // read (and drop) what the server sends, so its closing is seen
    socket.on('connect', () => resolve({ socket, closed }));
    socket.on('error', (err) => { if (socket.connecting) reject(err); }); // EPIPE after the server closed: expected
  });
}

describe('HTTP server against hostile clients', () => {
  let http: HttpServer;
  let port: number;

  beforeAll(async () => {
    http = createHttpServer({
      log: silentLogger, ready: async () => true, metrics: createMetrics(), metricsToken: 's3cret-token',
      limits: { headersTimeoutMs: 600, requestTimeoutMs: 1200, keepAliveTimeoutMs: 5000, idleTimeoutMs: 1000, maxConnectionsPerAddress: 4, maxBodyBytes: 1000 },
    });
    http.registerRoute('POST', '/upload', async (req, res) => { res.end(`got ${(await readBody(req, 1000)).length}`); });
    port = await http.listen(0, '127.0.0.1');
  });
  afterAll(() => http.close());

  it.each(['http://[', '//[', 'http://%zz/', '*', 'http://localhost:99999/', '/%'])(
    'GET %s answers 400 and the server keeps running', async (target) => {
      const answer = await raw(port, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(answer.split('\r\n')[0]).toMatch(/^HTTP\/1\.1 (400|404)/);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    });

  it('malformed request lines and header garbage answer 400', async () => {
    for (const line of ['GET http://[ HTTP/1.1\r\n\r\n', 'GARBAGE\r\n\r\n', 'GET / HTTP/1.1\r\nBad Header\r\n\r\n', '\u0000\u0001\r\n\r\n']) {
      expect(await raw(port, line)).toMatch(/^HTTP\/1\.1 400/);
    }
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  it('a body declared too large is refused before it is read', async () => {
    const answer = await raw(port, 'POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 50000000\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(await (await fetch(`http://127.0.0.1:${port}/upload`, { method: 'POST', body: 'x'.repeat(999) })).text()).toBe('got 999');
  });

  it('slowloris: a client trickling headers, and one sending nothing, are closed within the timeouts', async () => {
    const slow = await open(port);
    slow.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    const trickle = setInterval(() => { if (!slow.socket.destroyed) slow.socket.write('X-A: b\r\n'); }, 100);
    const silent = await open(port);
    const [slowMs, silentMs] = await Promise.all([slow.closed, silent.closed]);
    clearInterval(trickle);
    expect(slowMs).toBeLessThan(2500);
    expect(silentMs).toBeLessThan(2500);
  });

  it('caps concurrent connections per address; a freed slot can be used again', async () => {
    // Earlier fetches may still hold keep-alive connections: fill up to the cap whatever is left.
    const held: Awaited<ReturnType<typeof open>>[] = [];
    for (;;) {
      const next = await open(port);
      const closedAtOnce = await Promise.race([next.closed.then(() => true), new Promise((r) => setTimeout(() => r(false), 150))]);
      if (closedAtOnce) break;
      held.push(next);
      expect(held.length).toBeLessThanOrEqual(4);
    }
    expect(held.length).toBeGreaterThan(0);
    held[0]!.socket.destroy();
    await held[0]!.closed;
    await new Promise((r) => setTimeout(r, 50));
    expect(await raw(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 200/);
    for (const s of held) s.socket.destroy();
    await Promise.all(held.map((s) => s.closed));
  });

  it('/metrics needs the bearer token when one is configured', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: 'Bearer s3cret-token' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('process_cpu_user_seconds_total');
  });
});
