import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** package.json's build script, as `npm start` and the Dockerfile run it. */
export function buildScript(): string {
  return (JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts.build!;
}

/**
 * `npm run build` into a folder of its own (so tests never race `npm start` over dist/), laid out as the
 * image lays it out: dist/src beside migrations/, the demo plan and node_modules. Returns the folder.
 */
export async function buildBundle(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'zb-bundle-'));
  // As npm runs it: through a shell (the script quotes its banner), with the project's bin folder on the PATH.
  await promisify(execFile)('sh', ['-c', buildScript().replace('--outdir=dist/src', `--outdir=${out}/dist/src`)], {
    cwd: ROOT, env: { ...process.env, PATH: `${ROOT}/node_modules/.bin:${process.env.PATH ?? ''}` },
  });
  mkdirSync(`${out}/src`);
  for (const path of ['migrations', 'node_modules', 'src/demo']) symlinkSync(`${ROOT}/${path}`, `${out}/${path}`);
  return out;
}
