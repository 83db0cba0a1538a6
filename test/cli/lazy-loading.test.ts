import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const logDir = await mkdtemp(join(tmpdir(), 'parascad-lazy-'));
afterAll(() => rm(logDir, { recursive: true, force: true }));

/** A module-loader hook that appends the URL of every module loaded to PARASCAD_MODULE_LOG. */
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
const hook = pathToFileURL(hookFile).href;

/** The modules the built CLI module loads to run `argv` (in-process through `main`, no bundle). */
async function modulesLoadedFor(argv: readonly string[]): Promise<string[]> {
  const log = join(logDir, `${argv.join('_').replace(/\W/g, '')}.log`);
  const script = `
    import { register } from 'node:module';
    register(${JSON.stringify(hook)});
    const { main } = await import(${JSON.stringify(pathToFileURL(join(root, 'dist/cli/main.js')).href)});
    const ignore = () => undefined;
    const signal = new AbortController().signal;
    process.exitCode = await main(${JSON.stringify(argv)}, {
      cwd: process.cwd(), env: process.env, stdout: ignore, stderr: ignore, color: false,
      isTTY: false, columns: 80, stopSignal: signal, signal,
    });`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: join(root, 'examples/desk-organizer'),
    env: { ...process.env, PARASCAD_MODULE_LOG: log },
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  return (await readFile(log, 'utf8')).split('\n').filter((line) => line !== '');
}

const heavy = [
  /\/node_modules\/zod\//,
  /\/node_modules\/yaml\//,
  /\/node_modules\/piscina\//,
  /\/node_modules\/pdf-lib\//,
  /\/node_modules\/log-update\//,
  /\/dist\/run\/render\.js$/,
  /\/dist\/engines\//,
  /\/dist\/config\//,
  // The fleet's queue libraries: only `--queue`, `worker` and `fleet` load them.
  /\/node_modules\/bullmq\//,
  /\/node_modules\/ioredis\//,
  // The file watcher: only `watch` loads it, when it runs.
  /\/node_modules\/chokidar\//,
  /\/dist\/watch\//,
];

describe('the command line loads only what a command needs', () => {
  it.each(
    [['--version'], ['--help'], ['render', '--help'], ['list', '--help'], ['watch', '--help']].map(
      (argv) => ({
        command: argv.join(' '),
        argv,
      }),
    ),
  )(
    'parascad $command loads no renderer, engine, config schema or PDF writer',
    async ({ argv }) => {
      const loaded = await modulesLoadedFor(argv);
      expect(loaded.some((url) => url.endsWith('/dist/cli/main.js'))).toBe(true);
      expect(loaded.filter((url) => heavy.some((pattern) => pattern.test(url)))).toEqual([]);
    },
  );

  it('parascad list plans the project without loading the engines or the renderer', async () => {
    const loaded = await modulesLoadedFor(['list']);
    expect(loaded.some((url) => url.endsWith('/dist/run/plan-run.js'))).toBe(true);
    expect(
      loaded.filter((url) =>
        [/\/node_modules\/piscina\//, /\/dist\/run\/render\.js$/, /\/dist\/engines\/wasm\//].some(
          (pattern) => pattern.test(url),
        ),
      ),
    ).toEqual([]);
  });
});
