import { randomUUID } from 'node:crypto';

/**
 * A small client for a corporation's VERA OHD API (Aedes-datastandaarden/vera-openapi,
 * Ketenprocessen/OHD.yaml): OAuth2 client credentials (the spec's `clientCredentials` flow), then
 * POST/GET on /onderhoudsverzoeken. Tokens are kept until shortly before they expire. Errors say
 * what failed and the HTTP status — never a secret, a token or a request body.
 */

export interface VeraEndpoint {
  corporationId: number;
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

/** A failed call; `permanent` ones (a 400, a 404) are not retried. */
export class VeraError extends Error {
  constructor(message: string, readonly permanent: boolean) {
    super(message);
    this.name = 'VeraError';
  }
}

export const VERA_SCOPE = 'OHD.Onderhoudsverzoeken.ReadWrite';
const TIMEOUT_MS = 15_000;
/** A token is renewed this long before it runs out. */
const MARGIN_MS = 30_000;

const veraTime = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, 'Z');
const retryable = (status: number) => status >= 500 || status === 401 || status === 408 || status === 429;

export interface VeraClient {
  /** The verzoek we created before under this idExtern (when the answer to a POST was lost), or null. */
  find(ep: VeraEndpoint, idExtern: string, now: Date): Promise<string | null>;
  /** Creates the verzoek; returns its id in the corporation's system. */
  create(ep: VeraEndpoint, body: Record<string, unknown>, now: Date): Promise<string>;
  /** The verzoek's current ONDERHOUDSVERZOEKSTATUS code (null when it has none). */
  status(ep: VeraEndpoint, id: string, now: Date): Promise<string | null>;
}

export function veraClient(opts: { fetch?: typeof fetch; timeoutMs?: number } = {}): VeraClient {
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? TIMEOUT_MS;
  const tokens = new Map<string, { token: string; until: number }>();
  const cacheKey = (ep: VeraEndpoint) => `${ep.tokenUrl}\n${ep.clientId}\n${ep.clientSecret}`;

  async function call(what: string, url: string, init: RequestInit): Promise<Response> {
    try {
      return await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new VeraError(`${what}: ${err instanceof Error ? err.name : 'network error'}`, false);
    }
  }

  async function token(ep: VeraEndpoint, now: Date): Promise<string> {
    const cached = tokens.get(cacheKey(ep));
    if (cached && cached.until > now.getTime()) return cached.token;
    // RFC 6749 §2.3.1: client id and secret form-encoded, in HTTP Basic authentication.
    const basic = Buffer.from(`${encodeURIComponent(ep.clientId)}:${encodeURIComponent(ep.clientSecret)}`).toString('base64');
    const res = await call('token', ep.tokenUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: VERA_SCOPE }).toString(),
    });
    // Wrong credentials are retried too: the operator may fix them (npm run admin -- vera set).
    if (!res.ok) {
      await res.body?.cancel();
      throw new VeraError(`token: HTTP ${res.status}`, false);
    }
    const body = await res.json().catch(() => null) as { access_token?: unknown; expires_in?: unknown } | null;
    if (!body || typeof body.access_token !== 'string' || body.access_token.length === 0) throw new VeraError('token: no access_token', false);
    const seconds = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 300;
    tokens.set(cacheKey(ep), { token: body.access_token, until: now.getTime() + seconds * 1000 - MARGIN_MS });
    return body.access_token;
  }

  /** One API call with a bearer token; a 401 drops the kept token and tries once more with a new one. */
  async function api(ep: VeraEndpoint, what: string, method: 'GET' | 'POST', path: string, now: Date, body?: unknown): Promise<Response> {
    for (let fresh = 0; ; fresh++) {
      const res = await call(what, `${ep.baseUrl.replace(/\/+$/, '')}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await token(ep, now)}`, accept: 'application/json',
          'x-stuurgegevens-zender-organisatie': 'zelfbeheer-bot',
          'x-stuurgegevens-tijdstip-bericht': veraTime(now),
          'x-stuurgegevens-referentienummer': randomUUID(),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      if (!res.ok) await res.body?.cancel(); // the error's body is not read (it could echo what was sent)
      if (res.status === 401 && fresh === 0) {
        tokens.delete(cacheKey(ep));
        continue;
      }
      if (!res.ok) throw new VeraError(`${what}: HTTP ${res.status}`, !retryable(res.status));
      return res;
    }
  }

  return {
    async find(ep, idExtern, now) {
      const res = await api(ep, 'find', 'GET', `/onderhoudsverzoeken?idExtern=${encodeURIComponent(idExtern)}`, now);
      const list: unknown = await res.json().catch(() => null);
      if (!Array.isArray(list)) throw new VeraError('find: not a list', false);
      const hit = (list as ({ idExtern?: unknown; id?: unknown } | null)[]).find((v) => v?.idExtern === idExtern && typeof v.id === 'string');
      return hit ? String(hit.id) : null;
    },
    async create(ep, doc, now) {
      const res = await api(ep, 'create', 'POST', '/onderhoudsverzoeken', now, doc);
      const body = await res.json().catch(() => null) as { id?: unknown } | null;
      // The spec answers 201 with the verzoek (its id) and a Location header.
      const id = typeof body?.id === 'string' && body.id ? body.id : res.headers.get('location')?.split('/').filter(Boolean).pop();
      if (!id) throw new VeraError('create: no id in the answer', false);
      return decodeURIComponent(id);
    },
    async status(ep, id, now) {
      const res = await api(ep, 'status', 'GET', `/onderhoudsverzoeken/${encodeURIComponent(id)}`, now);
      const body = await res.json().catch(() => null) as { status?: { code?: unknown } } | null;
      return typeof body?.status?.code === 'string' ? body.status.code : null;
    },
  };
}
