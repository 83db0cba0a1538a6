import { describe, expect, it } from 'vitest';
import { createRunProgress } from '../../src/report/run-progress.js';
import { createFakeClock } from './support/fake-clock.js';
import {
  broken,
  cancelledResult,
  estimates,
  failedResult,
  gear,
  housing,
  lid,
  okResult,
  partStart,
  runStart,
} from './support/run-fixture.js';

function started() {
  const clock = createFakeClock();
  const progress = createRunProgress(clock.now);
  progress.apply(runStart([gear, housing, broken, lid], estimates, 2));
  return { clock, progress };
}

describe('createRunProgress', () => {
  it('starts with every part waiting and an ETA from all the estimates, when each has a basis', () => {
    const { progress } = started();
    expect(progress.snapshot()).toEqual({
      total: 4,
      done: 0,
      ok: 0,
      failed: 0,
      cancelled: 0,
      running: [],
      failedNames: [],
      elapsedSeconds: 0,
      workDone: 0,
      unestimated: 0,
      // gear_60's 30 s is longer than all the work spread over 2 workers: (30 + 4 + 1 + 6) / 2.
      etaSeconds: 30,
    });
  });

  it('gives no ETA, only the time elapsed, while a part left has no estimate', () => {
    const clock = createFakeClock();
    const progress = createRunProgress(clock.now);
    progress.apply(
      runStart([gear, housing], { ...estimates, housing: { seconds: 1, basis: 'none' } }, 2),
    );
    progress.apply(partStart(housing, { seconds: 1, basis: 'none' }));
    clock.advance(29_000);

    const snapshot = progress.snapshot();
    expect(snapshot).toMatchObject({ elapsedSeconds: 29, unestimated: 2 - 1 });
    expect(snapshot).not.toHaveProperty('etaSeconds');
    // A guess is no expected time: housing shows only how long it has run.
    expect(snapshot.running).toEqual([{ name: 'housing', elapsedSeconds: 29, attempt: 1 }]);

    progress.apply({ type: 'part-done', result: okResult(housing, 29) });
    expect(progress.snapshot()).toMatchObject({ unestimated: 0, etaSeconds: 30 });
  });

  it('moves the bar by estimated work: a long part done is most of the run', () => {
    const { clock, progress } = started();
    progress.apply(partStart(gear, estimates.gear_60));
    progress.apply(partStart(broken, estimates.broken));
    clock.advance(1_000);
    progress.apply({ type: 'part-done', result: okResult(broken, 1) });
    // broken's 1 s done and 1 s of gear_60's 30 s rendered, of 41 s in all.
    expect(progress.snapshot().workDone).toBeCloseTo(2 / 41);

    clock.advance(29_000);
    progress.apply({ type: 'part-done', result: okResult(gear, 30) });
    // 2 of 4 parts, but 31 of 41 seconds of work.
    expect(progress.snapshot()).toMatchObject({ done: 2 });
    expect(progress.snapshot().workDone).toBeCloseTo(31 / 41);
  });

  it('never fills the bar while a part runs: past its estimate it counts 90%, without one nothing', () => {
    const clock = createFakeClock();
    const progress = createRunProgress(clock.now);
    const guess = { seconds: 1, basis: 'none' } as const;
    progress.apply(runStart([gear, housing], { ...estimates, housing: guess }, 2));
    progress.apply(partStart(gear, estimates.gear_60));
    progress.apply(partStart(housing, guess));
    clock.advance(100_000);
    // gear_60 is far past its 30 s; housing, without an estimate, weighs 30 s too.
    expect(progress.snapshot().workDone).toBeCloseTo((0.9 * 30) / 60);
  });

  it('weighs a part without an estimate as the median part, and counts parts when none has one', () => {
    const clock = createFakeClock();
    const progress = createRunProgress(clock.now);
    const guess = { seconds: 1, basis: 'none' } as const;
    progress.apply(runStart([gear, housing, lid], { ...estimates, housing: guess }, 2));
    progress.apply({ type: 'part-done', result: okResult(housing, 9) });
    // housing weighs the median of gear_60's 30 s and lid's 6 s (the upper one of two): 30 s.
    expect(progress.snapshot().workDone).toBeCloseTo(30 / 66);

    const counting = createRunProgress(clock.now);
    counting.apply(runStart([gear, housing], { gear_60: guess, housing: guess }, 2));
    counting.apply({ type: 'part-done', result: okResult(gear, 9) });
    expect(counting.snapshot().workDone).toBe(0.5);
  });

  it('measures running parts on its clock and counts finished parts by outcome', () => {
    const { clock, progress } = started();
    progress.apply(partStart(gear, estimates.gear_60));
    clock.advance(2_000);
    progress.apply(partStart(broken, estimates.broken));
    clock.advance(500);
    progress.apply({
      type: 'part-done',
      result: failedResult(broken, 0.5, { kind: 'exit-code', code: 1 }),
    });
    progress.apply(partStart(housing, estimates.housing));
    clock.advance(1_500);

    const snapshot = progress.snapshot();
    expect(snapshot).toMatchObject({ done: 1, failed: 1, failedNames: ['broken'] });
    expect(snapshot.running).toEqual([
      { name: 'gear_60', elapsedSeconds: 4, expectedSeconds: 30, attempt: 1 },
      { name: 'housing', elapsedSeconds: 1.5, expectedSeconds: 4, attempt: 1 },
    ]);
    // gear_60 has 26 s left; housing 2.5 s and lid 6 s fit beside it.
    expect(snapshot.etaSeconds).toBe(26);
  });

  it('puts a part that will be retried back among the waiting ones until it starts again', () => {
    const { clock, progress } = started();
    progress.apply(partStart(lid, estimates.lid));
    clock.advance(3_000);
    progress.apply({
      type: 'part-retry',
      job: lid,
      attempt: 1,
      failure: { kind: 'timeout', seconds: 3 },
    });
    expect(progress.snapshot().running).toEqual([]);
    expect(progress.snapshot().etaSeconds).toBe(30);

    progress.apply(partStart(lid, estimates.lid, 2));
    expect(progress.snapshot().running).toMatchObject([
      { name: 'lid', attempt: 2, elapsedSeconds: 0 },
    ]);
  });

  it('leaves the waiting parts out of the ETA once interrupted, and gives none after --fail-fast', () => {
    const interrupted = started();
    interrupted.progress.apply(partStart(lid, estimates.lid));
    interrupted.clock.advance(1_000);
    interrupted.progress.apply({ type: 'stopping', reason: 'interrupted', running: 1 });
    expect(interrupted.progress.snapshot()).toMatchObject({
      stopping: 'interrupted',
      etaSeconds: 5,
    });

    const failFast = started();
    failFast.progress.apply({ type: 'stopping', reason: 'fail-fast', running: 0 });
    expect(failFast.progress.snapshot().stopping).toBe('fail-fast');
    expect(failFast.progress.snapshot()).not.toHaveProperty('etaSeconds');
  });

  it('counts a part that never started as cancelled and done', () => {
    const { progress } = started();
    progress.apply({ type: 'part-done', result: cancelledResult(lid) });
    progress.apply({ type: 'part-done', result: okResult(gear, 30) });
    expect(progress.snapshot()).toMatchObject({ done: 2, ok: 1, cancelled: 1, failed: 0 });
    // Only housing (4 s) and broken (1 s) are left, on 2 workers.
    expect(progress.snapshot().etaSeconds).toBe(4);
  });
});
