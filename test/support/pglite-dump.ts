import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder } from '../../src/db/client.js';

/** A fresh PGlite data dir with every migration applied, as a tarball (PGlite's initdb alone takes seconds). */
export async function migratedPgliteTarball(): Promise<Buffer> {
  const pg = await PGlite.create();
  await migrate(drizzle(pg, { casing: 'snake_case' }), { migrationsFolder });
  const dump = await pg.dumpDataDir('none');
  await pg.close();
  return Buffer.from(await dump.arrayBuffer());
}
