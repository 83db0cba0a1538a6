import { relative } from 'node:path';
import pc from 'picocolors';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../diagnostics/format-diagnostic.js';
import type { RenderJob } from '../plan/render-job.js';
import type { PartResult } from '../run/part-result.js';
import type { RunEvent } from '../run/run-event.js';
import type { RunSummary } from '../run/run-summary.js';
import { describeFailure } from './describe-failure.js';
import { formatConfigWarning } from './format-config-error.js';
import { formatDuration } from './format-duration.js';

export interface ConsoleReporterOptions {
  readonly write: (text: string) => void;
  readonly color: boolean;
  /** Also print each part's engine choice and everything OpenSCAD printed. */
  readonly verbose: boolean;
  readonly cwd: string;
}

/**
 * By default a part shows what the user may have to act on: errors and warnings, and the
 * explanation lines OpenSCAD printed when the part failed. Echoes, traces and deprecation notices
 * (often from libraries such as MCAD) wait for `--verbose`.
 */
function worthShowing(diagnostic: Diagnostic, result: PartResult, verbose: boolean): boolean {
  if (verbose || diagnostic.fatal) return true;
  switch (diagnostic.severity) {
    case 'error':
    case 'warning':
      return true;
    case 'info':
    case 'trace':
      return result.status === 'failed';
    case 'deprecated':
    case 'echo':
      return false;
  }
}

function formatsOf(job: RenderJob): string {
  return job.outputs.map((output) => output.format).join(' ');
}

/** Diagnostics shown under a part's line before the rest is summarised as a count. */
const diagnosticsShown = 5;

/** Prints a run as stable lines: the engine choice, a line per finished part, and a summary. */
export function createConsoleReporter(options: ConsoleReporterOptions): (event: RunEvent) => void {
  const colors = pc.createColors(options.color);
  const line = (text = ''): void => {
    options.write(`${text}\n`);
  };
  let nameWidth = 0;
  let formatWidth = 0;

  return (event) => {
    switch (event.type) {
      case 'run-start': {
        const parts = event.jobs.length;
        nameWidth = Math.max(...event.jobs.map((job) => job.name.length));
        formatWidth = Math.max(...event.jobs.map((job) => formatsOf(job).length));
        line(colors.bold(event.engines.explanation));
        line(
          colors.dim(
            `rendering ${parts} part${parts === 1 ? '' : 's'} with ${event.concurrency} worker${event.concurrency === 1 ? '' : 's'}`,
          ),
        );
        break;
      }
      case 'warning':
        line(formatConfigWarning(event.problem, { cwd: options.cwd, color: options.color }));
        break;
      case 'part-start':
        if (options.verbose)
          line(colors.dim(`  started ${event.job.name} on ${event.engine} (${event.reason})`));
        break;
      case 'part-done':
        printPart(event.result);
        break;
      case 'run-done':
        printSummary(event.summary);
        break;
    }
  };

  function printPart(result: PartResult): void {
    const name = result.job.name.padEnd(nameWidth);
    const time = formatDuration(result.seconds).padStart(7);
    const head = `${name}  ${formatsOf(result.job).padEnd(formatWidth)}  ${time}  ${result.engine}`;
    switch (result.status) {
      case 'ok':
        line(`${colors.green('✓')} ${head}`);
        break;
      case 'failed':
        line(
          `${colors.red('✗')} ${head}  ${colors.red(result.failure === undefined ? 'failed' : describeFailure(result.failure))}`,
        );
        break;
      case 'cancelled':
        line(`${colors.yellow('-')} ${head}  ${colors.yellow('cancelled')}`);
        break;
    }
    for (const output of result.outputs) {
      if (output.note !== undefined) line(colors.dim(`    ${output.note}`));
    }
    printDiagnostics(result);
    if (options.verbose && result.console.trim() !== '') {
      line(colors.dim(result.console.trimEnd().replace(/^/gm, '    | ')));
    }
  }

  function printDiagnostics(result: PartResult): void {
    const seen = new Set<string>();
    const shown = result.diagnostics.filter((diagnostic) => {
      const text = formatDiagnostic(diagnostic, { cwd: options.cwd, color: false });
      if (seen.has(text) || !worthShowing(diagnostic, result, options.verbose)) return false;
      seen.add(text);
      return true;
    });
    const important = [
      ...shown.filter((diagnostic) => diagnostic.fatal),
      ...shown.filter((diagnostic) => !diagnostic.fatal),
    ];
    const limit = options.verbose ? important.length : diagnosticsShown;
    for (const diagnostic of important.slice(0, limit)) {
      line(`    ${formatDiagnostic(diagnostic, { cwd: options.cwd, color: options.color })}`);
    }
    if (important.length > limit)
      line(colors.dim(`    … and ${important.length - limit} more (--verbose shows all)`));
  }

  function printSummary(summary: RunSummary): void {
    const total = summary.results.length;
    const counts = [
      colors.green(`${summary.ok} ok`),
      ...(summary.failed > 0 ? [colors.red(`${summary.failed} failed`)] : []),
      ...(summary.cancelled > 0 ? [colors.yellow(`${summary.cancelled} cancelled`)] : []),
    ].join(', ');
    line();
    line(
      `${colors.bold(`${total} part${total === 1 ? '' : 's'}`)}: ${counts} · wall ${formatDuration(summary.wallSeconds)}` +
        ` · sum of parts ${formatDuration(summary.partSeconds)} · speed-up ${summary.speedup.toFixed(2)}× on ${summary.concurrency} worker${summary.concurrency === 1 ? '' : 's'}`,
    );
    const folders = [
      ...new Set(
        summary.results.flatMap((result) =>
          result.outputs.map((output) =>
            relative(options.cwd, output.path).replace(/[^/\\]*$/, ''),
          ),
        ),
      ),
    ];
    if (folders.length > 0)
      line(colors.dim(`outputs in ${folders.map((folder) => folder || '.').join(', ')}`));
  }
}
