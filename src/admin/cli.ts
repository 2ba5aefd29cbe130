import 'dotenv/config';
import { readFile } from 'node:fs/promises';
import { capabilities } from '../capabilities.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { langFromTag, t } from '../i18n/index.js';
import { AdminError, runAdmin } from './commands.js';

// The operator's command line: npm run admin -- <command>. Uses the same database as the bot.
const config = loadConfig(process.env);
const lang = langFromTag(process.env.ADMIN_LANG ?? process.env.LANG) ?? 'nl';
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
try {
  await runAdmin({
    db: database.db, now: new Date(), lang, capabilities, out: (line) => console.log(line),
    readFile: (path) => readFile(path, 'utf8'),
  }, process.argv.slice(2));
} catch (err) {
  if (err instanceof AdminError) {
    console.error(t(lang, err.key, err.params));
    process.exitCode = 2;
  } else if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
    console.error(err.message);
    console.error(t(lang, 'admin.usage'));
    process.exitCode = 2;
  } else {
    throw err;
  }
} finally {
  await database.close();
}
