/** A place in a user's file, 1-based like OpenSCAD's own messages. */
export interface SourceLocation {
  /** Absolute path. */
  readonly file: string;
  readonly line: number;
  readonly column?: number;
}

/**
 * Only the place of a location that may carry more (a part's `declaredAt` has the marker's
 * `length`): messages and reports publish exactly {@link SourceLocation}'s fields.
 */
export function pointAt(location: SourceLocation): SourceLocation {
  const { file, line, column } = location;
  return column === undefined ? { file, line } : { file, line, column };
}

/** The kinds of line OpenSCAD prints, by their prefix. */
export type DiagnosticSeverity = 'error' | 'warning' | 'deprecated' | 'trace' | 'echo' | 'info';

/**
 * Conditions parascad recognises in OpenSCAD's output because they decide whether a part
 * rendered, even when OpenSCAD itself exits 0 or only prints a WARNING.
 */
export type DiagnosticCode =
  | 'missing-include'
  | 'missing-library'
  | 'missing-import'
  | 'empty-top-level'
  | 'not-3d'
  | 'not-2d'
  | 'output-not-writable'
  | 'export-not-supported'
  | 'parser-error'
  | 'assertion-failed'
  | 'recursion'
  | 'unknown-module'
  | 'unknown-variable'
  | 'font-missing';

/** One message OpenSCAD printed, attached to the part that printed it. */
export interface Diagnostic {
  readonly severity: DiagnosticSeverity;
  /** The message without its `WARNING:` prefix and without the `in file …, line N` suffix. */
  readonly message: string;
  readonly location?: SourceLocation;
  readonly code?: DiagnosticCode;
  /** True when this message alone means the part did not render correctly. */
  readonly fatal: boolean;
}
