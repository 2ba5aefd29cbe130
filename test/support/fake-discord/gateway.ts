import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { DiscordState } from './state.js';

/** One connected shard: what it identified with and its sequence number. */
export interface GatewaySession { socket: WebSocket; shard: [number, number]; intents: number; seq: number; sessionId: string }

/** Which shard receives a guild's events (Discord's formula). */
export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/**
 * The fake gateway (the `ws` package): HELLO, heartbeat ACK, IDENTIFY → READY and one GUILD_CREATE
 * per guild of that shard, then dispatches. JSON encoding, no compression (zlib-sync is not used).
 */
export class FakeGateway {
  readonly sessions: GatewaySession[] = [];
  /** Every IDENTIFY received, in order (token, intents, shard). */
  readonly identifies: { token: string; intents: number; shard: [number, number] }[] = [];
  private readonly wss = new WebSocketServer({ noServer: true });
  private nextSession = 1;

  constructor(private readonly state: DiscordState, private readonly token: string) {
    this.wss.on('connection', (socket) => this.onConnection(socket));
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  private send(socket: WebSocket, payload: Record<string, unknown>): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
  }

  private onConnection(socket: WebSocket): void {
    this.send(socket, { op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null });
    socket.on('message', (raw) => {
      const packet = JSON.parse((raw as Buffer).toString('utf8')) as { op: number; d: Record<string, unknown> };
      if (packet.op === 1) this.send(socket, { op: 11, d: null, s: null, t: null });
      if (packet.op === 2) this.identify(socket, packet.d);
    });
    socket.on('close', () => {
      const i = this.sessions.findIndex((s) => s.socket === socket);
      if (i >= 0) this.sessions.splice(i, 1);
    });
  }

  private identify(socket: WebSocket, d: Record<string, unknown>): void {
    const shard = (d.shard as [number, number] | undefined) ?? [0, 1];
    this.identifies.push({ token: String(d.token), intents: Number(d.intents), shard });
    if (d.token !== this.token) {
      socket.close(4004, 'Authentication failed.');
      return;
    }
    const session: GatewaySession = { socket, shard, intents: Number(d.intents), seq: 0, sessionId: `session-${this.nextSession++}` };
    const guilds = [...this.state.guilds.values()].filter((g) => shardOf(g.id, shard[1]) === shard[0]);
    this.sessions.push(session);
    this.dispatchTo(session, 'READY', {
      v: 10, user: { ...this.state.apiUser(this.state.bot.id), verified: true, mfa_enabled: false, flags: 0 },
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })), session_id: session.sessionId,
      resume_gateway_url: 'ws://unused', shard, application: { id: this.state.applicationId, flags: 0 },
      private_channels: [], relationships: [], presences: [], guild_join_requests: [], geo_ordered_rtc_regions: [], user_settings: {},
    });
    for (const g of guilds) this.dispatchTo(session, 'GUILD_CREATE', this.state.apiGuild(g));
  }

  private dispatchTo(session: GatewaySession, t: string, d: unknown): void {
    this.send(session.socket, { op: 0, t, s: ++session.seq, d });
  }

  /** Sends an event to the shard that owns the guild (DMs: shard 0), as Discord routes them. */
  dispatch(t: string, d: unknown, guildId?: string): number {
    let delivered = 0;
    for (const s of this.sessions) {
      const mine = guildId ? shardOf(guildId, s.shard[1]) === s.shard[0] : s.shard[0] === 0;
      if (!mine) continue;
      this.dispatchTo(s, t, d);
      delivered++;
    }
    return delivered;
  }

  async close(): Promise<void> {
    for (const s of this.sessions) s.socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
