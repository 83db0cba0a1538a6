import { stripVTControlCharacters } from 'node:util';
import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { formatDiagnostic } from '../../src/diagnostics/format-diagnostic.js';
import { parseOpenScadOutput } from '../../src/diagnostics/parse-openscad-output.js';
import { readOpenScadFixture } from './openscad-fixture.js';

const escape = '\u001b[';

function firstDiagnostic(name: string, baseDir: string): Diagnostic {
  const [diagnostic] = parseOpenScadOutput(readOpenScadFixture(name, '2021'), { baseDir });
  if (diagnostic === undefined) throw new Error(`fixture ${name} has no diagnostic`);
  return diagnostic;
}

describe('formatDiagnostic', () => {
  const unknownVariable = firstDiagnostic('unknown-variable', '/home/me/project');

  test('a location inside cwd is printed relative to it', () => {
    expect(formatDiagnostic(unknownVariable, { cwd: '/home/me/project', color: false })).toBe(
      "parts/part.scad:2: warning: Ignoring unknown variable 'size'",
    );
  });

  test('a location outside cwd is printed as an absolute path', () => {
    expect(formatDiagnostic(unknownVariable, { cwd: '/home/me/other', color: false })).toBe(
      "/home/me/project/parts/part.scad:2: warning: Ignoring unknown variable 'size'",
    );
  });

  test('a diagnostic without a location is printed as severity and message', () => {
    const empty = firstDiagnostic('empty-top-level', '/home/me/project');
    expect(formatDiagnostic(empty, { cwd: '/home/me/project', color: false })).toBe(
      'error: Current top level object is empty.',
    );
  });

  test('a column is printed after the line when there is one', () => {
    const diagnostic: Diagnostic = {
      severity: 'error',
      message: 'Parser error: syntax error',
      location: { file: '/home/me/project/main.scad', line: 2, column: 9 },
      fatal: true,
    };
    expect(formatDiagnostic(diagnostic, { cwd: '/home/me/project', color: false })).toBe(
      'main.scad:2:9: error: Parser error: syntax error',
    );
  });

  test('color adds ANSI escapes around the same text', () => {
    const colored = formatDiagnostic(unknownVariable, { cwd: '/home/me/project', color: true });
    expect(colored).toContain(escape);
    expect(stripVTControlCharacters(colored)).toBe(
      formatDiagnostic(unknownVariable, { cwd: '/home/me/project', color: false }),
    );
  });

  test('errors and warnings get different colors', () => {
    const empty = firstDiagnostic('empty-top-level', '/home/me/project');
    const errorStyle = formatDiagnostic(empty, { cwd: '/', color: true }).replace(
      'error: Current',
      '',
    );
    const warningStyle = formatDiagnostic(
      { ...empty, severity: 'warning' },
      { cwd: '/', color: true },
    ).replace('warning: Current', '');
    expect(errorStyle).toContain(escape);
    expect(errorStyle).not.toBe(warningStyle);
  });
});
