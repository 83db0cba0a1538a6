import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Engine, EngineInfo, EngineRequest, EngineRun } from '../engine.js';
import { BoundedText } from '../bounded-text.js';
import { refusedRun } from '../refused-run.js';
import { wasmExportBlocker } from '../wasm/wasm-export-routes.js';
import { defined } from '../../util/defined.js';
import { findPngDisplay, type FindPngDisplayOptions, type PngDisplay } from './find-png-display.js';
import { killProcessTree, trackChild } from './kill-process-tree.js';
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
    close: () => Promise.resolve(),
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
  const { program } = request;
  // `wx`: never overwrite a file of the user's that happens to have the generated program's name.
  if (program.source !== undefined) await writeFile(program.path, program.source, { flag: 'wx' });
  try {
    const backend = backendArguments(capabilities, request.backend);
    const args = [
      ...request.outputs.flatMap((output) => ['-o', output.tempPath]),
      ...request.defines.flatMap((definition) => ['-D', definition]),
      ...backend.args,
      program.path,
    ];
    return await new Promise<EngineRun>((resolve) => {
      const consoleText = new BoundedText();
      const child = spawn(
        xvfbRun ?? binary,
        xvfbRun === undefined ? args : ['-a', binary, ...args],
        {
          cwd: dirname(program.path),
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: process.platform !== 'win32',
          windowsHide: true,
        },
      );
      trackChild(child);
      const onAbort = (): void => {
        killProcessTree(child);
      };
      let memoryExceededBytes: number | undefined;
      const memory =
        child.pid === undefined || xvfbRun !== undefined
          ? undefined
          : watchProcessMemory(child.pid, {
              limitBytes: request.memoryLimitBytes,
              onExceeded: (used) => {
                memoryExceededBytes = used;
                killProcessTree(child);
              },
            });
      // The run may have been cancelled while the wrapper was written: an abort listener added
      // now would never fire.
      if (request.signal.aborted) onAbort();
      else request.signal.addEventListener('abort', onAbort, { once: true });
      const collect = (chunk: string): void => {
        consoleText.append(chunk);
      };
      child.stdout.setEncoding('utf8').on('data', collect);
      child.stderr.setEncoding('utf8').on('data', collect);
      let spawnError: Error | undefined;
      child.on('error', (error) => (spawnError = error));
      child.on('close', (code, signal) => {
        request.signal.removeEventListener('abort', onAbort);
        const peakBytes = memory?.stop();
        const base = {
          console: consoleText.toString(),
          routes: [],
          seconds: elapsed(),
          ...defined({ peakBytes, memoryExceededBytes }),
          ...(backend.fallback === undefined ? {} : { notes: [backend.fallback] }),
        };
        if (spawnError !== undefined) {
          resolve({
            ...base,
            exitCode: null,
            crash: `could not start ${binary}: ${spawnError.message}`,
          });
        } else if (memoryExceededBytes !== undefined) {
          resolve({
            ...base,
            exitCode: null,
            crash: 'openscad was stopped: it took too much memory',
          });
        } else if (signal !== null) {
          resolve({ ...base, exitCode: null, crash: `openscad was killed by ${signal}` });
        } else {
          resolve({ ...base, exitCode: code });
        }
      });
    });
  } finally {
    if (program.source !== undefined) await rm(program.path, { force: true });
  }
}
