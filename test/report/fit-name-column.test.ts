import { describe, expect, it } from 'vitest';
import { fitNameColumn, nameColumnFor, nameColumnWidth } from '../../src/report/fit-name-column.js';
import { createLineFormatter } from '../../src/report/line-formatter.js';

describe('the name column', () => {
  it('is as wide as the longest name, up to a cap', () => {
    expect(nameColumnFor(['lid', 'base'])).toBe(4);
    expect(nameColumnFor(['m'.repeat(245), 'b'])).toBe(nameColumnWidth);
  });

  it('pads short names and shortens long ones in the middle, keeping both ends', () => {
    expect(fitNameColumn('lid', 6)).toBe('lid   ');
    const long = `${'a'.repeat(200)}-size10-wall1.2`;
    const fitted = fitNameColumn(long, 20);
    expect(Array.from(fitted)).toHaveLength(20);
    expect(fitted).toMatch(/^a+…[a-z0-9.-]*wall1\.2$/);
  });

  it('keeps the lines of a run with a 245-character module name narrow', () => {
    const format = createLineFormatter({ cwd: '/p', color: false, verbose: false, quiet: false });
    const job = (name: string) =>
      ({
        id: name,
        name,
        scadFile: '/p/project.scad',
        module: name,
        mode: 'include',
        variables: {},
        quality: {},
        outputs: [{ format: 'stl', path: `/p/outputs/${name}.stl` }],
        declaredAt: { file: '/p/project.scad', line: 1 },
        requestedAt: { file: '/p/project.scad', line: 1 },
      }) as const;
    const long = job('m'.repeat(245));
    const short = job('b');
    format({
      type: 'run-start',
      jobs: [long, short],
      order: [long.id, short.id],
      estimates: {},
      concurrency: 2,
      memoryBudgetBytes: 1e9,
      projectDir: '/p',
      engines: { explanation: 'engine: native' },
    });
    for (const part of [long, short]) {
      const [line = ''] = format({
        type: 'part-done',
        result: {
          job: part,
          engine: 'native',
          status: 'ok',
          outputs: [],
          diagnostics: [],
          seconds: 1,
          attempts: 1,
          console: '',
        },
      });
      expect(line.length).toBeLessThan(nameColumnWidth + 40);
    }
  });
});
