import { writeFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { workerData } from 'node:worker_threads';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { OutputRoute } from '../engine.js';
import { BoundedText } from '../bounded-text.js';
import { CachedFileReader } from './cached-file-reader.js';
import { describeTrap } from './describe-trap.js';
import { fontMissingDiagnostic } from './font-missing-diagnostic.js';
import { fontconfigEnvironment, installFonts } from './install-fonts.js';
import { InstanceSnapshot } from './instance-snapshot.js';
import {
  openScadRuntime,
  type EmscriptenFs,
  type OpenScadModule,
  type OpenScadWasm,
} from './load-openscad-factory.js';
import { partInvocation } from '../part-invocation.js';
import { toVirtualPath, wasmScratchFolder } from './virtual-path.js';
import { binaryStlArguments } from '../binary-stl-arguments.js';
import { wasmExportRoute } from './wasm-export-routes.js';
import type { WasmTask, WasmTaskResult } from './wasm-task.js';

// The main thread compiled the WebAssembly once; each thread only loads the small glue module.
const runtime = await openScadRuntime(workerData as OpenScadWasm);
const reader = new CachedFileReader();
const outputFolder = '/parascad-outputs';

/** An instance ready for a part, and what it was started with (its environment and fonts). */
interface KeptInstance {
  readonly key: string;
  readonly openscad: OpenScadModule;
  readonly snapshot: InstanceSnapshot;
}

// The instance the last part ran in, put back to its state before that part (or undefined).
let kept: Promise<KeptInstance | undefined> = Promise.resolve(undefined);
// Where the instances' console goes: the current part's text (an instance outlives its part).
let consoleText = new BoundedText();
const collect = (line: string): void => {
  consoleText.append(`${line}\n`);
};

/**
 * Renders one part in an OpenSCAD instance in the state of a fresh one: the instance of the
 * previous part put back as it was before it (see {@link InstanceSnapshot}), or a new one. A
 * second `callMain` without that reset was seen to grow memory to 3.2 GB and throw
 * `std::bad_alloc`.
 */
export default async function renderInWorker(task: WasmTask): Promise<WasmTaskResult> {
  const started = performance.now();
  consoleText = new BoundedText();
  const { fonts } = task;
  const instance = await instanceFor(task);
  const { openscad } = instance;
  const fs = openscad.FS;
  for (const file of task.inputFiles) {
    writeInto(fs, toVirtualPath(file), await reader.read(file));
  }
  // Fixed paths: the command line has the same length for every part and project folder, so that
  // the memory layout (on which how a stack overflow ends depends) does not vary with them.
  const invocation = partInvocation(task.program, wasmScratchFolder, toVirtualPath, true);
  for (const file of invocation.files) writeInto(fs, toVirtualPath(file.path), file.text);
  const programPath = toVirtualPath(invocation.main);
  fs.chdir(posix.dirname(toVirtualPath(task.program.file)));
  fs.mkdirTree(outputFolder);

  const routes = task.outputs.map((output) => ({ output, route: wasmExportRoute(output.format) }));
  const exports = [...new Set(routes.map(({ route }) => route.exportAs))];
  const exportPath = (suffix: string): string => `${outputFolder}/part.${suffix}`;
  const args = [
    ...exports.flatMap((suffix) => ['-o', exportPath(suffix)]),
    ...invocation.defineArgs,
    `--backend=${task.backend}`,
    ...binaryStlArguments(task.binaryStl === true, exports),
    programPath,
  ];

  let exitCode: number | null = null;
  let trap: { readonly error: unknown } | undefined;
  try {
    exitCode = openscad.callMain(args);
  } catch (error) {
    trap = { error };
  }
  flushConsole(fs);
  const crash = trap === undefined ? undefined : describeTrap(trap.error, consoleText.toString());

  const delivered: OutputRoute[] = [];
  if (crash === undefined) {
    for (const { output, route } of routes) {
      const path = exportPath(route.exportAs);
      if (!fs.analyzePath(path).exists) continue;
      const exported = fs.readFile(path);
      if (route.convert === undefined) {
        await writeFile(output.tempPath, exported);
        continue;
      }
      try {
        await writeFile(output.tempPath, await route.convert(exported));
        delivered.push({ format: output.format, note: route.note ?? '' });
      } catch (error) {
        delivered.push({
          format: output.format,
          note: route.note ?? '',
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
  const consoleOutput = consoleText.toString();
  // Without a usable font OpenSCAD only warns and leaves the text out of the model.
  const fontProblem: Diagnostic | undefined =
    fonts === undefined
      ? undefined
      : fontMissingDiagnostic(consoleOutput, {
          folders: fonts.folders,
          files: fonts.files.length,
        });
  // Not OpenSCAD's `-d`: any change to this build's command line moves its memory layout, and
  // with it how a stack overflow ends (measured: a trap became a hang). The instance can read only
  // the files it was given, so they are its dependencies (a superset: never a stale output).
  const dependencies =
    crash === undefined && task.recordDependencies === true ? [...task.inputFiles] : undefined;
  const result = {
    exitCode,
    console: consoleOutput,
    routes: delivered,
    seconds: (performance.now() - started) / 1000,
    // WebAssembly memory only grows, and an instance whose memory grew is not used again: its size
    // after the render is the render's peak.
    peakBytes: openscad.HEAP8.length,
    ...(fontProblem === undefined ? {} : { diagnostics: [fontProblem] }),
    ...(dependencies === undefined ? {} : { dependencies }),
  };
  // A trapped instance is in no state to run again; any other is put back after the answer.
  kept = crash === undefined ? restoreLater(instance) : Promise.resolve(undefined);
  return crash === undefined ? result : { ...result, crash };
}

/** The kept instance when it was started for the same environment and fonts, else a new one. */
async function instanceFor(task: WasmTask): Promise<KeptInstance> {
  const { fonts } = task;
  const openScadPath = task.libraryPaths.map((path) => toVirtualPath(path)).join(':');
  const key = JSON.stringify([openScadPath, fonts?.folders, fonts?.files.map((file) => file.path)]);
  const previous = await kept;
  kept = Promise.resolve(undefined);
  if (previous?.key === key) return previous;
  const openscad = await runtime.create({
    noInitialRun: true,
    noExitRuntime: true,
    print: collect,
    printErr: collect,
    // The environment is read once when the runtime starts: it must be in place before then.
    preRun: [
      (module) => {
        module.ENV['OPENSCADPATH'] = openScadPath;
        if (fonts !== undefined) Object.assign(module.ENV, fontconfigEnvironment);
      },
    ],
  });
  if (fonts !== undefined) installFonts(openscad.FS, fonts.files, fonts.folders);
  return { key, openscad, snapshot: new InstanceSnapshot(openscad) };
}

/** Resets the instance once the part's answer is on its way; undefined when it cannot be reset. */
function restoreLater(instance: KeptInstance): Promise<KeptInstance | undefined> {
  return new Promise((resolve) => {
    setImmediate(() => {
      try {
        resolve(instance.snapshot.restore() ? instance : undefined);
      } catch {
        resolve(undefined);
      }
    });
  });
}

/**
 * Passes on a last console line that did not end in a newline: the runtime holds it back until
 * one comes, which would be in the next part.
 */
function flushConsole(fs: EmscriptenFs): void {
  for (const descriptor of [1, 2]) {
    const tty = fs.streams[descriptor]?.tty;
    if (tty !== undefined && tty.output.length > 0) tty.ops.fsync?.(tty);
  }
}

function writeInto(fs: EmscriptenFs, path: string, data: string | Uint8Array): void {
  fs.mkdirTree(posix.dirname(path));
  fs.writeFile(path, data);
}
