import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bodyProblems, headerProblems, ohd, requiredScopes } from './spec.js';

/**
 * A corporation's maintenance system on localhost, speaking VERA OHD as OHD.yaml describes: an
 * OAuth2 token endpoint (client credentials, HTTP Basic), POST/GET /onderhoudsverzoeken and GET
 * /onderhoudsverzoeken/{id}. Every request is checked against the spec (body schema, declared
 * headers, the bearer token and its scope); a request that fails is answered 400 and kept in
 * `invalid`. Tests make it fail on demand: 5xx, 401, the connection dropped, or a verzoek created
 * whose answer is then lost.
 */

export interface Verzoek { id: string; idExtern?: string; status?: { code: string; naam: string }; [k: string]: unknown }
export interface Seen { method: string; path: string; authorization?: string; body?: unknown; problems: string[] }

const BASE = '/v4';
const FLOW = ohd.components.securitySchemes.OAuth2!.flows!.clientCredentials!;

export class FakeCorporation {
  readonly clientId = 'zelfbeheer-bot';
  readonly clientSecret = 's3cr3t-Woonstede-7f1c';
  readonly verzoeken = new Map<string, Verzoek>();
  readonly seen: Seen[] = [];
  readonly invalid: Seen[] = [];
  tokensIssued = 0;
  /** Lifetime of new tokens (seconds), as expires_in. */
  tokenSeconds = 3600;
  private readonly tokens = new Set<string>();
  private failures: { status: number | 'drop' | 'lost'; left: number } | null = null;
  private server: Server | null = null;
  url = '';

  /** The next `times` API calls (not the token endpoint) fail this way; 'lost': created, but answered 500. */
  failNext(times: number, status: number | 'drop' | 'lost'): void {
    this.failures = { status, left: times };
  }

  /** Forgets every token it issued, as after a key rotation: the next call gets a 401. */
  revokeTokens(): void {
    this.tokens.clear();
  }

  setStatus(id: string, code: string, naam: string): void {
    this.verzoeken.get(id)!.status = { code, naam };
  }

  get baseUrl(): string { return `${this.url}${BASE}`; }
  get tokenUrl(): string { return `${this.url}${BASE}${FLOW.tokenUrl}`; }

  async start(): Promise<void> {
    this.server = createServer((req, res) => { void this.handle(req, res); });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    };
    if (req.method === 'POST' && url.pathname === `${BASE}${FLOW.tokenUrl}`) return this.token(req, raw, json);
    if (!url.pathname.startsWith(`${BASE}/onderhoudsverzoeken`)) return json(404, { code: '404', omschrijving: 'Not Found' });
    const rest = url.pathname.slice(`${BASE}/onderhoudsverzoeken`.length);
    const specPath = rest === '' ? '/onderhoudsverzoeken' : '/onderhoudsverzoeken/{id}';
    const method = req.method ?? 'GET';
    let body: unknown;
    const problems: string[] = [];
    if (raw) {
      try { body = JSON.parse(raw); } catch { problems.push('body is not JSON'); }
    }
    const seen: Seen = { method, path: url.pathname + url.search, authorization: req.headers.authorization, body, problems };
    this.seen.push(seen);
    // The bearer token, and a scope that the operation accepts.
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !this.tokens.has(token)) return json(401, { code: '401', omschrijving: 'Unauthorized' });
    const scopes = requiredScopes(specPath, method);
    if (!scopes.includes('OHD.Onderhoudsverzoeken.ReadWrite')) problems.push(`scope not accepted for ${method} ${specPath}`);
    problems.push(...headerProblems(specPath, method, req.headers));
    if (method === 'POST') {
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) problems.push('content-type is not application/json');
      problems.push(...bodyProblems(specPath, method, body));
    }
    if (problems.length > 0) {
      this.invalid.push(seen);
      return json(400, { code: '400', omschrijving: problems.join('; ') });
    }
    const isCreate = method === 'POST' && specPath === '/onderhoudsverzoeken';
    let lost = false;
    const f = this.failures;
    if (f && f.left > 0 && (f.status !== 'lost' || isCreate)) {
      f.left--;
      if (f.status === 'drop') { res.socket?.destroy(); return; }
      if (f.status === 'lost') lost = true;
      else return json(f.status, { code: String(f.status), omschrijving: 'Storing' });
    }
    if (isCreate) {
      const id = `OV-${this.verzoeken.size + 1001}`;
      const verzoek: Verzoek = { ...(body as object), id, status: { code: 'REG', naam: 'Geregistreerd' } };
      this.verzoeken.set(id, verzoek);
      if (lost) return json(500, { code: '500', omschrijving: 'Storing na opslaan' });
      return json(201, verzoek, { location: `${this.baseUrl}/onderhoudsverzoeken/${id}` });
    }
    if (method === 'GET' && specPath === '/onderhoudsverzoeken') {
      const idExtern = url.searchParams.get('idExtern');
      return json(200, [...this.verzoeken.values()].filter((v) => idExtern === null || v.idExtern === idExtern).slice(0, 100));
    }
    if (method === 'GET') {
      const v = this.verzoeken.get(decodeURIComponent(rest.slice(1)));
      return v ? json(200, v) : json(404, { code: '404', omschrijving: 'Not Found' });
    }
    return json(405, { code: '405', omschrijving: 'Method Not Allowed' });
  }

  private token(req: IncomingMessage, raw: string, json: (status: number, body: unknown) => void): void {
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [id, secret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent) : [];
    const form = new URLSearchParams(raw);
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') || form.get('grant_type') !== 'client_credentials') {
      return json(400, { error: 'unsupported_grant_type' });
    }
    if (id !== this.clientId || secret !== this.clientSecret) return json(401, { error: 'invalid_client' });
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (scopes.some((s) => !(s in FLOW.scopes))) return json(400, { error: 'invalid_scope' });
    const token = `tok-${++this.tokensIssued}`;
    this.tokens.add(token);
    json(200, { access_token: token, token_type: 'Bearer', expires_in: this.tokenSeconds, scope: scopes.join(' ') });
  }
}
