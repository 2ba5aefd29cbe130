import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { langFromTag, t, type Lang, type MessageKey } from '../../src/i18n/index.js';
import type { Logger } from '../../src/log.js';

/**
 * Discord's answer to Telegram's `t.me/<bot>?start=<payload>`. Discord has no link that opens a DM
 * with a bot and hands it a parameter, so this link goes through the bot's own HTTP server:
 *
 *   <PUBLIC_URL>/discord/open/<payload>
 *     → 302 to Discord's sign-in consent (OAuth2, scope `identify`, `prompt=none`: after the first
 *       time Discord skips the question and comes straight back)
 *     → /discord/open/callback: the code is exchanged for who this is, the bot opens its DM with
 *       them and handles `/start <payload>` there (the answer is queued into that DM)
 *     → 302 to https://discord.com/channels/@me/<dm>, which the Discord app opens on that DM.
 *
 * The state carries the payload, an expiry and an HMAC (key: the client secret), so the callback
 * takes only payloads this server handed out, in whichever browser the flow comes back.
 */

export const OPEN_PATH = '/discord/open';
const CALLBACK = `${OPEN_PATH}/callback`;
const PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;
const STATE_MINUTES = 15;

export interface DiscordUserInfo { id: string; username: string; global_name?: string | null; locale?: string }

export interface OpenLinkOptions {
  applicationId: string;
  clientSecret: string;
  /** Public base URL of this server; `<publicUrl>/discord/open/callback` must be a Redirect in the developer portal. */
  publicUrl: string;
  /** Discord's REST root (`…/api`); the consent page is on the same host without `/api`. */
  apiRoot?: string | undefined;
  now: () => Date;
  log: Logger;
  /** Opens the bot's DM with this user, handles `/start <payload>` there, and returns the DM channel id. */
  open(user: DiscordUserInfo, payload: string, ref: string): Promise<string>;
}

export function openLink(publicUrl: string, payload: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${OPEN_PATH}/${payload}`;
}

function sign(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url').slice(0, 32);
}

export function makeState(secret: string, payload: string, now: Date): string {
  const expires = Math.floor(now.getTime() / 60_000) + STATE_MINUTES;
  return `${payload}.${expires}.${sign(secret, `${payload}.${expires}`)}`;
}

/** The payload of a state this server made and that has not expired, else null. */
export function readState(secret: string, state: string, now: Date): string | null {
  const [payload, expires, mac] = state.split('.');
  if (!payload || !expires || !mac || !PAYLOAD.test(payload)) return null;
  const want = Buffer.from(sign(secret, `${payload}.${expires}`));
  if (want.length !== Buffer.from(mac).length || !timingSafeEqual(want, Buffer.from(mac))) return null;
  return Number(expires) * 60_000 >= now.getTime() ? payload : null;
}

function page(res: ServerResponse, status: number, lang: Lang, keys: MessageKey[]): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  const esc = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
  res.end(`<!doctype html><html lang="${lang}"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
${keys.map((k) => `<p>${esc(t(lang, k))}</p>`).join('\n')}</html>`);
}

export function createOpenRoute(opts: OpenLinkOptions): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const apiRoot = (opts.apiRoot ?? 'https://discord.com/api').replace(/\/+$/, '');
  const site = apiRoot.replace(/\/api$/, '');
  const redirectUri = `${opts.publicUrl.replace(/\/+$/, '')}${CALLBACK}`;

  async function identify(code: string): Promise<DiscordUserInfo> {
    const token = await fetch(`${apiRoot}/v10/oauth2/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: opts.applicationId, client_secret: opts.clientSecret, grant_type: 'authorization_code', code, redirect_uri: redirectUri }),
    });
    if (!token.ok) throw new Error(`discord oauth2 token: ${token.status}`);
    const { access_token: access } = await token.json() as { access_token: string };
    const me = await fetch(`${apiRoot}/v10/users/@me`, { headers: { authorization: `Bearer ${access}` } });
    if (!me.ok) throw new Error(`discord users/@me: ${me.status}`);
    return await me.json() as DiscordUserInfo;
  }

  return async (req, res, url) => {
    const lang = langFromTag(req.headers['accept-language']?.split(/[,;]/)[0]) ?? 'nl';
    if (url.pathname !== CALLBACK) {
      const payload = url.pathname.slice(OPEN_PATH.length + 1);
      if (!PAYLOAD.test(payload)) return page(res, 404, lang, ['discord.open.bad']);
      const authorize = new URL(`${site}/oauth2/authorize`);
      for (const [k, v] of Object.entries({ client_id: opts.applicationId, response_type: 'code', scope: 'identify', prompt: 'none',
        redirect_uri: redirectUri, state: makeState(opts.clientSecret, payload, opts.now()) })) authorize.searchParams.set(k, v);
      res.writeHead(302, { location: authorize.toString(), 'cache-control': 'no-store' }).end();
      return;
    }
    const payload = readState(opts.clientSecret, url.searchParams.get('state') ?? '', opts.now());
    const code = url.searchParams.get('code');
    if (url.searchParams.get('error')) return page(res, 200, lang, ['discord.open.denied']);
    if (!payload || !code) return page(res, 400, lang, ['discord.open.expired']);
    let dm: string;
    try {
      const user = await identify(code);
      dm = await opts.open(user, payload, `open:${code}`);
    } catch (err) {
      opts.log.warn({ err }, 'discord: opening a DM from a link failed');
      return page(res, 502, lang, ['discord.open.failed']);
    }
    res.writeHead(302, { location: `https://discord.com/channels/@me/${dm}`, 'cache-control': 'no-store' }).end();
  };
}
