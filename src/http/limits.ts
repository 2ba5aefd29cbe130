import { createHash, timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Timeouts and caps of the HTTP server: a slow or greedy client cannot hold the process's sockets. */
export interface HttpLimits {
  /** Time a client has to send the complete request headers (slowloris). */
  headersTimeoutMs: number;
  /** Time a client has to send the complete request. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open after a response. */
  keepAliveTimeoutMs: number;
  /** A socket without any traffic for this long is closed. */
  idleTimeoutMs: number;
  /** Open connections from one remote address; more are closed at once. */
  maxConnectionsPerAddress: number;
  /** Open connections in total. */
  maxConnections: number;
  /** Largest request body any route accepts (checked on Content-Length before reading). */
  maxBodyBytes: number;
}

export const defaultHttpLimits: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
  maxConnectionsPerAddress: 32,
  maxConnections: 1024,
  maxBodyBytes: 1_000_000,
};

/** Closes new connections from an address that already has `max` open. */
export function capConnectionsPerAddress(server: Server, max: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '?';
    const count = open.get(address) ?? 0;
    if (count >= max) {
      socket.destroy();
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

/** True when an Authorization header is `Bearer <token>` (compared in constant time). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}
