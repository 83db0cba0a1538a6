import { readFileSync } from 'node:fs';
import pc from 'picocolors';
import { inReadingOrder } from '../config/in-reading-order.js';
import { formatDiagnostic } from '../diagnostics/format-diagnostic.js';
import type { ConfigError, ConfigProblem } from '../errors.js';
import { withoutByteOrderMark } from '../util/read-regular-file.js';

/** How configuration problems are printed. */
export interface FormatConfigProblemOptions {
  /** Files inside this folder are shown relative to it. */
  readonly cwd: string;
  /** Colour the severity, the marker and the hint with ANSI escapes. */
  readonly color: boolean;
  /**
   * The text of a file, to show the offending line; undefined when it cannot be read.
   * @default reads the file synchronously, once per file per call
   */
  readonly readSource?: (file: string) => string | undefined;
}

type Severity = 'error' | 'warning';

/**
 * Prints every problem of a `ConfigError`, and the warnings it carries, in reading order, the way
 * compilers do, so editors can jump to each:
 *
 * ```text
 * render_config.yml:4:10: error: threads must be a positive integer, got "four"
 *     threads: four
 *              ^^^^
 *   hint: …
 * ```
 *
 * The source line and the marker are left out when the file cannot be read or the problem has
 * no location. No trailing newline.
 */
export function formatConfigError(error: ConfigError, options: FormatConfigProblemOptions): string {
  const lineOf = sourceLines(options.readSource ?? readFileOrUndefined);
  const severityOf = new Map<ConfigProblem, Severity>([
    ...error.problems.map((problem) => [problem, 'error'] as const),
    ...error.warnings.map((warning) => [warning, 'warning'] as const),
  ]);
  // The warnings go among the errors, each at its place, as a compiler lists them.
  const all =
    error.warnings.length === 0
      ? error.problems
      : inReadingOrder([...error.problems, ...error.warnings]);
  return all
    .map((problem) => formatProblem(problem, severityOf.get(problem) ?? 'error', lineOf, options))
    .join('\n');
}

/** Prints one warning in the same shape as {@link formatConfigError}, with `warning:`. */
export function formatConfigWarning(
  warning: ConfigProblem,
  options: FormatConfigProblemOptions,
): string {
  return formatProblem(
    warning,
    'warning',
    sourceLines(options.readSource ?? readFileOrUndefined),
    options,
  );
}

function formatProblem(
  problem: ConfigProblem,
  severity: Severity,
  lineOf: (file: string, line: number) => string | undefined,
  options: FormatConfigProblemOptions,
): string {
  const colors = pc.createColors(options.color);
  const paint = severity === 'error' ? colors.red : colors.yellow;
  const lines = [
    formatDiagnostic(
      {
        severity,
        message: problem.message,
        fatal: severity === 'error',
        ...(problem.location === undefined ? {} : { location: problem.location }),
      },
      { cwd: options.cwd, color: options.color },
    ),
  ];
  const location = problem.location;
  const text = location === undefined ? undefined : lineOf(location.file, location.line);
  if (location !== undefined && text !== undefined) {
    lines.push(`    ${text}`);
    if (location.column !== undefined) {
      const before = text.slice(0, location.column - 1);
      // Keep tabs so the marker lines up under the text however wide the terminal draws them.
      const indent = before.replace(/[^\t]/g, ' ').padEnd(location.column - 1);
      const width = Math.max(1, Math.min(location.length ?? 1, text.length - before.length));
      lines.push(`    ${indent}${paint('^'.repeat(width))}`);
    }
  }
  if (problem.hint !== undefined) lines.push(`  ${colors.dim('hint:')} ${problem.hint}`);
  return lines.join('\n');
}

/** Looks up 1-based lines, reading and splitting each file at most once. */
function sourceLines(
  readSource: (file: string) => string | undefined,
): (file: string, line: number) => string | undefined {
  const cache = new Map<string, readonly string[] | undefined>();
  return (file, line) => {
    if (!cache.has(file)) cache.set(file, readSource(file)?.split(/\r?\n/));
    return cache.get(file)?.[line - 1];
  };
}

function readFileOrUndefined(file: string): string | undefined {
  try {
    // As the readers that placed the problem saw it (see `readRegularText`).
    return withoutByteOrderMark(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
