import pc from 'picocolors';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../diagnostics/format-diagnostic.js';
import type { RenderJob } from '../plan/render-job.js';
import type { PartResult } from '../run/part-result.js';
import { unreachable } from '../util/unreachable.js';
import { describeFailure } from './describe-failure.js';
import { failureHint } from './failure-hint.js';
import { fitNameColumn } from './fit-name-column.js';
import { formatDuration } from './format-duration.js';

/** How a finished part is printed. */
export interface FormatPartResultOptions {
  readonly cwd: string;
  readonly color: boolean;
  /** Every diagnostic (echoes too) and everything OpenSCAD printed. */
  readonly verbose: boolean;
  /** Width of the name column: the longest part name of the run (capped), so the columns line up. */
  readonly nameWidth: number;
  /** Width of the formats column. */
  readonly formatWidth: number;
}

/** Diagnostics shown under a part's line before the rest is summarised as a count. */
const diagnosticsShown = 5;

/** The formats of a part as its line shows them: `stl 3mf`. */
export function formatsOf(job: RenderJob): string {
  return job.outputs.map((output) => output.format).join(' ');
}

/**
 * The lines of a finished part: its status line, then what the user may have to act on under it.
 *
 * ```text
 * ✗ broken       stl        0.21s  wasm  Assertion 'false' failed: "broken on purpose"
 *     project.scad:31: error: Assertion 'false' failed: "broken on purpose"
 * ```
 */
export function formatPartResult(result: PartResult, options: FormatPartResultOptions): string[] {
  const colors = pc.createColors(options.color);
  const name = fitNameColumn(result.job.name, options.nameWidth);
  const time = (result.cached === undefined ? formatDuration(result.seconds) : 'cached').padStart(
    7,
  );
  const where = result.where === undefined ? '' : colors.dim(`  ${result.where}`);
  const head = `${name}  ${formatsOf(result.job).padEnd(options.formatWidth)}  ${time}  ${result.engine}${where}`;
  const from =
    result.cached === undefined
      ? ''
      : colors.dim(`  rendered ${whenRendered(result.cached.renderedAt)}`);
  const lines = [`${statusLine(result, head, colors)}${from}`];
  if (result.fallbackFrom !== undefined) {
    const { engine, failure } = result.fallbackFrom;
    lines.push(
      result.status === 'ok'
        ? colors.dim(
            `    rendered on ${result.engine} because ${engine} failed: ${describeFailure(failure)}`,
          )
        : `    ${engine} failed first: ${describeFailure(failure)}`,
    );
  }
  for (const output of result.outputs) {
    if (output.note !== undefined) lines.push(colors.dim(`    ${output.note}`));
  }
  lines.push(...diagnosticLines(result, options));
  const hint = failureHint(result);
  if (hint !== undefined) lines.push(`    ${colors.dim('hint:')} ${hint}`);
  if (options.verbose && result.console.trim() !== '') {
    lines.push(colors.dim(result.console.trimEnd().replace(/^/gm, '    | ')));
  }
  return lines;
}

/** When a cached part was rendered, in local time: `2026-12-02 05:40`. */
function whenRendered(at: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

function statusLine(
  result: PartResult,
  head: string,
  colors: ReturnType<typeof pc.createColors>,
): string {
  switch (result.status) {
    case 'ok':
      return `${colors.green('✓')} ${head}`;
    case 'failed': {
      const why = result.failure === undefined ? 'failed' : describeFailure(result.failure);
      // One line: a message with line breaks (a multi-line assert) is shown whole below.
      const [first = '', ...rest] = why.split('\n');
      return `${colors.red('✗')} ${head}  ${colors.red(rest.length === 0 ? first : `${first} …`)}`;
    }
    case 'cancelled':
      return `${colors.yellow('-')} ${head}  ${colors.yellow('cancelled')}`;
    default:
      return unreachable(result.status);
  }
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
    default:
      return unreachable(diagnostic.severity);
  }
}

function diagnosticLines(result: PartResult, options: FormatPartResultOptions): string[] {
  const colors = pc.createColors(options.color);
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
  const lines = important.slice(0, limit).map(
    (diagnostic) =>
      // A message's own line breaks keep the indent, so the part's lines stay together.
      `    ${formatDiagnostic(diagnostic, { cwd: options.cwd, color: options.color }).replaceAll('\n', '\n      ')}`,
  );
  if (important.length > limit)
    lines.push(colors.dim(`    … and ${important.length - limit} more (--verbose shows all)`));
  return lines;
}
