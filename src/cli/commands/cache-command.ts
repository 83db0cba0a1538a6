import { Command, InvalidArgumentError } from '@commander-js/extra-typings';
import { resolve } from 'node:path';
import type { CliContext } from '../cli-context.js';
import { exitCodes } from '../exit-codes.js';
import { countNoun } from '../../util/count-noun.js';

/** `30d`, `12h`, `90m` → milliseconds. */
export function parseAge(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([dhm])$/i.exec(text.trim());
  if (match === null) throw new InvalidArgumentError('expected an age such as 30d, 12h or 90m');
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[
    (match[2] ?? 'd').toLowerCase() as 'd' | 'h' | 'm'
  ];
  return Number(match[1]) * unit;
}

/** `parascad cache [clean]`: what the cache holds, and pruning it. */
export function cacheCommand(context: CliContext) {
  const dirOption = [
    '--cache-dir <dir>',
    'the cache folder (default: $PARASCAD_CACHE_DIR, else the cache in $PARASCAD_STATE_DIR or .parascad/ here)',
  ] as const;
  const where = async (dir: string | undefined): Promise<string> => {
    const { cacheLocation } = await import('../../run/open-run-cache.js');
    return cacheLocation(context.cwd, { cwd: context.cwd, env: context.env, cacheDir: dir }).dir;
  };
  const show = new Command('cache')
    .description("show the cache: entries, size and the last runs' hit rates")
    .option(...dirOption)
    .option('--json', 'print it as JSON')
    .action(async (options) => {
      const [{ cacheUsage }, { CacheStore }, { formatBytes }] = await Promise.all([
        import('../../cache/cache-usage.js'),
        import('../../cache/cache-store.js'),
        import('../../report/format-bytes.js'),
      ]);
      const dir = await where(options.cacheDir);
      const usage = await cacheUsage(dir);
      const runs = (await new CacheStore(dir).readRuns()).slice(-10);
      if (options.json === true) {
        context.stdout(
          `${JSON.stringify({ dir, entries: usage.entries.length, blobs: usage.blobs.size, bytes: usage.totalBytes, runs })}\n`,
        );
        return;
      }
      context.stdout(`cache ${dir}\n`);
      context.stdout(
        `${countNoun(usage.entries.length, 'entry', 'entries')} · ${countNoun(usage.blobs.size, 'file')} · ${formatBytes(usage.totalBytes)}\n`,
      );
      if (runs.length === 0) {
        context.stdout('no runs recorded yet\n');
        return;
      }
      context.stdout('last runs:\n');
      for (const run of runs) {
        const rate = run.parts === 0 ? 0 : Math.round((run.hits / run.parts) * 100);
        context.stdout(
          `  ${run.at.slice(0, 16).replace('T', ' ')}  ${countNoun(run.parts, 'part').padStart(10)}  ${String(run.hits).padStart(4)} cached (${rate}%)  ${String(run.rendered).padStart(4)} rendered  ${run.project}\n`,
        );
      }
      const parts = runs.reduce((sum, run) => sum + run.parts, 0);
      const hits = runs.reduce((sum, run) => sum + run.hits, 0);
      context.stdout(
        `hit rate of the ${runs.length === 1 ? 'last run' : `last ${runs.length} runs`}: ${parts === 0 ? 0 : Math.round((hits / parts) * 100)}%\n`,
      );
    });
  show.addCommand(
    new Command('clean')
      .description('remove cache entries: all of them, or those not used for a while')
      .option('--older-than <age>', 'only entries not used for this long: 30d, 12h, 90m', parseAge)
      .option(...dirOption)
      .action(async (options) => {
        const [{ pruneCache }, { formatBytes }, { rm }] = await Promise.all([
          import('../../cache/prune-cache.js'),
          import('../../report/format-bytes.js'),
          import('node:fs/promises'),
        ]);
        const dir = await where(options.cacheDir);
        if (options.olderThan === undefined) {
          // probes.json: where parascad once kept what native binaries answered (now the state
          // folder), so that an older store empties whole.
          for (const folder of ['entries', 'manifests', 'blobs', 'tmp', 'probes.json']) {
            await rm(resolve(dir, folder), { recursive: true, force: true });
          }
          context.stdout(`removed every entry of ${dir}\n`);
        } else {
          const pruned = await pruneCache(dir, { olderThanMs: options.olderThan, graceMs: 0 });
          context.stdout(
            `removed ${countNoun(pruned.entriesRemoved, 'entry', 'entries')} and ${countNoun(pruned.filesRemoved, 'stored file')} no entry used any more: ${formatBytes(pruned.bytesBefore)} → ${formatBytes(pruned.bytesAfter)}\n`,
          );
        }
        context.setExitCode(exitCodes.ok);
      }),
  );
  return show;
}
