import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PartResult } from '../../src/run/part-result.js';
import type { RunEvent } from '../../src/run/run-event.js';
import type { MeshMeasure } from '../../src/formats/output-measure.js';
import { copyFixture } from '../support/copy-fixture.js';
import { hasNativeOpenScad, nativeSkipReason } from '../support/has-native-openscad.js';
import { runCli, stopStartedClis } from '../support/run-cli.js';

afterEach(stopStartedClis);

/** The finished parts of a `--json` run, by name. */
function partsOf(stdout: string): Map<string, PartResult> {
  const results = stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as RunEvent)
    .flatMap((event) => (event.type === 'part-done' ? [event.result] : []));
  return new Map(results.map((result) => [result.job.name, result]));
}

function meshOf(result: PartResult | undefined): MeshMeasure {
  const facts = result?.outputs[0]?.facts;
  if (facts?.kind !== '3d') throw new Error(`no mesh facts for ${result?.job.name ?? '?'}`);
  return facts;
}

describe.skipIf(!hasNativeOpenScad)(`--engine hybrid ${nativeSkipReason}`, () => {
  let project: string;
  let hybrid: Map<string, PartResult>;
  beforeAll(async () => {
    project = await copyFixture('e2e-hybrid');
    const run = await runCli(
      ['render', 'project.scad', '--engine', 'hybrid', '--json', '--no-cache', '-D', 'size=7'],
      project,
    );
    hybrid = partsOf(run.stdout);
  });

  it('renders a boolean with the same volume as the native engine', async () => {
    const drilled = hybrid.get('drilled');
    expect(drilled).toMatchObject({ status: 'ok', engine: 'hybrid' });
    const run = await runCli(
      ['render', 'project.scad', 'drilled', '--engine', 'native', '--json', '--no-cache'],
      project,
    );
    const native = meshOf(partsOf(run.stdout).get('drilled'));
    const volume = meshOf(drilled).volume;
    expect(Math.abs(volume - native.volume) / native.volume).toBeLessThan(0.001);
    // The geometry step's time is the part's geometry time.
    expect(drilled?.geometrySeconds).toBeGreaterThanOrEqual(0);
  });

  it("gives the geometry step the STL a library file imports, by the library's folder", () => {
    const imported = hybrid.get('imported');
    expect(imported?.status).toBe('ok');
    expect(meshOf(imported).bounds).toEqual({ min: [0, 0, 5], max: [4, 5, 11] });
  });

  it('gives the geometry step the data file of surface()', () => {
    const terrain = hybrid.get('terrain');
    expect(terrain?.status).toBe('ok');
    // Three by three heights 1–5 over a base one below the lowest.
    expect(meshOf(terrain).bounds.max[2]).toBeCloseTo(5);
  });

  it('draws text() in the geometry step with the host fonts', () => {
    const label = hybrid.get('label');
    expect(label?.status).toBe('ok');
    expect(meshOf(label).bounds.max[0]).toBeGreaterThan(5);
  });

  it('evaluates with -D: definitions reach the native step', () => {
    expect(meshOf(hybrid.get('sized')).bounds.max).toEqual([7, 7, 7]);
  });

  it('renders $preview as false, as every other route does, in the main file and a used one', () => {
    expect(meshOf(hybrid.get('previewed')).bounds).toEqual({ min: [0, 0, 0], max: [13, 3, 3] });
  });

  it('reports an empty result of the geometry step at the part', () => {
    const emptied = hybrid.get('emptied');
    expect(emptied).toMatchObject({ status: 'failed', failure: { kind: 'openscad-error' } });
    expect(emptied?.diagnostics.find((found) => found.fatal)).toMatchObject({
      message: expect.stringMatching(/top level object is empty/i) as unknown,
      location: { file: expect.stringMatching(/project\.scad$/) as unknown },
    });
  });

  it("reports the evaluation step's syntax error at the user's line", async () => {
    const run = await runCli(['render', 'broken.scad', '--engine', 'hybrid', '--json'], project);
    expect(run.code).toBe(1);
    const broken = [...partsOf(run.stdout).values()][0];
    expect(broken).toMatchObject({ status: 'failed', failure: { kind: 'openscad-error' } });
    expect(broken?.diagnostics.find((found) => found.fatal)?.location).toMatchObject({
      file: expect.stringMatching(/broken\.scad$/) as unknown,
      line: 3,
    });
  });
});
