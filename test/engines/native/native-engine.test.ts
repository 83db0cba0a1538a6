import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineRun } from '../../../src/engines/engine.js';
import {
  createNativeEngine,
  type NativeEngineOptions,
} from '../../../src/engines/native/native-engine.js';
import type { OpenScadCapabilities } from '../../../src/engines/native/probe-openscad.js';

/** What OpenSCAD 2021.01's --help lists (see probe-openscad.test.ts). */
const debian2021: OpenScadCapabilities = {
  version: '2021.01',
  backendArgs: [],
  backend: 'cgal',
  exportFormats: [
    ...['stl', 'off', 'amf', '3mf', 'csg', 'dxf', 'svg', 'pdf', 'png'],
    ...['echo', 'ast', 'term', 'nef3', 'nefdbg'],
  ],
};

let folder: string;
let openscad: string;
let xvfbRun: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'parascad-native-engine-'));
  // Stand-ins: "openscad" prints its arguments and writes each -o file; "xvfb-run" says it ran
  // and runs the rest of its command line, as the real one does once its X server is up.
  openscad = join(folder, 'openscad');
  await writeFile(
    openscad,
    '#!/bin/sh\necho "openscad $*"\nwhile [ $# -gt 0 ]; do\n  if [ "$1" = -o ]; then echo drawn > "$2"; shift; fi\n  shift\ndone\n',
  );
  xvfbRun = join(folder, 'xvfb-run');
  await writeFile(xvfbRun, '#!/bin/sh\necho "xvfb-run $1"\nshift\nexec "$@"\n');
  await chmod(openscad, 0o755);
  await chmod(xvfbRun, 0o755);
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

let parts = 0;
async function run(
  format: string,
  options: NativeEngineOptions,
  capabilities: OpenScadCapabilities = debian2021,
  binary: string = openscad,
): Promise<{ run: EngineRun; output: string | undefined }> {
  parts += 1;
  const tempPath = join(folder, `part${parts}.${format}`);
  const engine = createNativeEngine(binary, capabilities, options);
  const result = await engine.run({
    program: { file: join(folder, 'model.scad'), defines: [] },
    scratchDir: folder,
    outputs: [{ format, tempPath }],
    inputFiles: [],
    libraryPaths: [],
    signal: new AbortController().signal,
    memoryLimitBytes: 4 * 1024 ** 3,
  });
  return { run: result, output: await readFile(tempPath, 'utf8').catch(() => undefined) };
}

function refusal(message: string): EngineRun {
  return {
    exitCode: null,
    console: '',
    routes: [],
    seconds: 0,
    diagnostics: [{ severity: 'error', code: 'export-not-supported', message, fatal: true }],
  };
}

const noLookups: NativeEngineOptions = {
  findCommand: () => Promise.reject(new Error('looked for a command it did not need')),
};

describe.skipIf(process.platform === 'win32')('the native engine', () => {
  it('refuses a format its OpenSCAD does not list, before starting it, and names the engine that can', async () => {
    for (const format of ['wrl', 'obj']) {
      const { run: result, output } = await run(
        format,
        noLookups,
        debian2021,
        '/nonexistent/openscad',
      );
      expect(result).toEqual(
        refusal(`OpenSCAD 2021.01 cannot export ${format}; --engine wasm can`),
      );
      expect(output).toBeUndefined();
    }
  });

  it('says when no engine can export the format', async () => {
    const withoutPng = {
      ...debian2021,
      exportFormats: debian2021.exportFormats?.filter((format) => format !== 'png') ?? [],
    };
    const { run: result } = await run('png', noLookups, withoutPng);
    expect(result).toEqual(
      refusal('OpenSCAD 2021.01 cannot export png; neither can --engine wasm'),
    );
  });

  it('asks OpenSCAD for any format when its help listed none', async () => {
    const unknown: OpenScadCapabilities = { version: '2019.05', backendArgs: [], backend: 'cgal' };
    const { run: result, output } = await run('obj', noLookups, unknown);
    expect(result.exitCode).toBe(0);
    expect(output).toBe('drawn\n');
  });

  it('renders png under xvfb-run -a where there is no display', async () => {
    const { run: result, output } = await run('png', {
      platform: 'linux',
      env: {},
      findCommand: (command) => Promise.resolve(command === 'xvfb-run' ? xvfbRun : undefined),
    });
    expect(result.exitCode, result.console).toBe(0);
    expect(result.console).toMatch(new RegExp(`^xvfb-run -a\nopenscad -o \\S+\\.png `));
    // The wrapper's memory is not OpenSCAD's: none is reported.
    expect(result.peakBytes).toBeUndefined();
    expect(output).toBe('drawn\n');
  });

  it("renders png directly on the session's display", async () => {
    const { run: result, output } = await run('png', {
      platform: 'linux',
      env: { DISPLAY: ':0' },
      ...noLookups,
    });
    expect(result.console).toMatch(/^openscad -o \S+\.png /);
    expect(output).toBe('drawn\n');
  });

  it('refuses png up front where there is no display and no xvfb-run, saying what to install', async () => {
    const { run: result } = await run('png', {
      platform: 'linux',
      env: {},
      findCommand: () => Promise.resolve(undefined),
    });
    expect(result).toEqual(
      refusal(
        'OpenSCAD 2021.01 needs a display to render png: neither DISPLAY nor WAYLAND_DISPLAY is set, and there is no xvfb-run to make one; install it (Debian/Ubuntu: apt-get install xvfb xauth), or render png on a machine with a display',
      ),
    );
  });

  it('looks for no display for parts without png', async () => {
    const { run: result, output } = await run('stl', { platform: 'linux', env: {}, ...noLookups });
    expect(result.exitCode).toBe(0);
    expect(output).toBe('drawn\n');
  });
});
