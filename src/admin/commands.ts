import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { adminCommands, type Capability } from '../capability.js';
import type { Db } from '../db/client.js';
import { chats, complexes, corporations } from '../db/schema/index.js';
import { t, type Lang, type MessageKey, type Params } from '../i18n/index.js';
import { issueJoinCode, listJoinCodes } from '../tenancy/codes.js';

export interface AdminIO {
  db: Db;
  now: Date;
  lang: Lang;
  out(line: string): void;
  readFile?(path: string): Promise<string>;
  /** The bot's capabilities: their admin commands and beheerplan sections. */
  capabilities: readonly Capability[];
}

/** An operator mistake: printed in the operator's language, exit code 2. */
export class AdminError extends Error {
  constructor(readonly key: MessageKey, readonly params: Params = {}) {
    super(key);
  }
}

/** Admin subcommands that capabilities declare (beheerplan, outbox, …). */
export type AdminCommand = (io: AdminIO, args: string[]) => Promise<void>;

function intOption(value: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new AdminError('admin.error.invalid', { what, value });
  return n;
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const CORE_AREAS = new Set(['corporation', 'complex', 'code']);

export async function runAdmin(io: AdminIO, argv: string[]): Promise<void> {
  const say = (key: MessageKey, params?: Params) => io.out(t(io.lang, key, params));
  const [area, verb, ...rest] = argv;
  // A capability's own command parses its own options.
  const extension = area && !CORE_AREAS.has(area) ? adminCommands(io.capabilities).get(area) : undefined;
  if (extension) return extension(io, argv.slice(1));
  const { values, positionals } = parseArgs({
    args: rest, allowPositionals: true, strict: true,
    options: {
      rate: { type: 'string' }, corporation: { type: 'string' }, timezone: { type: 'string' }, language: { type: 'string' },
      complex: { type: 'string' }, uses: { type: 'string' }, days: { type: 'string' }, liaison: { type: 'boolean' },
      all: { type: 'boolean' }, format: { type: 'string' },
    },
  });
  const key = `${area ?? ''} ${verb ?? ''}`;
  const { db } = io;
  switch (key) {
    case 'corporation create': {
      const name = positionals.join(' ').trim();
      if (!name) throw new AdminError('admin.error.missing', { what: 'name' });
      const rate = values.rate === undefined ? undefined : Number(values.rate.replace(',', '.'));
      if (rate !== undefined && !(rate >= 0)) throw new AdminError('admin.error.invalid', { what: '--rate', value: values.rate ?? '' });
      const [row] = await db.insert(corporations).values({ name, ...(rate !== undefined ? { hourlyRateCents: Math.round(rate * 100) } : {}) }).returning();
      say('admin.corporation.created', { id: row!.id, name });
      return;
    }
    case 'corporation list': {
      const rows = await db.select().from(corporations).orderBy(corporations.id);
      if (rows.length === 0) say('admin.none');
      for (const r of rows) say('admin.corporation.line', { id: r.id, name: r.name, rate: (r.hourlyRateCents / 100).toFixed(2) });
      return;
    }
    case 'complex create': {
      const name = positionals.join(' ').trim();
      if (!name) throw new AdminError('admin.error.missing', { what: 'name' });
      const corporationId = intOption(values.corporation, '--corporation');
      if (corporationId !== undefined) {
        const [corp] = await db.select().from(corporations).where(eq(corporations.id, corporationId));
        if (!corp) throw new AdminError('admin.error.notFound', { what: 'corporation', id: corporationId });
      }
      const timezone = values.timezone ?? 'Europe/Amsterdam';
      if (!isValidTimeZone(timezone)) throw new AdminError('admin.error.invalid', { what: '--timezone', value: timezone });
      const language = values.language ?? 'nl';
      if (language !== 'nl' && language !== 'en') throw new AdminError('admin.error.invalid', { what: '--language', value: language });
      const [row] = await db.insert(complexes).values({ name, corporationId: corporationId ?? null, timezone, language }).returning();
      say('admin.complex.created', { id: row!.id, name });
      return;
    }
    case 'complex list': {
      const rows = await db.select({
        id: complexes.id, name: complexes.name, timezone: complexes.timezone, corporation: corporations.name,
        chats: sql<number>`(select count(*)::int from ${chats} where ${chats.complexId} = ${complexes.id})`,
      }).from(complexes).leftJoin(corporations, eq(corporations.id, complexes.corporationId)).orderBy(complexes.id);
      if (rows.length === 0) say('admin.none');
      for (const r of rows) {
        say('admin.complex.line', { ...r, corporation: r.corporation ?? t(io.lang, 'admin.complex.selfOrganised') });
      }
      return;
    }
    case 'code issue': {
      const days = intOption(values.days, '--days');
      const uses = intOption(values.uses, '--uses');
      let row;
      if (values.liaison) {
        const corporationId = intOption(values.corporation, '--corporation');
        if (corporationId === undefined) throw new AdminError('admin.error.missing', { what: '--corporation' });
        const [corp] = await db.select().from(corporations).where(eq(corporations.id, corporationId));
        if (!corp) throw new AdminError('admin.error.notFound', { what: 'corporation', id: corporationId });
        row = await issueJoinCode(db, { purpose: 'liaison', corporationId, now: io.now, ...(days ? { days } : {}), ...(uses ? { uses } : {}) });
      } else {
        const complexId = intOption(values.complex, '--complex');
        if (complexId === undefined) throw new AdminError('admin.error.missing', { what: '--complex' });
        const [complex] = await db.select().from(complexes).where(eq(complexes.id, complexId));
        if (!complex) throw new AdminError('admin.error.notFound', { what: 'complex', id: complexId });
        row = await issueJoinCode(db, { purpose: 'complex', complexId, now: io.now, ...(days ? { days } : {}), ...(uses ? { uses } : {}) });
      }
      say('admin.code.issued', { code: row.code, uses: row.usesLeft, expires: row.expiresAt.toISOString().slice(0, 16).replace('T', ' ') });
      return;
    }
    case 'code list': {
      const rows = await listJoinCodes(db, io.now, values.all ?? false);
      if (rows.length === 0) say('admin.none');
      for (const r of rows) {
        say('admin.code.line', { code: r.code, purpose: r.purpose, target: r.complex ?? r.corporation ?? '?', uses: r.usesLeft,
          expires: r.expiresAt.toISOString().slice(0, 16).replace('T', ' ') });
      }
      return;
    }
    default: {
      const extra = area ? adminCommands(io.capabilities).get(area) : undefined;
      if (extra) return extra(io, argv.slice(1));
      say('admin.usage');
      if (area && area !== 'help') throw new AdminError('admin.error.invalid', { what: 'command', value: argv.join(' ') });
    }
  }
}
