import { access, mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, resolve } from 'node:path';

/**
 * Writes a file the bot sent into `outDir` under a safe name (no path from the message is
 * trusted), never overwriting: plan.yaml, plan-2.yaml, … Returns the path to show, relative
 * to the working directory when it lies below it.
 */
export async function saveOutgoingFile(outDir: string, name: string, content: Buffer): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const safe = basename(name).replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '') || 'file';
  const ext = extname(safe);
  const stem = safe.slice(0, safe.length - ext.length);
  let target = join(outDir, safe);
  for (let i = 2; await exists(target); i++) target = join(outDir, `${stem}-${i}${ext}`);
  // 'wx': if another writer took the name meanwhile, fail rather than overwrite.
  await writeFile(target, content, { flag: 'wx' });
  const shown = relative(process.cwd(), resolve(target));
  return shown.startsWith('..') || isAbsolute(shown) ? resolve(target) : shown;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}
