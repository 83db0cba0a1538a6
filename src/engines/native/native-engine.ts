import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Engine, EngineInfo, EngineRequest, EngineRun } from '../engine.js';
import { BoundedText } from '../bounded-text.js';
import { defined } from '../../util/defined.js';
import { killProcessTree, trackChild } from './kill-process-tree.js';
import { backendArguments, type OpenScadCapabilities } from './probe-openscad.js';
import { watchProcessMemory } from './watch-process-memory.js';

/** Runs the user's own `openscad` binary, one child process per part, without a shell. */
export function createNativeEngine(binary: string, capabilities: OpenScadCapabilities): Engine {
  const info: EngineInfo = {
    id: 'native',
    version: capabilities.version,
    backend: capabilities.backend,
    source: binary,
  };
  return {
    info,
    run: (request) => runNative(binary, capabilities, request),
    close: () => Promise.resolve(),
  };
}

async function runNative(
  binary: string,
  capabilities: OpenScadCapabilities,
  request: EngineRequest,
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
      const child = spawn(binary, args, {
        cwd: dirname(program.path),
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
      trackChild(child);
      const onAbort = (): void => {
        killProcessTree(child);
      };
      let memoryExceededBytes: number | undefined;
      const memory =
        child.pid === undefined
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
