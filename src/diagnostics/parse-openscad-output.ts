import { resolve } from 'node:path';
import type {
  Diagnostic,
  DiagnosticCode,
  DiagnosticSeverity,
  SourceLocation,
} from './diagnostic.js';

/** Where the file names in OpenSCAD's messages are relative to. */
export interface ParseOpenScadOutputOptions {
  /**
   * The folder of the main `.scad` file. OpenSCAD 2021.01 prints most file names relative to it;
   * 2025.01 prints absolute paths, which are kept as they are.
   */
  readonly baseDir: string;
  /**
   * The working directory OpenSCAD ran in. OpenSCAD 2021.01 prints the file of a parser error
   * relative to it rather than to the main file's folder.
   * @default baseDir
   */
  readonly cwd?: string;
}

/** The line prefixes OpenSCAD prints (`getGroupName` in its printutils), by severity. */
const severityByPrefix: Readonly<Record<string, DiagnosticSeverity>> = {
  ERROR: 'error',
  'UI-ERROR': 'error',
  'EXPORT-ERROR': 'error',
  'PARSER-ERROR': 'error',
  WARNING: 'warning',
  'UI-WARNING': 'warning',
  'FONT-WARNING': 'warning',
  'EXPORT-WARNING': 'warning',
  DEPRECATED: 'deprecated',
  TRACE: 'trace',
  ECHO: 'echo',
};

const prefixed =
  /^(ERROR|UI-ERROR|EXPORT-ERROR|PARSER-ERROR|WARNING|UI-WARNING|FONT-WARNING|EXPORT-WARNING|DEPRECATED|TRACE|ECHO):(?: |$)(.*)$/s;

/** A message OpenSCAD prints that parascad gives a meaning to. */
interface MessageRule {
  readonly pattern: RegExp;
  readonly code?: DiagnosticCode;
  readonly fatal: boolean;
  /** The severity when OpenSCAD printed the message without a prefix. */
  readonly severity: DiagnosticSeverity;
}

/**
 * Wordings taken from real runs of OpenSCAD 2021.01 (native) and 2025.01 (WASM); see
 * test/fixtures/openscad-output. Several of them are printed with no prefix at all, or only as a
 * WARNING while OpenSCAD goes on to export a part that lacks what the user asked for.
 */
const rules: readonly MessageRule[] = [
  {
    pattern: /^Can't open include file '/,
    code: 'missing-include',
    fatal: true,
    severity: 'warning',
  },
  {
    pattern: /^Can't open library (?:file )?'/,
    code: 'missing-library',
    fatal: true,
    severity: 'warning',
  },
  {
    pattern: /^Can't open (?:DXF|DAT|import) file '/,
    code: 'missing-import',
    fatal: true,
    severity: 'warning',
  },
  // Single quotes and `import()`: a missing SVG. The export failure below uses double quotes.
  {
    pattern: /^Can't open file '.*', import\(\) at line \d+/,
    code: 'missing-import',
    fatal: true,
    severity: 'error',
  },
  {
    pattern: /^Could not read file '.*', import\(\) at line \d+/,
    code: 'missing-import',
    fatal: true,
    severity: 'warning',
  },
  {
    pattern: /^The file '.*' couldn't be opened\.?$/,
    code: 'missing-import',
    fatal: true,
    severity: 'warning',
  },
  {
    pattern: /^Can't read (?:PNG image '|file '.*' from zipped AMF)/,
    code: 'missing-import',
    fatal: true,
    severity: 'warning',
  },
  // 2025.01 reports a missing OFF file as a read error on line 0 with an empty line.
  {
    pattern: /^OFF File line \d+, File error line '/,
    code: 'missing-import',
    fatal: true,
    severity: 'error',
  },
  {
    pattern: /^Current top level object is empty\.?$/,
    code: 'empty-top-level',
    fatal: true,
    severity: 'error',
  },
  {
    pattern: /^Current top level object is not a 3D object\.?$/,
    code: 'not-3d',
    fatal: true,
    severity: 'error',
  },
  {
    pattern: /^Current top level object is not a 2D object\.?$/,
    code: 'not-2d',
    fatal: true,
    severity: 'error',
  },
  {
    pattern: /^'.*' is not a directory for output file .* - Skipping$/,
    code: 'output-not-writable',
    fatal: true,
    severity: 'error',
  },
  // OpenSCAD exits 0 after this one.
  {
    pattern: /^Can't open file ".*" for export$/,
    code: 'output-not-writable',
    fatal: true,
    severity: 'error',
  },
  {
    pattern: /^Can't open dependencies file /,
    code: 'output-not-writable',
    fatal: true,
    severity: 'error',
  },
  {
    pattern: /^Export to \S+ format was not enabled when building the application\.?$/,
    code: 'export-not-supported',
    fatal: true,
    severity: 'error',
  },
  // 2021.01 prints only the second sentence of this message.
  {
    pattern:
      /^(?:Invalid suffix \S*\. )?Either add a valid suffix or specify one using the --export-format option\.?$/,
    code: 'export-not-supported',
    fatal: true,
    severity: 'error',
  },
  { pattern: /^Parser error\b/, code: 'parser-error', fatal: true, severity: 'error' },
  { pattern: /^Can't parse file '.*'!$/, code: 'parser-error', fatal: true, severity: 'error' },
  { pattern: /^Assertion '.*' failed/, code: 'assertion-failed', fatal: true, severity: 'error' },
  { pattern: /^Recursion detected calling\b/, code: 'recursion', fatal: true, severity: 'error' },
  {
    pattern: /^Ignoring unknown module '/,
    code: 'unknown-module',
    fatal: false,
    severity: 'warning',
  },
  {
    pattern: /^Ignoring unknown variable ['"]/,
    code: 'unknown-variable',
    fatal: false,
    severity: 'warning',
  },
  {
    pattern:
      /^(?:Can't get font\b|Can't register font\b|Can't read font with path\b|Can't set font size\b|Can't initialize fontconfig library\b|Could not select a char map for font\b)/,
    code: 'font-missing',
    fatal: false,
    severity: 'warning',
  },
  // 2025.01: a call of a feature that needs `--enable` (textmetrics, roof) is undef and a warning,
  // and the part exports what is left (a dummy cube where `cube([m.size.x, …])` read it).
  {
    pattern: /^Experimental builtin (?:function|module) '[^']*' is not enabled\b/,
    fatal: true,
    severity: 'warning',
  },
  { pattern: /^Can't open input file '.*'!$/, fatal: true, severity: 'error' },
  { pattern: /^Export failed\b/, fatal: true, severity: 'error' },
  { pattern: /^Execution aborted\.?$/, fatal: true, severity: 'error' },
  {
    pattern: /^Exported object may not be a valid 2-manifold\b/,
    fatal: false,
    severity: 'warning',
  },
];

/** Routine progress and statistics lines: not diagnostics. */
const chatter: readonly RegExp[] = [
  /^Geometries in cache: /,
  /^Geometry cache size in bytes: /,
  /^CGAL Polyhedrons in cache: /,
  /^CGAL cache size in bytes: /,
  /^Total rendering time: /,
  /^\s*Top level object is /,
  /^\s+(?:Simple|Vertices|Halfedges|Edges|Halffacets|Facets|Triangles|Volumes|Status|Genus|Convex|Contours|Objects):/,
  /^Rendering Polygon Mesh\b/,
  /^Rendering (?:finished|cancelled)\b/,
  /^Could not initialize localization\b/,
  /^Fontconfig\b/,
  /^QObject::/,
  /^Parsing design \(AST generation\)/,
  /^Compiling (?:design|background|highlights)\b/,
  /^Normalized (?:CSG )?tree (?:has|is growing)\b/,
  /^Saved backup file\b/,
  /^Exporting .*\.\.\.$/,
  /^Stack size increased to\b/,
];

/**
 * Lines with no prefix that no rule knows. A crash of the native binary prints such lines
 * (`terminate called after throwing …`, `  what():  … error reading the file`), and they are the
 * only explanation the user gets, so they are kept. They are kept as `info` and never fatal: the
 * wording is unknown, so whether it failed the part is left to the exit code rather than guessed.
 * Other unknown lines are dropped so that new chatter never turns into invented diagnostics.
 */
const looksLikeError =
  /\b(?:error|exception|abort(?:ed)?|terminate called|fail(?:ed|ure)?|can't|cannot|couldn't|could not|unable)\b/i;

// `s`: a message joined across lines (see continuedMessage) holds line breaks.
const locationSuffix = /^(.*) in file (?:"(.+)"|(.+)), line (\d+)$/s;
// The wording of releases before 2021.01: `Parser error in file "/tmp/x.scad", line 3: syntax error`.
const quotedParserLocation = /^Parser error in file "(.+)", line (\d+): (.*)$/;

/**
 * Turns everything one OpenSCAD run printed (stdout and stderr, in order) into diagnostics, one per
 * meaningful line and in the same order, so a caller can judge a part by more than the exit code:
 * OpenSCAD exits 0 after a missing `include`, an unwritable output file or an unsupported export.
 * Never throws.
 */
export function parseOpenScadOutput(
  output: string,
  options: ParseOpenScadOutputOptions,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const lines = output.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    let line = (lines[index] ?? '').trimEnd();
    if (line.trim() === '') continue;
    const continued = continuedMessage(lines, index);
    if (continued !== undefined) {
      line = continued.text;
      index = continued.lastIndex;
    }
    const diagnostic = parseLine(line, options);
    if (diagnostic === undefined) continue;
    // `Can't parse file …!` follows every parser error and adds nothing to it.
    if (
      isUnprefixedParseFailure(line) &&
      diagnostics.some((earlier) => earlier.code === 'parser-error')
    )
      continue;
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

function parseLine(line: string, options: ParseOpenScadOutputOptions): Diagnostic | undefined {
  const match = prefixed.exec(line);
  if (match !== null) {
    const severity = severityByPrefix[match[1] ?? ''] ?? 'info';
    const text = match[2] ?? '';
    // An echoed value may itself contain ` in file …, line N`; OpenSCAD never locates an echo.
    if (severity === 'echo') return { severity, message: text, fatal: false };
    const { message, file, lineNumber } = splitLocation(text);
    const rule = rules.find((candidate) => candidate.pattern.test(message));
    const code = rule?.code ?? (match[1] === 'FONT-WARNING' ? 'font-missing' : undefined);
    const fatal = severity === 'error' || rule?.fatal === true;
    const location =
      file === undefined || lineNumber === undefined
        ? undefined
        : locate(file, lineNumber, code, options);
    return build(severity, message, location, code, fatal);
  }

  if (chatter.some((pattern) => pattern.test(line))) return undefined;
  const text = line.trim();
  const rule = rules.find((candidate) => candidate.pattern.test(text));
  if (rule !== undefined) return build(rule.severity, text, undefined, rule.code, rule.fatal);
  if (looksLikeError.test(text)) return { severity: 'info', message: text, fatal: false };
  return undefined;
}

/** The most lines one message with line breaks in its string is read across. */
const longestMessageLines = 200;

/**
 * A message whose string holds line breaks (`assert(false, "first\nsecond")`, an echo of such a
 * string) spans lines: OpenSCAD prints the string as it is and the location after its end. A
 * prefixed line with a string left open is joined with the lines after it until the string
 * closes, so that the message is whole and its location (on the last line) is read. Undefined
 * when the line is complete, or when no later line closes the string before another message.
 */
function continuedMessage(
  lines: readonly string[],
  index: number,
): { text: string; lastIndex: number } | undefined {
  let text = (lines[index] ?? '').trimEnd();
  if (!prefixed.test(text) || !opensString(text)) return undefined;
  const last = Math.min(lines.length - 1, index + longestMessageLines);
  for (let next = index + 1; next <= last; next += 1) {
    const line = (lines[next] ?? '').trimEnd();
    if (prefixed.test(line)) return undefined;
    text = `${text}\n${line}`;
    if (!opensString(text)) return { text, lastIndex: next };
  }
  return undefined;
}

/** Whether the text leaves a double-quoted string open (OpenSCAD escapes quotes in strings). */
function opensString(text: string): boolean {
  let open = false;
  for (let at = 0; at < text.length; at += 1) {
    const character = text[at];
    if (open && character === '\\') at += 1;
    else if (character === '"') open = !open;
  }
  return open;
}

function isUnprefixedParseFailure(line: string): boolean {
  return /^Can't parse file '.*'!$/.test(line);
}

function splitLocation(text: string): { message: string; file?: string; lineNumber?: number } {
  const quoted = quotedParserLocation.exec(text);
  if (quoted !== null) {
    return {
      message: `Parser error: ${quoted[3] ?? ''}`,
      file: quoted[1] ?? '',
      lineNumber: Number(quoted[2]),
    };
  }
  const suffix = locationSuffix.exec(text);
  if (suffix === null) return { message: text };
  return {
    message: suffix[1] ?? '',
    file: suffix[2] ?? suffix[3] ?? '',
    lineNumber: Number(suffix[4]),
  };
}

function locate(
  file: string,
  line: number,
  code: DiagnosticCode | undefined,
  options: ParseOpenScadOutputOptions,
): SourceLocation {
  const base = code === 'parser-error' ? (options.cwd ?? options.baseDir) : options.baseDir;
  return { file: resolve(base, file), line };
}

function build(
  severity: DiagnosticSeverity,
  message: string,
  location: SourceLocation | undefined,
  code: DiagnosticCode | undefined,
  fatal: boolean,
): Diagnostic {
  return {
    severity,
    message,
    ...(location === undefined ? {} : { location }),
    ...(code === undefined ? {} : { code }),
    fatal,
  };
}
