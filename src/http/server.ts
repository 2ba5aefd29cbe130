import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';
import { bearerMatches, capConnectionsPerAddress, defaultHttpLimits, type HttpLimits } from './limits.js';
import type { Metrics } from './metrics.js';

/** Handles a request on a mounted path. `url` is parsed; the handler writes the whole response. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

interface Route { method: string; prefix: string; handler: RouteHandler }

export interface HttpServerOptions {
  log: Logger;
  /** Readiness: true when the bot can serve (the database answers). */
  ready: () => Promise<boolean>;
  metrics?: Metrics;
  /** How long /readyz waits for `ready` before answering 503. */
  readyTimeoutMs?: number;
  /** When set, /metrics answers only requests with `Authorization: Bearer <metricsToken>` (config METRICS_TOKEN). */
  metricsToken?: string;
  /** Timeouts and caps against slow or greedy clients (defaults in `defaultHttpLimits`). */
  limits?: Partial<HttpLimits>;
}

export interface HttpServer {
  /**
   * Mounts a handler for a method ('GET', 'POST', or '*') on a path and everything below it
   * ('/ical' also serves '/ical/3.ics'). The longest matching prefix wins.
   */
  registerRoute(method: string, pathPrefix: string, handler: RouteHandler): void;
  /** Starts listening (port 0: a free one) and resolves with the port; rejects if the port is taken. */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
  readonly port: number | undefined;
}

export function createHttpServer(opts: HttpServerOptions): HttpServer {
  const { log } = opts;
  const limits: HttpLimits = { ...defaultHttpLimits, ...opts.limits };
  const routes: Route[] = [];
  let server: Server | undefined;
  let port: number | undefined;

  function registerRoute(method: string, pathPrefix: string, handler: RouteHandler): void {
    const prefix = pathPrefix.length > 1 ? pathPrefix.replace(/\/+$/, '') : pathPrefix;
    if (!prefix.startsWith('/')) throw new Error(`route path must start with /: ${pathPrefix}`);
    const upper = method.toUpperCase();
    if (routes.some((r) => r.method === upper && r.prefix === prefix)) throw new Error(`route ${upper} ${prefix} is already registered`);
    routes.push({ method: upper, prefix, handler });
    routes.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  function matches(route: Route, path: string): boolean {
    return route.prefix === '/' || path === route.prefix || path.startsWith(`${route.prefix}/`);
  }

  function plain(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
    res.end(body);
  }

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      // Origin-form only ('/path?query'); anything else ('http://[', '//[', 'http://%zz/') is a bad request.
      if (!req.url?.startsWith('/') || req.url.startsWith('//')) throw new TypeError('not origin-form');
      url = new URL(req.url, 'http://localhost');
    } catch {
      plain(res, 400, 'bad request\n', { connection: 'close' });
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (!(declared <= limits.maxBodyBytes)) {
      plain(res, 413, `request body larger than ${limits.maxBodyBytes} bytes\n`, { connection: 'close' });
      return;
    }
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const onPath = routes.filter((r) => matches(r, url.pathname));
    const route = onPath.find((r) => r.method === method || r.method === '*');
    if (!route) {
      if (onPath.length > 0) {
        res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8', allow: [...new Set(onPath.map((r) => r.method))].join(', ') });
        res.end('method not allowed\n');
      } else {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('not found\n');
      }
      return;
    }
    try {
      await route.handler(req, res, url);
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 500;
      if (status >= 500) log.error({ err, method: req.method, path: url.pathname }, 'http handler failed');
      if (!res.headersSent) {
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(status >= 500 ? 'internal error\n' : `${(err as Error).message}\n`);
      } else {
        res.destroy();
      }
    }
  }

  registerRoute('GET', '/healthz', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('ok\n');
  });

  registerRoute('GET', '/readyz', async (_req, res) => {
    const ok = await withTimeout(opts.ready(), opts.readyTimeoutMs ?? 3000).catch((err: unknown) => {
      log.warn({ err }, 'readiness check failed');
      return false;
    });
    res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(ok ? 'ready\n' : 'not ready\n');
  });

  if (opts.metrics) {
    const { registry } = opts.metrics;
    registerRoute('GET', '/metrics', async (req, res) => {
      if (opts.metricsToken !== undefined && !bearerMatches(req.headers.authorization, opts.metricsToken)) {
        plain(res, 401, 'unauthorized\n', { 'www-authenticate': 'Bearer realm="metrics"' });
        return;
      }
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(body);
    });
  }

  function listen(wanted: number, host?: string): Promise<number> {
    if (server) return Promise.reject(new Error('the HTTP server is already listening'));
    const s = createServer({
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often Node checks the header and request timeouts (default 30 s, too coarse against slowloris).
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(limits.headersTimeoutMs / 2))),
    }, (req, res) => {
      dispatch(req, res).catch((err: unknown) => {
        log.error({ err }, 'http request failed');
        if (!res.headersSent) plain(res, 500, 'internal error\n');
        else res.destroy();
      });
    });
    s.setTimeout(limits.idleTimeoutMs); // an idle socket is destroyed
    s.maxConnections = limits.maxConnections;
    capConnectionsPerAddress(s, limits.maxConnectionsPerAddress);
    return new Promise((resolvePort, reject) => {
      s.once('error', reject);
      s.listen(wanted, host, () => {
        s.off('error', reject);
        s.on('error', (err) => log.error({ err }, 'http server error'));
        server = s;
        port = (s.address() as AddressInfo).port;
        resolvePort(port);
      });
    });
  }

  async function close(): Promise<void> {
    const s = server;
    if (!s) return;
    server = undefined;
    await new Promise<void>((done) => {
      s.close(() => done());
      s.closeAllConnections();
    });
  }

  return { registerRoute, listen, close, get port() { return port; } };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Thrown by a handler to answer with that status and message (no stack trace, not logged as a failure). */
export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Reads a request body up to `maxBytes` (a webhook must not let a client fill the memory). */
export async function readBody(req: IncomingMessage, maxBytes = 1_000_000): Promise<Buffer> {
  // Refused before reading when the client says up front that it is too large.
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw new HttpError(413, `request body larger than ${maxBytes} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBytes) throw new HttpError(413, `request body larger than ${maxBytes} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}
