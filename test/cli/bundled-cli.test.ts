import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin/parascad.js');
const example = join(root, 'examples/desk-organizer');
const logDir = await mkdtemp(join(tmpdir(), 'parascad-bundle-'));
afterAll(() => rm(logDir, { recursive: true, force: true }));

/** A module-loader hook that appends the URL of every ES module loaded to PARASCAD_MODULE_LOG. */
const hookFile = join(logDir, 'record-module-loads.mjs');
await writeFile(
  hookFile,
  `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.PARASCAD_MODULE_LOG, url + '\\n');
  return next(url, context);
}
`,
);
const registerHook = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hookFile).href)});`,
)}`;

/** Runs `bin/parascad.js` as users do, and answers its output and the ES modules it loaded. */
async function runBin(
  argv: readonly string[],
): Promise<{ status: number | null; stdout: string; loaded: string[] }> {
  const log = join(logDir, `${argv.join('_').replace(/\W/g, '')}.log`);
  const run = spawnSync(process.execPath, [`--import=${registerHook}`, bin, ...argv], {
    cwd: example,
    env: { ...process.env, NO_COLOR: '1', PARASCAD_MODULE_LOG: log },
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  const loaded = (await readFile(log, 'utf8')).split('\n').filter((line) => line !== '');
  return { status: run.status, stdout: run.stdout, loaded };
}

/** What is neither the bin, the bundle nor a Node built-in: files the bundle should have held. */
function outsideTheBundle(loaded: readonly string[]): string[] {
  const bundle = pathToFileURL(join(root, 'dist/cli-bundle/')).href;
  return loaded.filter(
    (url) =>
      !url.startsWith('node:') &&
      !url.startsWith(bundle) &&
      url !== pathToFileURL(bin).href &&
      !url.startsWith('data:'),
  );
}

describe('the bundled command line (bin/parascad.js)', () => {
  it('answers --version with the version in package.json, from the bundle alone', async () => {
    const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
      version: string;
    };
    const run = await runBin(['--version']);
    expect(run.stdout.trim()).toBe(version);
    expect(outsideTheBundle(run.loaded)).toEqual([]);
  });

  it('prints the help with every command, from the bundle alone', async () => {
    const run = await runBin(['--help']);
    for (const command of [
      'render',
      'watch',
      'list',
      'bench',
      'init',
      'cache',
      'worker',
      'fleet',
    ]) {
      expect(run.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
    expect(outsideTheBundle(run.loaded)).toEqual([]);
  });

  it('lists the parts of a project with its config schemas and parsers inside the bundle', async () => {
    const run = await runBin(['list']);
    expect(run.stdout).toMatch(/^tray$/m);
    expect(outsideTheBundle(run.loaded)).toEqual([]);
  });
});
