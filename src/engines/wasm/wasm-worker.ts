import { writeFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { workerData } from 'node:worker_threads';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { OutputRoute } from '../engine.js';
import { BoundedText } from '../bounded-text.js';
import { CachedFileReader } from './cached-file-reader.js';
import { fontMissingDiagnostic } from './font-missing-diagnostic.js';
import { fontconfigEnvironment, installFonts } from './install-fonts.js';
import { openScadRuntime, type EmscriptenFs, type OpenScadWasm } from './load-openscad-factory.js';
import { partInvocation } from '../part-invocation.js';
import { toVirtualPath, wasmScratchFolder } from './virtual-path.js';
import { binaryStlArguments } from '../binary-stl-arguments.js';
import { wasmExportRoute } from './wasm-export-routes.js';
import type { WasmTask, WasmTaskResult } from './wasm-task.js';

// The main thread compiled the WebAssembly once; each thread only loads the small glue module.
const runtime = await openScadRuntime(workerData as OpenScadWasm);
const reader = new CachedFileReader();
const outputFolder = '/parascad-outputs';

/**
 * Renders one part in a fresh OpenSCAD instance. Instances are single-use: a second `callMain`
 * after a real render was seen to grow memory to 3.2 GB and throw `std::bad_alloc`.
 */
export default async function renderInWorker(task: WasmTask): Promise<WasmTaskResult> {
  const started = performance.now();
  const consoleText = new BoundedText();
  const collect = (line: string): void => {
    consoleText.append(`${line}\n`);
  };
  const { fonts } = task;
  const openscad = await runtime.create({
    noInitialRun: true,
    noExitRuntime: true,
    print: collect,
    printErr: collect,
    // The environment is read once when the runtime starts: it must be in place before then.
    preRun: [
      (module) => {
        module.ENV['OPENSCADPATH'] = task.libraryPaths.map((path) => toVirtualPath(path)).join(':');
        if (fonts !== undefined) Object.assign(module.ENV, fontconfigEnvironment);
      },
    ],
  });
  const fs = openscad.FS;
  if (fonts !== undefined) installFonts(fs, fonts.files, fonts.folders);
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
  let crash: string | undefined;
  try {
    exitCode = openscad.callMain(args);
  } catch (error) {
    crash = describeTrap(error);
  }

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
    // WebAssembly memory only grows: its size after the render is the render's peak.
    peakBytes: openscad.HEAP8.length,
    ...(fontProblem === undefined ? {} : { diagnostics: [fontProblem] }),
    ...(dependencies === undefined ? {} : { dependencies }),
  };
  return crash === undefined ? result : { ...result, crash };
}

function writeInto(fs: EmscriptenFs, path: string, data: string | Uint8Array): void {
  fs.mkdirTree(posix.dirname(path));
  fs.writeFile(path, data);
}

/**
 * What a trap means for the user. Measured here: endless recursion overflows this build's small
 * stack and ends in an out-of-bounds access, or in a bare thrown number (an uncaught C++ exception
 * of the overwritten runtime); which one depends on the memory layout, so the engine keeps its
 * command line the same length for every part (see `partInvocation`).
 */
function describeTrap(error: unknown): string {
  if (!(error instanceof Error)) {
    return `OpenSCAD (WASM) stopped with an uncaught internal exception (${String(error)}): how this WASM build ends endless or very deep recursion`;
  }
  const message = `${error.name}: ${error.message}`;
  const hint = /memory access out of bounds|call stack/i.test(message)
    ? ' (how this WASM build ends endless or very deep recursion)'
    : '';
  return `OpenSCAD (WASM) stopped with ${message}${hint}`;
}
