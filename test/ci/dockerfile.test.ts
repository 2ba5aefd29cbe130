import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { buildScript } from '../support/bundle.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dockerfile = readFileSync(new URL('Dockerfile', `file://${ROOT}`), 'utf8');
const ignore = readFileSync(new URL('.dockerignore', `file://${ROOT}`), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

/** Whether .dockerignore lets a path into the build context ('*' then '!path' exceptions, as written there). */
function inContext(path: string): boolean {
  let included = true;
  for (const rule of ignore) {
    const negated = rule.startsWith('!');
    const pattern = (negated ? rule.slice(1) : rule).replace(/\/$/, '');
    const matches = pattern === '*' || path === pattern || path.startsWith(`${pattern}/`);
    if (matches && !pattern.startsWith('**')) included = negated;
  }
  return included;
}

/** No Docker engine here: the Dockerfile's steps are checked one by one instead. */
describe('Dockerfile', () => {
  const copies = [...dockerfile.matchAll(/^COPY (?!--from)(.+)$/gm)].map((m) => m[1]!.trim().split(/\s+/).slice(0, -1)).flat();

  it('copies only files that exist and that .dockerignore lets into the build context', () => {
    expect(copies.length).toBeGreaterThan(4);
    for (const source of copies) {
      expect(existsSync(`${ROOT}/${source}`), source).toBe(true);
      expect(inContext(source.replace(/\/$/, '')), `${source} is excluded by .dockerignore`).toBe(true);
    }
  });

  it('runs what its build stage builds: npm run build makes the CMD entry point, which reads migrations and the demo plan from where the image puts them', async () => {
    const cmd = /^CMD \[(.+)\]$/m.exec(dockerfile)![1]!.split(',').map((s) => JSON.parse(s.trim()) as string);
    const entry = cmd.find((a) => a.endsWith('.js'))!;
    expect(entry).toBe('dist/src/main.js');
    expect(dockerfile).toMatch(/RUN npm run build/);
    // The build script of package.json, built into a folder of its own by the global set-up (test/support/bundle.ts).
    expect(buildScript()).toContain('--outdir=dist/src');
    const out = inject('bundleDir');
    expect(existsSync(`${out}/${entry}`)).toBe(true);
    // The bundle is the entry point and the chunks it loads (Discord only when configured), all in dist/src/.
    const dir = `${out}/dist/src`;
    const bundle = readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    // The bundle resolves these two levels up from dist/src/: the image copies them to exactly there.
    expect(bundle).toContain('new URL("../../migrations", import.meta.url)');
    expect(bundle).toContain('new URL("../../src/demo/demo-beheerplan.yaml", import.meta.url)');
    expect(copies).toEqual(expect.arrayContaining(['migrations', 'src/demo/demo-beheerplan.yaml']));
    // The libraries left out of the bundle load from node_modules, where the image has production dependencies only.
    const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { dependencies: Record<string, string> };
    const external = [...bundle.matchAll(/^import [^;]*? from "([^".][^"]*)"|\bimport\("([^".][^"]*)"\)/gm)]
      .map((m) => (m[1] ?? m[2])!).filter((name) => !name.startsWith('node:') && !builtinModules.includes(name))
      .map((name) => name.split('/').slice(0, name.startsWith('@') ? 2 : 1).join('/'));
    expect(external.length).toBeGreaterThan(0);
    for (const name of new Set(external)) expect(Object.keys(pkg.dependencies), `${name} is imported by the bundle`).toContain(name);
  }, 60_000);
});
