import type { BuildOptions } from 'esbuild';

/**
 * How parascad's command line is bundled for Node (scripts/build-cli.ts), shared with the start-up
 * bench's bundle of its libraries alone, so that the two are built alike.
 */
export const nodeBundleOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Smaller files parse sooner; names stay, so that a stack trace in a bug report still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  // Bundled CommonJS (commander) calls require() for Node's built-ins, which ES modules lack.
  banner: {
    js: "import { createRequire as parascadCreateRequire } from 'node:module'; const require = parascadCreateRequire(import.meta.url);",
  },
} satisfies BuildOptions;
