import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseEngine } from '../../src/engines/choose-engine.js';
import type { EngineInfo } from '../../src/engines/engine.js';
import { HistoryStore } from '../../src/history/history-store.js';
import { createEngineFallbacks } from '../../src/run/engine-fallbacks.js';
import type { FailureReason } from '../../src/run/part-result.js';
import { failedResult, job } from '../report/support/run-fixture.js';

const native: EngineInfo = {
  id: 'native',
  version: '2021.01',
  backend: 'cgal',
  source: '/usr/bin/openscad',
};

async function fallbacksWithHistory() {
  const history = await HistoryStore.load(
    HistoryStore.fileFor(await mkdtemp(join(tmpdir(), 'parascad-fallbacks-'))),
  );
  const fallbacks = createEngineFallbacks({
    preferenceOf: () => 'auto',
    canRender: () => true,
    choices: new Map(),
    history,
  });
  return { history, fallbacks };
}

describe('createEngineFallbacks', () => {
  it('remembers a timeout against its engine without a second try in the run, so the next run starts on the other', async () => {
    const { history, fallbacks } = await fallbacksWithHistory();
    const part = job('self_including');
    const timedOut = failedResult(part, 8, { kind: 'timeout', seconds: 8 });

    expect(fallbacks.next(timedOut)).toBeUndefined();
    fallbacks.finish(timedOut);

    const failures = history.failuresOf(part.id);
    expect(failures.wasm?.message).toBe('timed out after 8s');
    expect(chooseEngine(native, history.get(part.id), { failures })).toMatchObject({
      engine: 'native',
      reason: 'failed on wasm last time: timed out after 8s',
    });
  });

  it('remembers engine failures, and forgets a cancel', async () => {
    const { history, fallbacks } = await fallbacksWithHistory();
    const crash: FailureReason = { kind: 'engine-crash', message: 'RuntimeError: unreachable' };
    fallbacks.finish(failedResult(job('trapped'), 1, crash));
    fallbacks.finish({
      ...failedResult(job('stopped'), 1, { kind: 'cancelled' }),
      status: 'cancelled',
    });

    expect(history.failuresOf(job('trapped').id).wasm?.message).toBe('RuntimeError: unreachable');
    expect(history.failuresOf(job('stopped').id)).toEqual({});
  });
});
