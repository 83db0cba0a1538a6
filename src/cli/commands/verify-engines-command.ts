import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from '@commander-js/extra-typings';
import { ParascadError } from '../../errors.js';
import type { VerifiedEngine } from '../../verify/verify-engines.js';
import type { CliContext } from '../cli-context.js';
import { exitCodes } from '../exit-codes.js';
import { wholeNumberAtLeast } from '../options/parse-option-values.js';

/**
 * `parascad verify-engines <files...>`: renders each file whole with plain `openscad` and with
 * parascad on each engine, and reports whether parascad renders what plain openscad renders, and
 * the same.
 */
export function verifyEnginesCommand(context: CliContext) {
  return new Command('verify-engines')
    .description(
      'render files with plain openscad and with parascad on each engine, and compare outcomes and outputs',
    )
    .argument('<files...>', '.scad files or globs of them, each rendered whole')
    .option('-j, --jobs <n>', 'renders at once (default: the CPUs)', wholeNumberAtLeast(1))
    .option(
      '-t, --timeout <seconds>',
      'stop a render that takes longer (default: 120)',
      wholeNumberAtLeast(1),
    )
    .option(
      '--engines <list>',
      'parascad engines to check, comma-separated (default: native,wasm)',
      engineList,
    )
    .option('--openscad <path>', 'the native openscad binary (default: $OPENSCAD, PATH)')
    .option('--report <file>', 'also write the report (Markdown) to this file')
    .option('--json', 'print the verdicts as JSON instead of the report')
    .action(async (patterns, options) => {
      // Loaded only when the command runs, so that `--help` and the other commands start fast.
      const [
        { glob },
        { resolveNative },
        { formatVerifyReport },
        { summariseVerdicts },
        { verifyEngines },
      ] = await Promise.all([
        import('tinyglobby'),
        import('../../engines/resolve-native.js'),
        import('../../report/format-verify-report.js'),
        import('../../verify/summarise-verdicts.js'),
        import('../../verify/verify-engines.js'),
      ]);
      const native = await resolveNative({
        preference: 'native',
        explicitPath: options.openscad,
        env: context.env,
      });
      const binary = native.native?.binary;
      if (binary === undefined) {
        throw new ParascadError(
          'ENGINE_NOT_FOUND',
          'verify-engines needs the native openscad as its baseline',
        );
      }
      const files = (
        await glob([...patterns], { cwd: context.cwd, absolute: true, onlyFiles: true })
      )
        .filter((file) => file.endsWith('.scad'))
        .sort();
      if (files.length === 0) {
        throw new ParascadError('NOTHING_TO_RENDER', `No .scad file matches ${patterns.join(' ')}`);
      }
      const engines = options.engines ?? (['native', 'wasm'] as const);
      const workDir = await mkdtemp(join(tmpdir(), 'parascad-verify-'));
      try {
        const verdicts = await verifyEngines({
          files,
          cwd: context.cwd,
          openscad: binary,
          engines,
          jobs: options.jobs ?? availableParallelism(),
          timeoutSeconds: options.timeout ?? 120,
          workDir,
          signal: AbortSignal.any([context.stopSignal, context.signal]),
          onProgress: (message) => {
            context.stderr(`… ${message}\n`);
          },
        });
        const totals = summariseVerdicts(verdicts, engines);
        const report = formatVerifyReport(verdicts, totals, engines, context.cwd);
        if (options.report !== undefined)
          await writeFile(resolve(context.cwd, options.report), report);
        context.stdout(
          options.json === true ? `${JSON.stringify({ totals, verdicts }, null, 2)}\n` : report,
        );
        const clean = engines.every((engine) => {
          const total = totals.engines[engine];
          return total !== undefined && total.lost === 0 && total.disagreeing === 0;
        });
        if (context.stopSignal.aborted || context.signal.aborted)
          context.setExitCode(exitCodes.interrupted);
        else context.setExitCode(clean ? exitCodes.ok : exitCodes.partsFailed);
      } finally {
        await rm(workDir, { recursive: true, force: true });
      }
    });
}

function engineList(text: string): VerifiedEngine[] {
  const engines = text.split(',').map((engine) => engine.trim());
  const unknown = engines.filter((engine) => engine !== 'native' && engine !== 'wasm');
  if (unknown.length > 0 || engines.length === 0) {
    throw new InvalidArgumentError('expected native, wasm or native,wasm');
  }
  return [...new Set(engines)] as VerifiedEngine[];
}
