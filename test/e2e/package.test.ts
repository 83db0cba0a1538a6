import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** The `$schema` of a written config, resolved as an editor would: relative to the file, or a URL. */
async function schemaOf(configFile: string): Promise<string> {
  const line = (await readFile(configFile, 'utf8')).split('\n')[0] ?? '';
  const reference = /^# yaml-language-server: \$schema=(.+)$/.exec(line)?.[1];
  if (reference === undefined) throw new Error(`no $schema line in ${configFile}: ${line}`);
  return reference.startsWith('file:')
    ? fileURLToPath(reference)
    : resolve(configFile, '..', reference);
}

describe('the npm package', () => {
  it('packs, installs into an empty folder and renders the example on the WASM engine, with a $schema that resolves', async () => {
    const work = await mkdtemp(join(tmpdir(), 'parascad-package-'));
    // `npm test` built dist first; --ignore-scripts keeps pack from building it again.
    const packed = execFileSync(
      'npm',
      ['pack', '--ignore-scripts', '--silent', '--pack-destination', work],
      { cwd: root, encoding: 'utf8' },
    )
      .trim()
      .split('\n')
      .at(-1);
    expect(packed).toMatch(/^parascad-.*\.tgz$/);

    const app = join(work, 'app');
    await mkdir(app);
    await writeFile(join(app, 'package.json'), '{ "name": "app", "private": true }\n');
    // The dependencies come from npm's cache (filled by `npm ci`); the network only if missing.
    const install = spawnSync(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, packed ?? '')],
      { cwd: app, encoding: 'utf8' },
    );
    expect(install.status, install.stderr).toBe(0);
    const bin = join(app, 'node_modules', '.bin', 'parascad');
    // The licence travels with it; source maps stay home (they point at src/, not shipped).
    const installed = join(app, 'node_modules', 'parascad');
    expect(existsSync(join(installed, 'LICENSE'))).toBe(true);
    expect(existsSync(join(installed, 'dist', 'cli-bundle', 'parascad.js.map'))).toBe(false);

    const example = join(work, 'example');
    await cp(join(root, 'examples', 'desk-organizer'), example, {
      recursive: true,
      filter: (source) => !/[/\\](outputs|\.parascad)$/.test(source),
    });
    const run = spawnSync(
      bin,
      ['render', 'project.scad', '--engine', 'wasm', '--report', 'html=gallery'],
      {
        cwd: example,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\d+ parts: \d+ ok$/m);
    expect((await readdir(join(example, 'outputs'))).length).toBeGreaterThan(0);
    // The gallery's bundled script (three.js inside) ships in the package.
    expect(existsSync(join(example, 'gallery', 'gallery.js'))).toBe(true);
    expect(existsSync(join(example, 'gallery', 'index.html'))).toBe(true);

    // CommonJS callers get the ES module through Node's require(esm) (Node 20.19 and later).
    const required = spawnSync(
      process.execPath,
      ['-e', "process.stdout.write(typeof require('parascad').render)"],
      { cwd: app, encoding: 'utf8' },
    );
    expect(required.stdout, required.stderr).toBe('function');

    // Installed in the project: the README's line, relative to the project.
    const init = spawnSync(bin, ['init'], { cwd: app, encoding: 'utf8' });
    expect(init.status, init.stderr).toBe(0);
    expect((await readFile(join(app, 'parascad.config.yaml'), 'utf8')).split('\n')[0]).toBe(
      '# yaml-language-server: $schema=./node_modules/parascad/schema/parascad.config.schema.json',
    );
    expect(existsSync(await schemaOf(join(app, 'parascad.config.yaml')))).toBe(true);

    // Used from another folder (as a global install is): a file URL of the installed copy.
    const elsewhere = join(work, 'elsewhere');
    await mkdir(elsewhere);
    const initElsewhere = spawnSync(bin, ['init'], { cwd: elsewhere, encoding: 'utf8' });
    expect(initElsewhere.status, initElsewhere.stderr).toBe(0);
    const schema = await schemaOf(join(elsewhere, 'parascad.config.yaml'));
    expect(schema).toBe(
      join(app, 'node_modules', 'parascad', 'schema', 'parascad.config.schema.json'),
    );
    expect(existsSync(schema)).toBe(true);
    // The README's library examples compile against the published types, checked strictly
    // (skipLibCheck off) and without @types/node, which a consumer need not have.
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    const library = readme.slice(readme.indexOf('## Library\n'));
    const examples = [
      ...library.slice(0, library.indexOf('\n## ', 1)).matchAll(/```ts\n([\s\S]*?)```/g),
    ].map((match) => match[1] ?? '');
    expect(examples.length).toBeGreaterThanOrEqual(2);
    const files = examples.map((_, index) => `readme-example-${index + 1}.ts`);
    await Promise.all(
      examples.map((code, index) => writeFile(join(app, files[index] ?? ''), code)),
    );
    await writeFile(
      join(app, 'package.json'),
      '{ "name": "app", "private": true, "type": "module" }\n',
    );
    await writeFile(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: false,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          lib: ['es2022', 'dom'],
          types: [],
          noEmit: true,
        },
        files,
      }),
    );
    expect(existsSync(join(app, 'node_modules', '@types', 'node'))).toBe(false);
    const tsc = spawnSync(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app],
      { cwd: app, encoding: 'utf8' },
    );
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);

    // The written config is valid as it is.
    await writeFile(join(elsewhere, 'cube.scad'), 'cube(1);\n');
    const list = spawnSync(bin, ['list'], { cwd: elsewhere, encoding: 'utf8' });
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toContain('cube');
  }, 300_000);
});
