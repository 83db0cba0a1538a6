import { describe, expect, it } from 'vitest';
import { keptConsoleCharacters, withKeptConsole } from '../../src/run/with-kept-console.js';
import type { PartResult } from '../../src/run/part-result.js';

function resultWith(console: string): PartResult {
  return {
    job: {
      id: 'a',
      name: 'a',
      scadFile: '/p/a.scad',
      mode: 'include',
      variables: {},
      quality: {},
      outputs: [],
      declaredAt: { file: '/p/a.scad', line: 1 },
      requestedAt: { file: '/p/a.scad', line: 1 },
    },
    engine: 'wasm',
    status: 'ok',
    outputs: [],
    diagnostics: [],
    seconds: 1,
    attempts: 1,
    console,
  };
}

describe('withKeptConsole', () => {
  it('keeps a short console as it is, the very same result', () => {
    const result = resultWith('ECHO: 1\n');
    expect(withKeptConsole(result)).toBe(result);
  });

  it('keeps the first and last part of a long console, saying what it dropped', () => {
    const long = `FIRST ERROR\n${'ECHO: x\n'.repeat(100_000)}LAST LINE\n`;
    const kept = withKeptConsole(resultWith(long)).console;
    expect(kept.length).toBeLessThan(keptConsoleCharacters + 200);
    expect(kept.startsWith('FIRST ERROR')).toBe(true);
    expect(kept.endsWith('LAST LINE\n')).toBe(true);
    expect(kept).toMatch(/parascad dropped \d+ characters/);
  });
});
