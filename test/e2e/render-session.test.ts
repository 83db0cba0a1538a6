import { describe, expect, it } from 'vitest';
// The built modules: the WASM engine's worker thread runs compiled JavaScript.
import { planRun, renderPlan } from '../../dist/index.js';
import { closeSessionEngines, type RenderSession } from '../../dist/run/render-session.js';
import { copyFixture } from '../support/copy-fixture.js';

describe('a render session', () => {
  it('keeps the WASM engine it started for the next run, which renders on it, until closed', async () => {
    const project = await copyFixture('e2e-watch');
    const inputsSeen: string[] = [];
    const session: RenderSession = {
      engines: new Map(),
      onInputs: (inputs) => inputsSeen.push(...inputs.keys()),
    };
    const options = { cwd: project, engine: 'wasm' as const, cache: false };
    const first = await renderPlan(await planRun(options), options, session);
    expect(first.ok).toBe(3);
    const engine = session.engines.get('wasm');
    expect(engine).toBeDefined();
    expect(inputsSeen).toHaveLength(3);

    const second = await renderPlan(await planRun(options), options, session);
    expect(second.ok).toBe(3);
    expect(session.engines.get('wasm')).toBe(engine);

    await closeSessionEngines(session);
    expect(session.engines.size).toBe(0);
  });
});
