import { readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Engine, EngineRequest, EngineRun } from '../engine.js';
import { partInvocation } from '../part-invocation.js';
import { refusedRun } from '../refused-run.js';
import { wasmExportBlocker } from '../wasm/wasm-export-routes.js';
import { hybridEngineInfo } from './hybrid-engine-info.js';
import { prepareCsg } from './prepare-csg.js';

/**
 * The hybrid route: the native OpenSCAD (Debian's 2021.01: fast evaluation, slow CGAL geometry)
 * evaluates the part and exports its evaluated tree as `.csg`, and the WASM OpenSCAD (2025.01:
 * slow evaluation, fast Manifold geometry) builds that tree and writes the part's outputs. Measured
 * on library-heavy models, each engine then does only what it is fast at; on a part whose time is
 * all geometry (threads), nothing is gained.
 *
 * Neither engine is owned: whoever started them closes them.
 *
 * What crosses between the steps: the `.csg` (with `$fn`/`$fa`/`$fs` already applied, numbers
 * rounded to 6 significant digits by 2021.01), the files it names in `import()` and `surface()`
 * (given to the WASM instance), and `text()` calls, which the WASM engine draws with the host's
 * fonts. `-D` definitions and the part's module call reach only the first step. The dependencies
 * (for the cache) are the native step's: it is the one that read the user's files.
 */
export function createHybridEngine(native: Engine, wasm: Engine): Engine {
  return {
    info: hybridEngineInfo(native.info, wasm.info),
    run: (request) => runHybrid(native, wasm, request),
    close: () => Promise.resolve(),
  };
}

async function runHybrid(native: Engine, wasm: Engine, request: EngineRequest): Promise<EngineRun> {
  // Refused before the native step spends anything: the outputs are the WASM engine's to write.
  const blocker = request.outputs
    .map((output) => wasmExportBlocker(output.format))
    .find((reason) => reason !== undefined);
  if (blocker !== undefined)
    return refusedRun(`the hybrid route writes its outputs with ${blocker}`);

  const csgPath = join(request.scratchDir, 'part.csg');
  const evaluated = await native.run({
    ...request,
    // OpenSCAD evaluates a `.csg` export as a preview ($preview = true): the part's
    // `$preview ? … : …` would take its preview branch, a model no other route renders.
    program: { ...request.program, defines: ['$preview = false', ...request.program.defines] },
    outputs: [{ format: 'csg', tempPath: csgPath }],
    binaryStl: false,
    recordDependencies: true,
  });
  const evaluationFailed =
    evaluated.crash !== undefined ||
    evaluated.exitCode !== 0 ||
    (evaluated.diagnostics ?? []).some((diagnostic) => diagnostic.fatal);
  const csg = evaluationFailed ? undefined : await readFile(csgPath, 'utf8').catch(() => undefined);
  if (csg === undefined) return evaluationStepFailed(evaluated, request, native.info.version);

  // The native engine ran this main file, and 2021.01 names files relative to its folder.
  const documentDir = dirname(partInvocation(request.program, request.scratchDir).main);
  const prepared = prepareCsg(csg, documentDir);
  const geometryPath = join(request.scratchDir, 'part-geometry.csg');
  await writeFile(geometryPath, prepared.text);
  const built = await wasm.run({
    program: { file: geometryPath, defines: [] },
    scratchDir: request.scratchDir,
    ...(request.backend === undefined ? {} : { backend: request.backend }),
    ...(request.binaryStl === true ? { binaryStl: true } : {}),
    outputs: request.outputs,
    // A file that is not there stays out: OpenSCAD then warns that it cannot open it, as natively.
    inputFiles: [geometryPath, ...(await existing(prepared.files))],
    libraryPaths: [],
    signal: request.signal,
    memoryLimitBytes: request.memoryLimitBytes,
  });
  return joinSteps(evaluated, built, request);
}

async function existing(files: readonly string[]): Promise<string[]> {
  const found = await Promise.all(
    files.map((file) =>
      stat(file).then(
        (info) => info.isFile(),
        () => false,
      ),
    ),
  );
  return files.filter((_, index) => found[index] === true);
}

/** The native step's run as the part's, saying that this step failed. */
function evaluationStepFailed(
  evaluated: EngineRun,
  request: EngineRequest,
  version: string,
): EngineRun {
  const { dependencies, ...run } = evaluated;
  const step = `evaluation step (native OpenSCAD ${version})`;
  const judged =
    evaluated.exitCode !== 0 || (evaluated.diagnostics ?? []).some((found) => found.fatal);
  return {
    ...run,
    ...(evaluated.crash !== undefined
      ? { crash: `${step}: ${evaluated.crash}` }
      : judged
        ? {}
        : // Exit 0, no error, and still no `.csg`: a failure of this step all the same.
          { exitCode: null, crash: `${step} wrote no .csg` }),
    ...(request.recordDependencies === true && dependencies !== undefined ? { dependencies } : {}),
  };
}

/**
 * One run of the two steps: everything each printed (the evaluation's echoes and warnings first,
 * then the geometry's, whose `Total rendering time` is the part's geometry time), their times
 * summed, the larger peak, and the WASM step's outcome and outputs.
 */
function joinSteps(evaluated: EngineRun, built: EngineRun, request: EngineRequest): EngineRun {
  const peaks = [evaluated.peakBytes, built.peakBytes].filter(
    (bytes): bytes is number => bytes !== undefined,
  );
  const notes = [...(evaluated.notes ?? []), ...(built.notes ?? [])];
  const diagnostics = [...(evaluated.diagnostics ?? []), ...(built.diagnostics ?? [])];
  return {
    exitCode: built.exitCode,
    console: `${evaluated.console}${evaluated.console.endsWith('\n') || evaluated.console === '' ? '' : '\n'}${built.console}`,
    routes: built.routes,
    seconds: evaluated.seconds + built.seconds,
    ...(built.crash === undefined ? {} : { crash: `geometry step (WASM): ${built.crash}` }),
    ...(peaks.length === 0 ? {} : { peakBytes: Math.max(...peaks) }),
    ...(notes.length === 0 ? {} : { notes }),
    ...(diagnostics.length === 0 ? {} : { diagnostics }),
    ...(built.memoryExceededBytes === undefined
      ? {}
      : { memoryExceededBytes: built.memoryExceededBytes }),
    ...(request.recordDependencies === true && evaluated.dependencies !== undefined
      ? { dependencies: evaluated.dependencies }
      : {}),
  };
}
