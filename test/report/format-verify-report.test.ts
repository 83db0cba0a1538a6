import { describe, expect, it } from 'vitest';
import { formatVerifyReport } from '../../src/report/format-verify-report.js';
import { summariseVerdicts } from '../../src/verify/summarise-verdicts.js';
import type { FileVerdict } from '../../src/verify/verify-engines.js';

const ok = (seconds: number, agrees?: boolean) => ({
  status: 'ok' as const,
  seconds,
  ...(agrees === undefined ? {} : { agrees }),
});
const failed = (reason: string) => ({ status: 'failed' as const, seconds: 0.1, reason });

function totalsOf(verdicts: FileVerdict[]): string[] {
  const report = formatVerifyReport(
    verdicts,
    summariseVerdicts(verdicts, ['native', 'wasm']),
    ['native', 'wasm'],
    '/p',
  );
  return report.slice(report.indexOf('## Totals')).split('\n').slice(2, 5);
}

describe('formatVerifyReport', () => {
  it('says the totals of one file in plain words, in the singular', () => {
    const one: FileVerdict = {
      file: '/p/a.scad',
      format: 'stl',
      plain: ok(1),
      engines: { native: ok(1, true), wasm: ok(0.1, true) },
    };
    expect(totalsOf([one])).toEqual([
      '- 1 file: plain openscad rendered it',
      "- parascad native: rendered it; no output disagrees with plain openscad's",
      "- parascad wasm: rendered it; no output disagrees with plain openscad's",
    ]);
  });

  it('counts lost files, failures plain openscad shares, disagreements and gains, with plurals', () => {
    const verdicts: FileVerdict[] = [
      {
        file: '/p/a.scad',
        format: 'stl',
        plain: ok(1),
        engines: { native: ok(1, true), wasm: failed('x') },
      },
      {
        file: '/p/b.scad',
        format: 'stl',
        plain: ok(1),
        engines: { native: ok(1, true), wasm: failed('y') },
      },
      {
        file: '/p/c.scad',
        format: 'stl',
        plain: failed('z'),
        engines: { native: failed('z'), wasm: failed('z') },
      },
      {
        file: '/p/d.scad',
        format: 'svg',
        plain: ok(1),
        engines: { native: ok(1, false), wasm: ok(0.1, false) },
      },
      {
        file: '/p/e.scad',
        format: 'stl',
        plain: failed('w'),
        engines: { native: failed('w'), wasm: ok(0.1) },
      },
    ];
    expect(totalsOf(verdicts)).toEqual([
      '- 5 files: plain openscad rendered 3 and failed on 2',
      "- parascad native: rendered 3 and failed on 2 (2 that plain openscad failed on too); 1 output disagrees with plain openscad's",
      "- parascad wasm: rendered 2 and failed on 3 (lost 2 that plain openscad rendered; 1 that plain openscad failed on too); 1 output disagrees with plain openscad's; 1 file rendered that plain openscad failed on",
    ]);
  });

  it('explains the symbols of the table under it', () => {
    const report = formatVerifyReport([], summariseVerdicts([], ['wasm']), ['wasm'], '/p');
    expect(report).toContain('✓ the output agrees with plain openscad');
    expect(report).toContain('✗ it does not');
    expect(report).toContain('– not run');
  });
});
