import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { parseOpenScadOutput } from '../../src/diagnostics/parse-openscad-output.js';
import { captureBaseDir, nativeCaptureCwd, readOpenScadFixture } from './openscad-fixture.js';
import type { OpenScadVersion } from './openscad-fixture.js';

const both: readonly OpenScadVersion[] = ['2021', '2025'];

function parseFixture(name: string, version: OpenScadVersion): Diagnostic[] {
  return parseOpenScadOutput(readOpenScadFixture(name, version), {
    baseDir: captureBaseDir(name, version),
    cwd: nativeCaptureCwd,
  });
}

function codes(diagnostics: readonly Diagnostic[]): (string | undefined)[] {
  return diagnostics.map((diagnostic) => diagnostic.code);
}

describe('routine output', () => {
  test.each(both)(
    'a successful cube render in %s yields no diagnostics because all its lines are chatter',
    (version) => {
      expect(parseFixture('cube-success', version)).toEqual([]);
    },
  );

  test.each([
    'two-exports',
    'two-exports-heavy',
    'square-svg-success',
    'cgal-backend',
    'non-manifold',
  ])('the statistics of %s are skipped in both versions', (name) => {
    expect(parseFixture(name, '2021')).toEqual([]);
    expect(parseFixture(name, '2025')).toEqual([]);
  });

  test('a lazy-union list of objects in 2025 is chatter too', () => {
    expect(parseFixture('lazy-union-list', '2025')).toEqual([]);
  });

  test.each(both)(
    'echo lines in %s are kept as echo diagnostics without their prefix',
    (version) => {
      expect(parseFixture('echo', version)).toEqual([
        { severity: 'echo', message: '"hello", 3', fatal: false },
        { severity: 'echo', message: '"v=[1, 2]"', fatal: false },
      ]);
    },
  );

  test('deprecations keep their severity and only the located one gets a location', () => {
    expect(parseFixture('deprecated', '2021')).toEqual([
      {
        severity: 'deprecated',
        message: 'child() will be removed in future releases. Use children() instead.',
        fatal: false,
      },
      {
        severity: 'deprecated',
        message:
          'The assign() module will be removed in future releases. Use a regular assignment instead.',
        location: { file: '/tmp/parascad-cases/deprecated/main.scad', line: 3 },
        fatal: false,
      },
    ]);
  });

  test.each(both)('an ordinary warning in %s has no code and does not fail the part', (version) => {
    const [warning, echo] = parseFixture('undef-operation', version);
    expect(warning).toMatchObject({
      severity: 'warning',
      message: 'undefined operation (vector + string)',
      fatal: false,
    });
    expect(warning?.code).toBeUndefined();
    expect(echo).toEqual({ severity: 'echo', message: 'undef', fatal: false });
  });
});

describe('locations', () => {
  test('a 2021 location relative to the main file is resolved against baseDir', () => {
    expect(parseFixture('unknown-variable', '2021')).toEqual([
      {
        severity: 'warning',
        message: "Ignoring unknown variable 'size'",
        location: { file: '/tmp/parascad-cases/unknown-variable/parts/part.scad', line: 2 },
        code: 'unknown-variable',
        fatal: false,
      },
    ]);
  });

  test('a 2025 absolute location is kept and the double-quoted variable name stays in the message', () => {
    expect(parseFixture('unknown-variable', '2025')).toEqual([
      {
        severity: 'warning',
        message: 'Ignoring unknown variable "size"',
        location: { file: '/project/parts/part.scad', line: 2 },
        code: 'unknown-variable',
        fatal: false,
      },
    ]);
  });

  test.each([
    ['2021', '/tmp/parascad-cases/spaces-in-path/my parts/part.scad'],
    ['2025', '/project/my parts/part.scad'],
  ] as const)('file names with spaces in %s are read whole', (version, file) => {
    const diagnostics = parseFixture('spaces-in-path', version);
    expect(diagnostics.map((diagnostic) => diagnostic.location)).toEqual([
      { file, line: 2 },
      { file, line: 3 },
    ]);
    expect(diagnostics[1]).toMatchObject({
      message: "Ignoring unknown module 'gadget'",
      code: 'unknown-module',
      fatal: false,
    });
  });

  test('a 2021 parser error path is relative to the working directory, not to the main file', () => {
    expect(parseFixture('parse-error', '2021')[0]?.location).toEqual({
      file: '/tmp/parascad-cases/parse-error/main.scad',
      line: 2,
    });
  });

  test('without cwd a 2021 parser error path resolves against baseDir, which fits a run from the main folder', () => {
    const output = readOpenScadFixture('parse-error-from-main-folder', '2021');
    const diagnostics = parseOpenScadOutput(output, { baseDir: '/tmp/parascad-cases/parse-error' });
    expect(diagnostics).toEqual([
      {
        severity: 'error',
        message: 'Parser error: syntax error',
        location: { file: '/tmp/parascad-cases/parse-error/main.scad', line: 2 },
        code: 'parser-error',
        fatal: true,
      },
    ]);
  });

  test('a message inside an included file in 2025 points at that file', () => {
    expect(parseFixture('nested-missing-include', '2025')[0]?.location).toEqual({
      file: '/project/parts/a.scad',
      line: 1,
    });
  });

  test('the older quoted parser location form is understood (wording of releases before 2021.01)', () => {
    const output = 'ERROR: Parser error in file "/tmp/x.scad", line 3: syntax error\n';
    expect(parseOpenScadOutput(output, { baseDir: '/elsewhere' })).toEqual([
      {
        severity: 'error',
        message: 'Parser error: syntax error',
        location: { file: '/tmp/x.scad', line: 3 },
        code: 'parser-error',
        fatal: true,
      },
    ]);
  });
});

describe('trace lines', () => {
  test('2021 prints the call chain of a failed assertion as trace diagnostics after the error', () => {
    const file = '/tmp/parascad-cases/assert/main.scad';
    expect(parseFixture('assert', '2021')).toEqual([
      {
        severity: 'error',
        message: 'Assertion \'false\' failed: "boom"',
        location: { file, line: 2 },
        code: 'assertion-failed',
        fatal: true,
      },
      {
        severity: 'trace',
        message: "called by 'assert'",
        location: { file, line: 2 },
        fatal: false,
      },
      {
        severity: 'trace',
        message: "called by 'inner'",
        location: { file, line: 5 },
        fatal: false,
      },
      {
        severity: 'trace',
        message: "called by 'outer'",
        location: { file, line: 7 },
        fatal: false,
      },
      {
        severity: 'error',
        message: 'Current top level object is empty.',
        code: 'empty-top-level',
        fatal: true,
      },
    ]);
  });

  test('2025 adds the module declarations to the call chain', () => {
    const traces = parseFixture('assert', '2025').filter(
      (diagnostic) => diagnostic.severity === 'trace',
    );
    expect(traces.map((trace) => [trace.message, trace.location?.line])).toEqual([
      ["called by 'assert'", 2],
      ["call of 'inner()'", 1],
      ["called by 'inner'", 5],
      ["call of 'outer()'", 4],
      ["called by 'outer'", 7],
    ]);
  });

  test('2025 traces an assignment with the variable in double quotes', () => {
    expect(parseFixture('hardwarnings-assignment', '2025')[1]).toEqual({
      severity: 'trace',
      message: 'assignment to "x"',
      location: { file: '/project/main.scad', line: 1 },
      fatal: false,
    });
  });
});

describe('conditions that decide whether a part rendered', () => {
  test.each(both)('a missing include in %s is a fatal warning', (version) => {
    const [diagnostic] = parseFixture('missing-include', version);
    expect(diagnostic).toMatchObject({
      severity: 'warning',
      message: "Can't open include file 'nope.scad'.",
      code: 'missing-include',
      fatal: true,
    });
  });

  test('only 2025 says which file had the missing include', () => {
    expect(parseFixture('missing-include', '2021')[0]?.location).toBeUndefined();
    expect(parseFixture('missing-include', '2025')[0]?.location).toEqual({
      file: '/project/main.scad',
      line: 1,
    });
  });

  test.each(both)('a missing use in %s is a fatal missing-library warning', (version) => {
    expect(parseFixture('missing-use', version)).toMatchObject([
      {
        severity: 'warning',
        message: "Can't open library 'lib/nope.scad'.",
        code: 'missing-library',
        fatal: true,
      },
    ]);
  });

  test.each([
    [
      'missing-import-dxf',
      '2021',
      "Can't open DXF file '/tmp/parascad-cases/missing-import-dxf/nope.dxf'.",
    ],
    ['missing-import-dxf', '2025', "Can't open DXF file '/project/nope.dxf'."],
    [
      'missing-import-stl',
      '2021',
      "Can't open import file '/tmp/parascad-cases/missing-import-stl/nope.stl', import() at line 1",
    ],
    [
      'missing-import-stl',
      '2025',
      "Can't open import file '/project/nope.stl', import() at line 1",
    ],
  ] as const)(
    '%s in %s is a fatal missing-import warning although OpenSCAD exits 0',
    (name, version, message) => {
      expect(parseFixture(name, version)).toEqual([
        { severity: 'warning', message, code: 'missing-import', fatal: true },
      ]);
    },
  );

  test.each(both)(
    'a missing SVG import in %s is an ERROR with the missing-import code',
    (version) => {
      expect(parseFixture('missing-import-svg', version)).toMatchObject([
        { severity: 'error', code: 'missing-import', fatal: true },
      ]);
    },
  );

  test('every missing import format is recognised in 2021', () => {
    expect(codes(parseFixture('missing-import-formats', '2021'))).toEqual(
      Array(6).fill('missing-import'),
    );
  });

  test('every missing import format is recognised in 2025, including its OFF read error and 3MF exception text', () => {
    const diagnostics = parseFixture('missing-import-formats', '2025');
    expect(codes(diagnostics)).toEqual([
      'missing-import',
      'missing-import',
      undefined,
      'missing-import',
      'missing-import',
      'missing-import',
      'missing-import',
    ]);
    expect(diagnostics[0]).toEqual({
      severity: 'error',
      message: "OFF File line 0, File error line '' importing file '/project/nope.off'",
      location: { file: '/project/main.scad', line: 2 },
      code: 'missing-import',
      fatal: true,
    });
    expect(diagnostics[2]).toMatchObject({ severity: 'deprecated', fatal: false });
  });

  test.each(both)(
    'an import that leaves nothing in %s reports the import and the empty top level',
    (version) => {
      expect(codes(parseFixture('missing-import-only', version))).toEqual([
        'missing-import',
        'empty-top-level',
      ]);
    },
  );

  test.each(both)(
    'an empty top level in %s is a fatal error although the line has no prefix',
    (version) => {
      expect(parseFixture('empty-top-level', version)).toEqual([
        {
          severity: 'error',
          message: 'Current top level object is empty.',
          code: 'empty-top-level',
          fatal: true,
        },
      ]);
    },
  );

  test.each(both)('a 2D object exported to STL in %s is not-3d', (version) => {
    expect(parseFixture('2d-to-stl', version)).toEqual([
      {
        severity: 'error',
        message: 'Current top level object is not a 3D object.',
        code: 'not-3d',
        fatal: true,
      },
    ]);
  });

  test.each([
    ['3d-to-svg', '2021'],
    ['3d-to-svg', '2025'],
    ['3d-to-dxf', '2021'],
    ['3d-to-dxf', '2025'],
  ] as const)('a 3D object exported by %s in %s is not-2d', (name, version) => {
    expect(parseFixture(name, version)).toEqual([
      {
        severity: 'error',
        message: 'Current top level object is not a 2D object.',
        code: 'not-2d',
        fatal: true,
      },
    ]);
  });

  test.each(both)(
    'an output folder that does not exist in %s is output-not-writable',
    (version) => {
      expect(parseFixture('unwritable-output', version)).toEqual([
        {
          severity: 'error',
          message:
            "'/nonexistent/dir' is not a directory for output file /nonexistent/dir/out.stl - Skipping",
          code: 'output-not-writable',
          fatal: true,
        },
      ]);
    },
  );

  test.each([
    ['export-to-directory', '2021', '/tmp/parascad-cases/export-to-directory/taken.stl'],
    ['export-to-directory', '2025', '/project/taken.stl'],
    ['export-unopenable', '2021', '/proc/out.stl'],
  ] as const)(
    'an output file that cannot be opened (%s, %s) is output-not-writable although OpenSCAD exits 0',
    (name, version, file) => {
      expect(parseFixture(name, version)).toEqual([
        {
          severity: 'error',
          message: `Can't open file "${file}" for export`,
          code: 'output-not-writable',
          fatal: true,
        },
      ]);
    },
  );

  test('PDF export in the 2025 WASM build is export-not-supported, while 2021 exports PDF without a message', () => {
    expect(parseFixture('2d-to-pdf', '2025')).toEqual([
      {
        severity: 'error',
        message: 'Export to PDF format was not enabled when building the application.',
        code: 'export-not-supported',
        fatal: true,
      },
    ]);
    expect(parseFixture('2d-to-pdf', '2021')).toEqual([]);
  });

  test.each([
    ['2021', 'Either add a valid suffix or specify one using the --export-format option.'],
    [
      '2025',
      'Invalid suffix xyz. Either add a valid suffix or specify one using the --export-format option.',
    ],
  ] as const)('an unknown output suffix in %s is export-not-supported', (version, message) => {
    expect(parseFixture('invalid-suffix', version)).toEqual([
      { severity: 'error', message, code: 'export-not-supported', fatal: true },
    ]);
  });

  test.each(both)(
    "a parser error in %s is reported once, without the following Can't parse file line",
    (version) => {
      const diagnostics = parseFixture('parse-error', version);
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]).toMatchObject({
        severity: 'error',
        message: 'Parser error: syntax error',
        code: 'parser-error',
        fatal: true,
      });
    },
  );

  test.each([
    ['2021', '/tmp/parascad-cases/parse-error-included/broken.scad'],
    ['2025', '/project/broken.scad'],
  ] as const)('a parser error in an included file in %s points at that file', (version, file) => {
    expect(parseFixture('parse-error-included', version)).toMatchObject([
      { code: 'parser-error', location: { file, line: 1 } },
    ]);
  });

  test.each(both)('--hardwarnings in %s turns a missing include into a parser error', (version) => {
    expect(parseFixture('hardwarnings-include', version)).toMatchObject([
      { code: 'missing-include', fatal: true },
      {
        severity: 'error',
        message: 'Parser error: stop on first warning',
        code: 'parser-error',
        fatal: true,
      },
    ]);
  });

  test('an assertion that 2025 reports while still exporting is fatal', () => {
    expect(parseFixture('assert-plain', '2025')).toEqual([
      {
        severity: 'error',
        message: "Assertion '(1 > 2)' failed",
        location: { file: '/project/main.scad', line: 2 },
        code: 'assertion-failed',
        fatal: true,
      },
      {
        severity: 'trace',
        message: "called by 'assert'",
        location: { file: '/project/main.scad', line: 2 },
        fatal: false,
      },
    ]);
  });

  test.each(both)('an assertion inside a function in %s is assertion-failed', (version) => {
    expect(parseFixture('assert-in-function', version)[0]).toMatchObject({
      message: 'Assertion \'(x > 0)\' failed: "x must be positive"',
      code: 'assertion-failed',
      fatal: true,
    });
  });

  test.each([
    ['recursion-module', "Recursion detected calling module 'r'"],
    ['recursion-function', "Recursion detected calling function 'f'"],
    ['deep-recursion', "Recursion detected calling function 'f'"],
  ])('%s in 2021 is a fatal recursion error followed by at most five traces', (name, message) => {
    const diagnostics = parseFixture(name, '2021');
    expect(diagnostics[0]).toMatchObject({
      severity: 'error',
      message,
      code: 'recursion',
      fatal: true,
    });
    expect(diagnostics.filter((diagnostic) => diagnostic.severity === 'trace')).toHaveLength(5);
    expect(diagnostics.at(-1)?.code).toBe('empty-top-level');
  });

  test('infinite recursion in the 2025 WASM build prints nothing to parse: the engine sees the crash', () => {
    expect(parseFixture('recursion-module', '2025')).toEqual([]);
  });

  test.each(both)(
    'a corrupt STL is fatal only where it is reported as an ERROR (%s)',
    (version) => {
      const diagnostics = parseFixture('corrupt-import', version);
      if (version === '2021') expect(diagnostics).toEqual([]);
      else {
        expect(diagnostics).toEqual([
          {
            severity: 'error',
            message: "STL format not recognized in '/project/bad.stl'.",
            location: { file: '/project/main.scad', line: 1 },
            fatal: true,
          },
        ]);
      }
    },
  );

  test.each([
    ['2021', "Can't open input file '/tmp/parascad-cases/nope-main.scad'!"],
    ['2025', "Can't open input file '/nope.scad'!"],
  ] as const)('a missing main file in %s is a fatal error', (version, message) => {
    const output = readOpenScadFixture('missing-main', version);
    expect(parseOpenScadOutput(output, { baseDir: '/' })).toEqual([
      { severity: 'error', message, fatal: true },
    ]);
  });
});

describe('conditions that do not fail a part', () => {
  test.each(both)('unknown modules and variables in %s are coded but not fatal', (version) => {
    expect(parseFixture('unknown-module', version)).toMatchObject([
      { code: 'unknown-module', fatal: false },
    ]);
    expect(parseFixture('unknown-variable', version)).toMatchObject([
      { code: 'unknown-variable', fatal: false },
    ]);
  });

  test('a font the 2025 WASM build cannot find is font-missing and not fatal, though the empty result is', () => {
    expect(parseFixture('bad-font', '2025')).toEqual([
      {
        severity: 'warning',
        message: "Can't get font No Such Font Family:style=Bold",
        location: { file: '/project/main.scad', line: 1 },
        code: 'font-missing',
        fatal: false,
      },
      {
        severity: 'error',
        message: 'Current top level object is empty.',
        code: 'empty-top-level',
        fatal: true,
      },
    ]);
  });

  test('2021 falls back to another font silently', () => {
    expect(parseFixture('bad-font', '2021')).toEqual([]);
  });

  test.each([
    ['2021', '/tmp/parascad-cases/bad-font-file/fonts/bad.ttf'],
    ['2025', '/project/fonts/bad.ttf'],
  ] as const)(
    "an unreadable font file in %s is an unprefixed Can't register font warning",
    (version, file) => {
      expect(parseFixture('bad-font-file', version)[0]).toEqual({
        severity: 'warning',
        message: `Can't register font '${file}'`,
        code: 'font-missing',
        fatal: false,
      });
    },
  );

  test.each(both)(
    '--hardwarnings in %s does not make the warning itself fatal; the exit code reports it',
    (version) => {
      expect(parseFixture('hardwarnings', version)[0]).toMatchObject({
        code: 'unknown-variable',
        fatal: false,
      });
    },
  );
});

describe('robustness', () => {
  test('CRLF line endings give the same diagnostics as LF', () => {
    const output = readOpenScadFixture('assert', '2021');
    const options = { baseDir: '/tmp/parascad-cases/assert' };
    const crlf = parseOpenScadOutput(output.replaceAll('\n', '\r\n'), options);
    expect(crlf).toEqual(parseOpenScadOutput(output, options));
    expect(crlf).toHaveLength(5);
    expect(crlf[0]?.location?.line).toBe(2);
  });

  test('a native crash without prefixes is kept as non-fatal info instead of being dropped', () => {
    expect(
      parseOpenScadOutput(readOpenScadFixture('main-is-directory', '2021'), { baseDir: '/' }),
    ).toEqual([
      {
        severity: 'info',
        message: "terminate called after throwing an instance of 'std::__ios_failure'",
        fatal: false,
      },
      {
        severity: 'info',
        message: 'what():  basic_filebuf::underflow error reading the file: Is a directory',
        fatal: false,
      },
    ]);
  });

  test('unknown lines that do not look like errors are dropped', () => {
    expect(
      parseOpenScadOutput('Some new progress line\n   Indented: 12\n', { baseDir: '/' }),
    ).toEqual([]);
  });

  test('prefixes seen in OpenSCAD sources but in neither capture map to their severity', () => {
    const output = [
      'FONT-WARNING: Detected windows symbol font with character codes in the Private Use Area of Unicode at 0xf000: a/b',
      'UI-WARNING: No top level geometry to render',
      'EXPORT-ERROR: Export failed, empty geometry.',
    ].join('\n');
    expect(parseOpenScadOutput(output, { baseDir: '/' })).toEqual([
      {
        severity: 'warning',
        message:
          'Detected windows symbol font with character codes in the Private Use Area of Unicode at 0xf000: a/b',
        code: 'font-missing',
        fatal: false,
      },
      { severity: 'warning', message: 'No top level geometry to render', fatal: false },
      { severity: 'error', message: 'Export failed, empty geometry.', fatal: true },
    ]);
  });

  test('"Execution aborted", a wording in the 2021 binary, is a fatal error', () => {
    expect(parseOpenScadOutput('Execution aborted\n', { baseDir: '/' })).toEqual([
      { severity: 'error', message: 'Execution aborted', fatal: true },
    ]);
  });

  test('empty, blank and truncated input never throws', () => {
    expect(parseOpenScadOutput('', { baseDir: '/' })).toEqual([]);
    expect(parseOpenScadOutput('\r\n \n\t', { baseDir: '/' })).toEqual([]);
    expect(parseOpenScadOutput('ERROR:', { baseDir: '/' })).toEqual([
      { severity: 'error', message: '', fatal: true },
    ]);
    expect(parseOpenScadOutput('WARNING: x in file , line 9', { baseDir: '/base' })).toEqual([
      { severity: 'warning', message: 'x in file , line 9', fatal: false },
    ]);
  });

  test('an echo line that ends like a location is not split, since echoes have no location', () => {
    expect(parseOpenScadOutput('ECHO: bad in file a.scad, line 3', { baseDir: '/' })).toEqual([
      { severity: 'echo', message: 'bad in file a.scad, line 3', fatal: false },
    ]);
  });
});

describe('parseOpenScadOutput on strings with line breaks', () => {
  test('reads a message whose string spans lines whole, with the location after its end', () => {
    const output = [
      "ERROR: Assertion 'false' failed: \"first line",
      'second "quoted" \\" line" in file project.scad, line 4',
      "TRACE: called by 'assert' in file project.scad, line 4",
      'ECHO: "a',
      'b"',
    ].join('\n');
    const [error, trace, echo] = parseOpenScadOutput(output, { baseDir: '/p' });
    expect(error).toMatchObject({
      severity: 'error',
      code: 'assertion-failed',
      message: 'Assertion \'false\' failed: "first line\nsecond "quoted" \\" line"',
      location: { file: '/p/project.scad', line: 4 },
    });
    expect(trace?.severity).toBe('trace');
    expect(echo).toMatchObject({ severity: 'echo', message: '"a\nb"' });
  });

  test('keeps a line whose string is never closed as it is, and the messages after it', () => {
    const output = ['WARNING: odd "quote', 'WARNING: next in file a.scad, line 2'].join('\n');
    expect(parseOpenScadOutput(output, { baseDir: '/p' }).map((found) => found.message)).toEqual([
      'odd "quote',
      'next',
    ]);
  });
});

describe('parseOpenScadOutput on features OpenSCAD 2025 runs without', () => {
  test('fails a part that calls an experimental function or module that is not enabled', () => {
    const output = [
      "WARNING: Experimental builtin function 'textmetrics' is not enabled in file /p/a.scad, line 2",
      "WARNING: Experimental builtin module 'roof' is not enabled in file /p/a.scad, line 3",
    ].join('\n');
    expect(
      parseOpenScadOutput(output, { baseDir: '/p' }).map(({ severity, fatal }) => [
        severity,
        fatal,
      ]),
    ).toEqual([
      ['warning', true],
      ['warning', true],
    ]);
  });
});
