import { join, resolve } from 'node:path';
import { findOpenScad } from '../engines/native/find-openscad.js';
import { probeOpenScadOnce } from '../engines/native/probe-openscad-once.js';
import { startOrphanWatchdog } from '../engines/native/orphan-watchdog.js';
import { warmUpLauncher } from '../engines/native/launch-process.js';
import { recallProbe } from '../engines/native/stored-probe.js';
import { stateFolderOf } from '../util/ensure-state-folder.js';
import type { RenderOptions } from './render-options.js';

/**
 * Starts the engines' slow start-up work while the run is still discovering and planning parts,
 * so that the first part need not wait for it: compiling the WebAssembly OpenSCAD (unless every
 * part is forced native) and probing the native binary the options point at (unless every part is
 * forced to WASM, or the project remembers the binary's answers). Both are cached per process, so
 * the engines pick up the results; a guess that turns out unneeded costs CPU time on otherwise
 * idle cores, and errors are left for the engines to report when they really start. A run forced
 * to native OpenSCAD starts its orphan watchdog and the launcher of its processes too.
 */
export function warmUpEngines(
  options: Pick<RenderOptions, 'engine' | 'openscad' | 'env' | 'cwd' | 'stateDir'>,
): void {
  if (options.engine !== 'native') {
    import('../engines/wasm/load-openscad-factory.js')
      .then(({ loadOpenScadWasm }) => loadOpenScadWasm())
      .catch(() => undefined);
  }
  if (options.engine !== 'wasm') {
    findOpenScad({ explicitPath: options.openscad, env: options.env })
      .then((found) => {
        if (found?.kind !== 'found') return undefined;
        // Every part of such a run starts OpenSCAD processes: the watchdog that kills what a
        // killed parascad leaves is needed anyway. `auto` may render everything in WASM.
        if (options.engine === 'native' || options.engine === 'hybrid') {
          startOrphanWatchdog();
          warmUpLauncher();
        }
        // A project rendered before remembers the answers (`.parascad/probes.json`): no probe.
        // The project is not read yet, so its folder is guessed to be the working folder.
        const cwd = resolve(options.cwd ?? process.cwd());
        const remembered = join(stateFolderOf(cwd, { ...options, cwd }), 'probes.json');
        return recallProbe(remembered, found.path).then(
          (known) => known ?? probeOpenScadOnce(found.path),
        );
      })
      .catch(() => undefined);
  }
}
