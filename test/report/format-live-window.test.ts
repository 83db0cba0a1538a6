import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { formatLiveWindow } from '../../src/report/format-live-window.js';
import type { ProgressSnapshot, RunningPartProgress } from '../../src/report/run-progress.js';

function running(
  name: string,
  elapsedSeconds: number,
  extra: Partial<RunningPartProgress> = {},
): RunningPartProgress {
  return { name, elapsedSeconds, expectedSeconds: 30, attempt: 1, ...extra };
}

const withoutEta: ProgressSnapshot = {
  total: 16,
  done: 5,
  ok: 4,
  failed: 1,
  cancelled: 0,
  running: [running('gear_60', 12.06), { name: 'housing', elapsedSeconds: 2, attempt: 1 }],
  failedNames: ['broken'],
  elapsedSeconds: 20,
  workDone: 0.3,
  unestimated: 0,
};
const base: ProgressSnapshot = { ...withoutEta, etaSeconds: 39.2 };

describe('formatLiveWindow', () => {
  it('shows the bar of work done with its counts and ETA, each running part and the failures so far', () => {
    expect(formatLiveWindow(base, { color: false, columns: 80 })).toEqual([
      '██████░░░░░░░░░░░░░░ 5/16 · 4 ok · 1 failed · 2 running · ETA 40s',
      '  gear_60   12.1s of ~30s',
      '  housing    2.0s',
      '  failed: broken',
    ]);
  });

  it('fills the bar by the estimated work done, not by the parts done', () => {
    const [head] = formatLiveWindow(
      { ...base, done: 1, workDone: 0.9 },
      { color: false, columns: 80 },
    );
    expect(head).toMatch(/^█{18}░{2} 1\/16 /);
  });

  it('shows the time elapsed and no ETA while a part left has no estimate', () => {
    const [head] = formatLiveWindow(
      { ...withoutEta, unestimated: 2 },
      { color: false, columns: 120 },
    );
    expect(head).toBe(
      '██████░░░░░░░░░░░░░░ 5/16 · 4 ok · 1 failed · 2 running · 20s elapsed · no ETA: 2 parts have no estimate',
    );
  });

  it('lists at most eight running parts and counts the rest', () => {
    const many = Array.from({ length: 11 }, (_, index) => running(`part_${index}`, 75));
    const lines = formatLiveWindow(
      { ...base, running: many, failedNames: [], failed: 0 },
      { color: false, columns: 80 },
    );
    expect(lines).toHaveLength(1 + 8 + 1);
    expect(lines[1]).toBe('  part_0  1m 15s of ~30s');
    expect(lines.at(-1)).toBe('  … 3 more running');
  });

  it('says when the run is stopping and counts cancelled parts', () => {
    const [head] = formatLiveWindow(
      { ...base, cancelled: 2, done: 7, workDone: 7 / 16, stopping: 'interrupted', etaSeconds: 3 },
      { color: false, columns: 120 },
    );
    expect(head).toBe(
      '█████████░░░░░░░░░░░ 7/16 · 4 ok · 1 failed · 2 cancelled · 2 running · stopping · ETA 3s',
    );
  });

  it('marks in yellow the expected time of a part that is past it', () => {
    const colors = pc.createColors(true);
    const [, late, onTime] = formatLiveWindow(
      { ...base, running: [running('late', 31), running('fine', 3)], failedNames: [] },
      { color: true, columns: 80 },
    );
    expect(late).toBe(`  late   31.0s${colors.yellow(' of ~30s')}`);
    expect(onTime).toBe(`  fine    3.0s${colors.dim(' of ~30s')}`);
  });

  it('cuts every line to the width of the terminal', () => {
    for (const line of formatLiveWindow(base, { color: true, columns: 12 })) {
      // eslint-disable-next-line no-control-regex -- measuring what is visible
      expect(line.replace(/\u001B\[[0-9;]*m/g, '').length).toBeLessThanOrEqual(12);
    }
  });
});
