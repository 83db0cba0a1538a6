/**
 * Bundles the gallery page (`gallery/src`: its script with three.js, and its style sheet) into
 * `dist/gallery/`, where `--report html=DIR` copies them from. The script is one classic IIFE, as
 * browsers run no module scripts from `file://`. Part of `npm run build`.
 */
import { build, type BuildOptions } from 'esbuild';

const common: BuildOptions = {
  bundle: true,
  minify: true,
  logLevel: 'warning',
  // three.js's licence comment travels with it.
  legalComments: 'eof' as const,
  target: ['chrome100', 'firefox100', 'safari15'],
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['gallery/src/main.ts'],
    outfile: 'dist/gallery/gallery.js',
    format: 'iife',
    platform: 'browser',
    tsconfig: 'gallery/tsconfig.json',
  }),
  build({
    ...common,
    entryPoints: ['gallery/src/gallery.css'],
    outfile: 'dist/gallery/gallery.css',
  }),
]);
