import type { IncomingMessage, ServerResponse } from 'node:http';
import { validateBody } from './openapi.js';
import { snowflake, type DiscordState, type FakeInteraction, type FakeMessage } from './state.js';

type Body = Record<string, unknown>;
export interface RestCall { method: string; path: string; body: unknown; status: number; at: number; problems?: string[] }

export class RestError extends Error {
  constructor(readonly status: number, readonly body: Record<string, unknown>) {
    super(String(body.message));
  }
}

const invalid = (problems: string[]) => new RestError(400, { message: 'Invalid Form Body', code: 50035, errors: problems });
const unknown = (what: string, code: number) => new RestError(404, { message: `Unknown ${what}`, code });

/** Message fields from a create/edit body: content, components, embeds, poll, flags. */
function applyMessage(m: FakeMessage, body: Body): void {
  if ('content' in body) m.content = typeof body.content === 'string' ? body.content : '';
  if ('components' in body) m.components = (body.components as unknown[] | null) ?? [];
  if ('embeds' in body) m.embeds = (body.embeds as unknown[] | null) ?? [];
  if ('allowed_mentions' in body) m.allowedMentions = body.allowed_mentions;
}

/**
 * The REST routes the adapter uses (under /api/v10), each request body validated against the
 * OpenAPI subset first; what a route changes is applied to the state as Discord would.
 */
export class FakeRest {
  constructor(private readonly state: DiscordState, private readonly gatewayUrl: () => string, private readonly shards: () => number) {}

  private newMessage(channelId: string, body: Body, extra: Partial<FakeMessage> = {}): FakeMessage {
    const guildId = this.state.channelGuild.get(channelId) ?? undefined;
    const poll = body.poll as { question: { text: string }; answers: { poll_media: { text: string } }[]; duration?: number } | undefined;
    const ref = body.message_reference as { message_id?: string } | undefined;
    const m: FakeMessage = {
      id: snowflake(), channelId, guildId, authorId: this.state.bot.id, content: '', components: [], embeds: [], edits: 0, pinned: false,
      createdAt: Date.now(), ...(ref?.message_id ? { replyTo: ref.message_id } : {}),
      ...(poll ? { poll: { question: poll.question.text, answers: poll.answers.map((a) => a.poll_media.text), expired: false, duration: poll.duration ?? 24 } } : {}),
      ...extra,
    };
    applyMessage(m, body);
    this.state.messages.push(m);
    return m;
  }

  private interaction(token: string): FakeInteraction {
    const found = [...this.state.interactions.values()].find((i) => i.token === token);
    if (!found) throw unknown('Webhook', 10015);
    return found;
  }

  private originalOf(i: FakeInteraction): FakeMessage {
    const m = i.originalId ? this.state.messages.find((x) => x.id === i.originalId) : undefined;
    if (!m) throw unknown('Message', 10008);
    return m;
  }

  private callback(i: FakeInteraction, body: Body): void {
    if (i.callbacks.length > 0) throw new RestError(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
    if (Date.now() - i.createdAt > 3000) throw unknown('interaction', 10062);
    const type = Number(body.type);
    const data = (body.data as Body | undefined) ?? {};
    i.callbacks.push({ type, data });
    i.firstResponseAt = Date.now();
    const ephemeral = (Number(data.flags ?? 0) & 64) !== 0;
    switch (type) {
      case 4: case 5: {
        const m = this.newMessage(i.channelId, data, { ...(ephemeral ? { ephemeralFor: i.userId } : {}), ...(type === 5 ? { thinking: true } : {}) });
        i.originalId = m.id;
        i.ephemeral = ephemeral;
        break;
      }
      case 6: i.originalId = i.messageId; break;
      case 7: {
        i.originalId = i.messageId;
        const m = this.state.message(i.channelId, i.messageId ?? '');
        if (!m) throw unknown('Message', 10008);
        applyMessage(m, data);
        m.edits++;
        break;
      }
      case 8: case 9: break;
      default: throw invalid([`/type ${type} is not used by this fake`]);
    }
  }

  /** Routes one request; returns [status, body]. */
  handle(method: string, path: string, body: unknown): [number, unknown] {
    const b = (body ?? {}) as Body;
    const check = (operation: string): void => {
      const problems = validateBody(operation, body);
      if (problems.length > 0) throw invalid(problems);
    };
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return [200, { url: this.gatewayUrl(), shards: this.shards(), session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } }];
    }
    if (method === 'GET' && path === '/users/@me') return [200, this.state.apiUser(this.state.bot.id)];
    if ((m = /^\/users\/(\d+)$/.exec(path)) && method === 'GET') return [200, this.state.apiUser(m[1]!)];
    if ((m = /^\/channels\/(\d+)$/.exec(path)) && method === 'GET') {
      if (!this.state.channelGuild.has(m[1]!)) throw unknown('Channel', 10003);
      return [200, this.state.apiChannel(m[1]!)];
    }
    if ((m = /^\/guilds\/(\d+)\/members\/(\d+)$/.exec(path)) && method === 'GET') {
      const guild = this.state.guilds.get(m[1]!);
      if (!guild?.members.has(m[2]!)) throw unknown('Member', 10007);
      return [200, this.state.apiMember(guild, m[2]!)];
    }
    if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path)) && method === 'PUT') {
      check(m[2] ? 'PUT /applications/{application_id}/guilds/{guild_id}/commands' : 'PUT /applications/{application_id}/commands');
      const commands = (body as Body[]).map((c) => ({ ...c, id: snowflake(), application_id: m![1], version: snowflake(), ...(m![2] ? { guild_id: m![2] } : {}) }));
      this.state.commands.set(m[2] ?? '', commands);
      return [200, commands];
    }
    if (method === 'POST' && path === '/users/@me/channels') {
      check('POST /users/@me/channels');
      const userId = String(b.recipient_id);
      if (!this.state.users.has(userId)) throw unknown('User', 10013);
      let id = [...this.state.dmUser.entries()].find(([, u]) => u === userId)?.[0];
      if (!id) {
        id = snowflake();
        this.state.dmUser.set(id, userId);
        this.state.channelGuild.set(id, null);
      }
      return [200, this.state.apiChannel(id)];
    }
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST') {
      check('POST /channels/{channel_id}/messages');
      if (!this.state.channelGuild.has(m[1]!)) throw unknown('Channel', 10003);
      return [200, this.state.apiMessage(this.newMessage(m[1]!, b))];
    }
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path)) && method === 'PATCH') {
      check('PATCH /channels/{channel_id}/messages/{message_id}');
      const msg = this.state.message(m[1]!, m[2]!);
      if (!msg) throw unknown('Message', 10008);
      applyMessage(msg, b);
      msg.edits++;
      return [200, this.state.apiMessage(msg)];
    }
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path)) && method === 'POST') {
      check('POST /channels/{channel_id}/messages/{message_id}/threads');
      const msg = this.state.message(m[1]!, m[2]!);
      if (!msg?.guildId) throw unknown('Message', 10008);
      if ([...this.state.threads.values()].some((t) => t.messageId === msg.id)) throw new RestError(400, { message: 'A thread has already been created for this message', code: 160004 });
      const id = snowflake();
      this.state.threads.set(id, { guildId: msg.guildId, parentId: m[1]!, messageId: msg.id, name: String(b.name) });
      this.state.channelGuild.set(id, msg.guildId);
      return [201, this.state.apiChannel(id)];
    }
    if ((m = /^\/channels\/(\d+)\/(?:messages\/)?pins\/(\d+)$/.exec(path)) && method === 'PUT') {
      const msg = this.state.message(m[1]!, m[2]!);
      if (!msg) throw unknown('Message', 10008);
      msg.pinned = true;
      return [204, null];
    }
    if ((m = /^\/channels\/(\d+)\/polls\/(\d+)\/expire$/.exec(path)) && method === 'POST') {
      const msg = this.state.message(m[1]!, m[2]!);
      if (!msg?.poll) throw unknown('Message', 10008);
      if (msg.poll.expired) throw new RestError(400, { message: 'Poll expired', code: 520001 });
      msg.poll.expired = true;
      return [200, this.state.apiMessage(msg)];
    }
    if ((m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path)) && method === 'POST') {
      check('POST /interactions/{interaction_id}/{interaction_token}/callback');
      const i = this.state.interactions.get(m[1]!);
      if (!i || i.token !== m[2]) throw unknown('interaction', 10062);
      this.callback(i, b);
      return [204, null];
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(path)) && method === 'POST') {
      check('POST /webhooks/{webhook_id}/{webhook_token}');
      const i = this.interaction(m[2]!);
      if (i.callbacks.length === 0) throw unknown('Webhook', 10015);
      const ephemeral = (Number(b.flags ?? 0) & 64) !== 0;
      return [200, this.state.apiMessage(this.newMessage(i.channelId, b, ephemeral ? { ephemeralFor: i.userId } : {}))];
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/.exec(path)) && method === 'PATCH') {
      check(m[3] === '@original' ? 'PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original' : 'PATCH /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}');
      const i = this.interaction(m[2]!);
      const msg = m[3] === '@original' ? this.originalOf(i) : this.state.messages.find((x) => x.id === m![3]);
      if (!msg) throw unknown('Message', 10008);
      applyMessage(msg, b);
      if (msg.thinking) msg.thinking = false;
      else msg.edits++;
      return [200, this.state.apiMessage(msg)];
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/.exec(path)) && method === 'DELETE') {
      const i = this.interaction(m[2]!);
      const msg = m[3] === '@original' ? this.originalOf(i) : this.state.messages.find((x) => x.id === m![3]);
      if (!msg) throw unknown('Message', 10008);
      this.state.messages.splice(this.state.messages.indexOf(msg), 1);
      return [204, null];
    }
    throw new RestError(404, { message: `404: Not Found (${method} ${path})`, code: 0 });
  }
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return undefined;
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
    const json = form.get('payload_json');
    return typeof json === 'string' ? JSON.parse(json) : {};
  }
  return JSON.parse(raw.toString('utf8'));
}

export function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204) return void res.writeHead(204, headers).end();
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}
