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

const root = fileURLToPath(new URL('..', import.meta.url));
/** Where the bundle goes: every file (entry and chunks) in this one folder. */
export const cliBundleDir = resolve(root, 'dist/cli-bundle');

/**
 * The dependencies bundled in: small pure-JS packages on the start-up path. The others stay
 * separate packages, loaded from `node_modules` when a command needs them: some read files beside
 * their own code (piscina's worker, the WASM build, bullmq's Lua scripts), and the rest are
 * only loaded by commands that render, where their load time is small beside the work.
 */
const bundledDependencies = new Set([
  '@commander-js/extra-typings',
  'commander',
  'picocolors',
  'picomatch',
  'std-env',
  'tinyglobby',
  'yaml',
  'zod',
]);

const manifest = JSON.parse(await readFile(resolve(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
const external = Object.keys(manifest.dependencies).filter(
  (name) => !bundledDependencies.has(name),
);

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

await build({
  entryPoints: { parascad: resolve(root, 'src/cli/run-cli.ts') },
  outdir: cliBundleDir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  chunkNames: '[name]-[hash]',
  // Smaller files parse sooner; names stay, so that a stack trace in a bug report still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  logLevel: 'warning',
  // Bundled CommonJS (commander) calls require() for Node's built-ins, which ES modules lack.
  banner: {
    js: "import { createRequire as parascadCreateRequire } from 'node:module'; const require = parascadCreateRequire(import.meta.url);",
  },
  plugins: [importMetaUrlOfTscOutput],
});
