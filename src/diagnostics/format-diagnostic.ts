import { isAbsolute, relative } from 'node:path';
import pc from 'picocolors';
import type { Diagnostic, DiagnosticSeverity } from './diagnostic.js';
import { unreachable } from '../util/unreachable.js';

/** How a diagnostic is printed. */
export interface FormatDiagnosticOptions {
  /** Locations inside this folder are printed relative to it, the way a user typed them. */
  readonly cwd: string;
  /** Colour the severity and location with ANSI escapes. */
  readonly color: boolean;
}

type Colors = ReturnType<typeof pc.createColors>;

const colored = pc.createColors(true);
const plain = pc.createColors(false);

/**
 * Prints one diagnostic on one line in the `file:line: severity: message` shape that compilers use,
 * so terminals and editors can jump to the place, e.g.
 * `project.scad:12: warning: Ignoring unknown variable 'x'`. A diagnostic without a location is
 * printed as `severity: message`.
 */
export function formatDiagnostic(diagnostic: Diagnostic, options: FormatDiagnosticOptions): string {
  const colors = options.color ? colored : plain;
  const label = paintSeverity(colors, diagnostic.severity)(`${diagnostic.severity}:`);
  const location = diagnostic.location;
  if (location === undefined) return `${label} ${diagnostic.message}`;
  const column = location.column === undefined ? '' : `:${location.column}`;
  const place = colors.bold(
    `${displayPath(location.file, options.cwd)}:${location.line}${column}:`,
  );
  return `${place} ${label} ${diagnostic.message}`;
}

function displayPath(file: string, cwd: string): string {
  const inside = relative(cwd, file);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? file : inside;
}

function paintSeverity(colors: Colors, severity: DiagnosticSeverity): (text: string) => string {
  switch (severity) {
    case 'error':
      return (text) => colors.bold(colors.red(text));
    case 'warning':
      return (text) => colors.bold(colors.yellow(text));
    case 'deprecated':
      return colors.magenta;
    case 'trace':
      return colors.dim;
    case 'echo':
      return colors.cyan;
    case 'info':
      return colors.blue;
    default:
      return unreachable(severity);
  }
}
