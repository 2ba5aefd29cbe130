import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answer } from './rest.js';
import type { DiscordState } from './state.js';

/**
 * Discord's OAuth2 authorization-code flow as the bot meets it: the consent page
 * (`GET /oauth2/authorize`, which answers for whoever `signedIn` is, as their Discord app would),
 * the code exchange (`POST /api/v10/oauth2/token`, form-encoded, client secret checked, each code
 * once) and `GET /api/v10/users/@me` with the user's Bearer token.
 */
export class FakeOAuth {
  readonly clientSecret = 'fake-client-secret';
  /** The Discord account the phone is signed in to; 'deny': they press Cancel on the consent page. */
  signedIn: { id: string } | null = null;
  answer: 'allow' | 'deny' = 'allow';
  private readonly codes = new Map<string, { userId: string; redirectUri: string }>();
  private readonly tokens = new Map<string, string>();

  constructor(private readonly state: DiscordState, private readonly applicationId: string) {}

  /** Handles the request when it is an OAuth2 one; false otherwise. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname.replace(/^\/api(\/v10)?/, '');
    if (url.pathname === '/oauth2/authorize' && req.method === 'GET') {
      const q = url.searchParams;
      const redirect = q.get('redirect_uri');
      if (q.get('client_id') !== this.applicationId || q.get('response_type') !== 'code' || !q.get('scope')?.split(' ').includes('identify') || !redirect) {
        answer(res, 400, { message: 'Invalid OAuth2 request' });
        return true;
      }
      const back = new URL(redirect);
      if (this.answer === 'deny' || !this.signedIn) back.searchParams.set('error', 'access_denied');
      else {
        const code = randomBytes(15).toString('base64url');
        this.codes.set(code, { userId: this.signedIn.id, redirectUri: redirect });
        back.searchParams.set('code', code);
      }
      if (q.get('state')) back.searchParams.set('state', q.get('state')!);
      res.writeHead(302, { location: back.toString() }).end();
      return true;
    }
    if (path === '/oauth2/token' && req.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const grant = this.codes.get(form.get('code') ?? '');
      if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded') || form.get('client_id') !== this.applicationId
        || form.get('client_secret') !== this.clientSecret || form.get('grant_type') !== 'authorization_code'
        || !grant || grant.redirectUri !== form.get('redirect_uri')) {
        answer(res, 400, { error: 'invalid_grant' });
        return true;
      }
      this.codes.delete(form.get('code')!);
      const access = randomBytes(15).toString('base64url');
      this.tokens.set(access, grant.userId);
      answer(res, 200, { access_token: access, token_type: 'Bearer', expires_in: 604800, refresh_token: 'r', scope: 'identify' });
      return true;
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (path === '/users/@me' && bearer) {
      const userId = this.tokens.get(bearer);
      if (!userId) answer(res, 401, { message: '401: Unauthorized', code: 0 });
      else answer(res, 200, { ...this.state.apiUser(userId), locale: this.state.users.get(userId)?.locale ?? 'nl' });
      return true;
    }
    return false;
  }
}
