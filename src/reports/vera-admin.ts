import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { AdminError, type AdminIO } from '../admin/commands.js';
import type { AdminDef } from '../capability.js';
import { corporations, veraEndpoints } from '../db/schema/index.js';
import { t, type MessageKey, type Params } from '../i18n/index.js';
import { activeHandoffs, retryHandoff } from './vera-queue.js';

/**
 * npm run admin -- vera set|show|remove|handoffs|retry: a corporation's VERA endpoint and the
 * hand-offs to it. The client secret is read from a file (not the command line, which ends up in
 * shell history and process lists) and never printed.
 */

function positiveId(value: string | undefined, what: string): number {
  if (value === undefined) throw new AdminError('admin.error.missing', { what });
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new AdminError('admin.error.invalid', { what, value });
  return id;
}

/** https only, except on this machine (a test server, a tunnel). */
function checkUrl(value: string | undefined, what: string): string {
  if (!value) throw new AdminError('admin.error.missing', { what });
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AdminError('admin.error.invalid', { what, value });
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) throw new AdminError('reports.vera.admin.https', { what, value });
  return value.replace(/\/+$/, '');
}

async function requireCorporation(io: AdminIO, id: number): Promise<void> {
  const [row] = await io.db.select({ id: corporations.id }).from(corporations).where(eq(corporations.id, id));
  if (!row) throw new AdminError('admin.error.notFound', { what: 'corporation', id });
}

async function set(io: AdminIO, args: string[], say: (key: MessageKey, params?: Params) => void): Promise<void> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true,
    options: { url: { type: 'string' }, 'token-url': { type: 'string' }, 'client-id': { type: 'string' }, 'client-secret-file': { type: 'string' } },
  });
  const corporationId = positiveId(positionals[0], '<corporation-id>');
  await requireCorporation(io, corporationId);
  const baseUrl = checkUrl(values.url, '--url');
  // OHD.yaml names the token endpoint relative to the API: /oauth/token.
  const tokenUrl = checkUrl(values['token-url'] ?? `${baseUrl}/oauth/token`, '--token-url');
  const clientId = values['client-id']?.trim();
  if (!clientId) throw new AdminError('admin.error.missing', { what: '--client-id' });
  const file = values['client-secret-file'];
  if (!file) throw new AdminError('admin.error.missing', { what: '--client-secret-file' });
  const clientSecret = (await (io.readFile ?? ((p: string) => readFile(p, 'utf8')))(file)).trim();
  if (!clientSecret) throw new AdminError('admin.error.missing', { what: 'client secret' });
  const row = { baseUrl, tokenUrl, clientId, clientSecret, updatedAt: io.now };
  await io.db.insert(veraEndpoints).values({ corporationId, ...row }).onConflictDoUpdate({ target: veraEndpoints.corporationId, set: row });
  say('reports.vera.admin.set', { id: corporationId, url: baseUrl });
}

export const veraAdmin: AdminDef = { name: 'vera', async run(io, args) {
  const say = (key: MessageKey, params?: Params) => io.out(t(io.lang, key, params));
  const [verb, ...rest] = args;
  switch (verb) {
    case 'set': return set(io, rest, say);
    case 'show': {
      const id = positiveId(rest[0], '<corporation-id>');
      const [row] = await io.db.select().from(veraEndpoints).where(eq(veraEndpoints.corporationId, id));
      if (!row) return say('reports.vera.admin.none', { id });
      return say('reports.vera.admin.show', { id, url: row.baseUrl, tokenUrl: row.tokenUrl, clientId: row.clientId });
    }
    case 'remove': {
      const id = positiveId(rest[0], '<corporation-id>');
      const removed = await io.db.delete(veraEndpoints).where(eq(veraEndpoints.corporationId, id)).returning({ id: veraEndpoints.corporationId });
      return say(removed.length > 0 ? 'reports.vera.admin.removed' : 'reports.vera.admin.none', { id });
    }
    case 'handoffs': {
      const rows = await activeHandoffs(io.db);
      if (rows.length === 0) say('admin.none');
      for (const h of rows) {
        say('reports.vera.admin.handoff', { id: h.id, idExtern: h.idExtern, state: h.state, attempts: h.attempts,
          next: h.nextAt.toISOString().slice(0, 16).replace('T', ' '), verzoek: h.verzoekId ?? '-', status: h.lastStatus ?? '-', error: h.lastError ?? '-' });
      }
      return;
    }
    case 'retry': {
      const id = positiveId(rest[0], '<handoff-id>');
      if (!await retryHandoff(io.db, id, io.now)) throw new AdminError('reports.vera.admin.notFailed', { id });
      return say('reports.vera.admin.retried', { id });
    }
    default:
      say('reports.vera.admin.usage');
  }
} };
