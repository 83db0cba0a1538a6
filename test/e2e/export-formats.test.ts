import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { validateOutput } from '../../src/outputs/validate-output.js';
import { describeFailure } from '../../src/report/describe-failure.js';
import type { RunEvent } from '../../src/run/run-event.js';
import { copyFixture } from '../support/copy-fixture.js';
import { hasNativeOpenScad, nativeSkipReason } from '../support/has-native-openscad.js';
import { runCli, stopStartedClis } from '../support/run-cli.js';

afterEach(stopStartedClis);

/** The parts of e2e-formats/parascad.config.yaml: `export_case` → the formats that part asks for. */
const cases: Readonly<Record<string, readonly string[]>> = {
  stl: ['stl'],
  off: ['off'],
  amf: ['amf'],
  '3mf': ['3mf'],
  wrl: ['wrl'],
  obj: ['obj'],
  nef3: ['nef3'],
  nefdbg: ['nefdbg'],
  csg: ['csg'],
  ast: ['ast'],
  term: ['term'],
  echo: ['echo'],
  png: ['png'],
  together: ['echo', 'stl', 'off', '3mf', 'amf', 'nef3', 'csg', 'ast', 'term'],
  dxf: ['dxf'],
  svg: ['svg'],
  pdf: ['pdf'],
};

interface PartOutcome {
  readonly status: string;
  readonly failure?: string;
  readonly outputs: readonly { format: string; path: string; note?: string }[];
}

/** Renders the fixture on one engine and gives each part's outcome by its `export_case`. */
async function renderEveryFormat(engine: 'wasm' | 'native'): Promise<{
  outcomes: Map<string, PartOutcome>;
  version: string;
  log: string;
}> {
  const project = await copyFixture('e2e-formats');
  const run = await runCli(['render', '--engine', engine, '--json'], project);
  const events = run.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as RunEvent);
  const caseOf = new Map<string, string>();
  let version = '';
  const outcomes = new Map<string, PartOutcome>();
  for (const event of events) {
    if (event.type === 'run-start') {
      version = event.engines[engine]?.version ?? '';
      for (const job of event.jobs) {
        caseOf.set(job.id, JSON.parse(job.variables['export_case'] ?? '""') as string);
      }
    } else if (event.type === 'part-done') {
      const { job, status, failure, outputs } = event.result;
      outcomes.set(caseOf.get(job.id) ?? job.id, {
        status,
        ...(failure === undefined ? {} : { failure: describeFailure(failure) }),
        outputs,
      });
    }
  }
  return { outcomes, version, log: run.stdout + run.stderr };
}

/** Whether the native OpenSCAD can get a display for PNG here: the session's own, or xvfb-run. */
function nativeHasDisplay(): boolean {
  const { DISPLAY: display, WAYLAND_DISPLAY: wayland } = process.env;
  if ((display ?? '') !== '' || (wayland ?? '') !== '') return true;
  return spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' }).status === 0;
}

/** Checks each part against what must become of it on this engine. */
async function expectOutcomes(
  outcomes: Map<string, PartOutcome>,
  refused: Readonly<Record<string, string>>,
  log: string,
): Promise<void> {
  expect([...outcomes.keys()].sort(), log).toEqual(Object.keys(cases).sort());
  for (const [exportCase, formats] of Object.entries(cases)) {
    const outcome = outcomes.get(exportCase);
    const reason = refused[exportCase];
    if (reason !== undefined) {
      expect({ exportCase, ...outcome }).toEqual({
        exportCase,
        status: 'failed',
        failure: reason,
        outputs: [],
      });
      continue;
    }
    expect({ exportCase, status: outcome?.status, failure: outcome?.failure }).toEqual({
      exportCase,
      status: 'ok',
      failure: undefined,
    });
    expect(outcome?.outputs.map((output) => output.format)).toEqual(formats);
    for (const output of outcome?.outputs ?? []) {
      const check = validateOutput(output.format, await readFile(output.path));
      expect({ exportCase, format: output.format, ...check }).toMatchObject({
        exportCase,
        format: output.format,
        ok: true,
      });
    }
  }
}

describe('every export format on the wasm engine', () => {
  it('writes a valid file of each format but png, which fails saying the native engine can', async () => {
    const { outcomes, log } = await renderEveryFormat('wasm');
    await expectOutcomes(
      outcomes,
      {
        png: 'the WASM OpenSCAD cannot render png images: it has no OpenGL (it exits 1 and writes nothing); render png with --engine native',
      },
      log,
    );
    // OpenSCAD 2025.01 writes the Nef formats itself from Manifold's mesh: no CGAL backend needed.
    const nef3 = await readFile(outcomes.get('nef3')?.outputs[0]?.path ?? '', 'latin1');
    expect(nef3).toMatch(/^Selective Nef Complex\n/);
    // The two formats this build cannot write are converted by parascad, and say so.
    expect(outcomes.get('3mf')?.outputs[0]?.note).toMatch(
      /3mf written by parascad from OpenSCAD's OFF/,
    );
    expect(outcomes.get('pdf')?.outputs[0]?.note).toMatch(
      /pdf written by parascad from OpenSCAD's SVG/,
    );
  });
});

describe.skipIf(!hasNativeOpenScad)(
  `every export format on the native engine ${nativeSkipReason}`,
  () => {
    it('writes a valid file of each format it has, and refuses the others up front saying why', async () => {
      const { outcomes, version, log } = await renderEveryFormat('native');
      const refused: Record<string, string> = {};
      // 2021.01 has no VRML or OBJ exporter (later releases list wrl in their --help, and export obj).
      if (version === '2021.01') {
        refused['wrl'] = 'OpenSCAD 2021.01 cannot export wrl; --engine wasm can';
        refused['obj'] = 'OpenSCAD 2021.01 cannot export obj; --engine wasm can';
      }
      if (!nativeHasDisplay()) {
        refused['png'] =
          `OpenSCAD ${version} needs a display to render png: neither DISPLAY nor WAYLAND_DISPLAY is set, and there is no xvfb-run to make one; install it (Debian/Ubuntu: apt-get install xvfb xauth), or render png on a machine with a display`;
      }
      await expectOutcomes(outcomes, refused, log);
    });
  },
);
