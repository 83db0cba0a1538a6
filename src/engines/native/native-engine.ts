import { readFile, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import type { Engine, EngineInfo, EngineRequest, EngineRun } from '../engine.js';
import { parseDependencyFile } from '../parse-dependency-file.js';
import { binaryStlArguments } from '../binary-stl-arguments.js';
import { partInvocation } from '../part-invocation.js';
import { refusedRun } from '../refused-run.js';
import { wasmExportBlocker } from '../wasm/wasm-export-routes.js';
import { defined } from '../../util/defined.js';
import { findPngDisplay, type FindPngDisplayOptions, type PngDisplay } from './find-png-display.js';
import { sweepEndedParts } from './kill-process-tree.js';
import { retireIdleLauncher } from './launch-process.js';
import { runProcessTree } from './run-process-tree.js';
import { backendArguments, type OpenScadCapabilities } from './probe-openscad.js';
import { watchProcessMemory } from './watch-process-memory.js';

/** How the native engine finds a display for PNG parts; injectable for tests. */
export type NativeEngineOptions = FindPngDisplayOptions;

/**
 * Runs the user's own `openscad` binary, one child process per part, without a shell. A part that
 * asks for a format the binary cannot export, or for a PNG where there is no display and no
 * `xvfb-run` to make one, is refused before OpenSCAD starts, with what to do instead.
 */
export function createNativeEngine(
  binary: string,
  capabilities: OpenScadCapabilities,
  options: NativeEngineOptions = {},
): Engine {
  const info: EngineInfo = {
    id: 'native',
    version: capabilities.version,
    backend: capabilities.backend,
    source: binary,
  };
  let display: Promise<PngDisplay> | undefined;
  return {
    info,
    run: async (request) => {
      const refusal = cannotExport(capabilities, request);
      if (refusal !== undefined) return refusedRun(refusal);
      if (!request.outputs.some((output) => output.format === 'png')) {
        return runNative(binary, capabilities, request, undefined);
      }
      display ??= findPngDisplay(options);
      const found = await display;
      if (found.kind === 'none') return refusedRun(noDisplay(capabilities));
      return runNative(
        binary,
        capabilities,
        request,
        found.kind === 'xvfb-run' ? found.path : undefined,
      );
    },
    close: () => {
      // A detached helper that closed its pipes outlived its part unnoticed: not past the run.
      sweepEndedParts();
      retireIdleLauncher();
      return Promise.resolve();
    },
  };
}

/** Why the binary cannot export what the part asks for, from the formats its `--help` lists. */
function cannotExport(
  capabilities: OpenScadCapabilities,
  request: EngineRequest,
): string | undefined {
  const known = capabilities.exportFormats;
  if (known === undefined) return undefined;
  const missing = [
    ...new Set(
      request.outputs.map((output) => output.format).filter((format) => !known.includes(format)),
    ),
  ];
  if (missing.length === 0) return undefined;
  const wasmCan = missing.every((format) => wasmExportBlocker(format) === undefined);
  return `OpenSCAD ${capabilities.version} cannot export ${missing.join(', ')}; ${wasmCan ? '--engine wasm can' : 'neither can --engine wasm'}`;
}

function noDisplay(capabilities: OpenScadCapabilities): string {
  return `OpenSCAD ${capabilities.version} needs a display to render png: neither DISPLAY nor WAYLAND_DISPLAY is set, and there is no xvfb-run to make one; install it (Debian/Ubuntu: apt-get install xvfb xauth), or render png on a machine with a display`;
}

/**
 * @param xvfbRun when set, OpenSCAD runs under `xvfb-run -a`, in the same process group (a cancel
 *   kills the virtual X server too); its memory is then not watched, since the child is the wrapper.
 */
async function runNative(
  binary: string,
  capabilities: OpenScadCapabilities,
  request: EngineRequest,
  xvfbRun: string | undefined,
): Promise<EngineRun> {
  const started = performance.now();
  const elapsed = (): number => (performance.now() - started) / 1000;
  if (request.signal.aborted) {
    return {
      exitCode: null,
      console: '',
      crash: 'cancelled before it started',
      routes: [],
      seconds: 0,
    };
  }
  const invocation = partInvocation(request.program, request.scratchDir);
  for (const file of invocation.files) await writeFile(file.path, file.text, { flag: 'wx' });
  // In the part's scratch folder, which the run removes with everything else it wrote there.
  const dependencyFile =
    request.recordDependencies === true ? join(request.scratchDir, 'part.d') : undefined;
  const backend = backendArguments(capabilities, request.backend);
  const args = [
    ...request.outputs.flatMap((output) => ['-o', output.tempPath]),
    ...invocation.defineArgs,
    ...(dependencyFile === undefined ? [] : ['-d', dependencyFile]),
    ...backend.args,
    ...binaryStlArguments(
      request.binaryStl === true,
      request.outputs.map((output) => output.format),
    ),
    invocation.main,
  ];
  let memoryExceededBytes: number | undefined;
  let peakBytes: number | undefined;
  const run = await runProcessTree(
    xvfbRun ?? binary,
    xvfbRun === undefined ? args : ['-a', binary, ...args],
    {
      cwd: dirname(request.program.file),
      // The run's library path, as the WASM engine gets it: from the environment the run was
      // given (a library's `env` option, not only parascad's own), with relative entries
      // resolved where the run started rather than in the part's folder.
      ...(request.libraryPaths.length === 0
        ? {}
        : { env: { OPENSCADPATH: request.libraryPaths.join(delimiter) } }),
      signal: request.signal,
      onStarted: (pid, kill) => {
        if (xvfbRun !== undefined) return undefined;
        const memory = watchProcessMemory(pid, {
          limitBytes: request.memoryLimitBytes,
          onExceeded: (used) => {
            memoryExceededBytes = used;
            kill();
          },
        });
        return () => {
          peakBytes = memory.stop();
        };
      },
    },
  );
  const dependencies =
    dependencyFile === undefined
      ? undefined
      : await readFile(dependencyFile, 'utf8').then(
          (text) => parseDependencyFile(text, dirname(request.program.file)),
          () => undefined,
        );
  const base = {
    console: run.console,
    routes: [],
    seconds: elapsed(),
    ...defined({ peakBytes, memoryExceededBytes, dependencies }),
    ...(backend.fallback === undefined ? {} : { notes: [backend.fallback] }),
  };
  if (run.spawnError !== undefined) {
    return {
      ...base,
      exitCode: null,
      crash: `could not start ${binary}: ${run.spawnError.message}`,
    };
  }
  if (memoryExceededBytes !== undefined) {
    return { ...base, exitCode: null, crash: 'openscad was stopped: it took too much memory' };
  }
  if (run.signal !== null) {
    return { ...base, exitCode: null, crash: `openscad was killed by ${run.signal}` };
  }
  return { ...base, exitCode: run.exitCode };
}
