/** How the WASM engine delivers one requested format. */
export interface WasmExportRoute {
  /** The format OpenSCAD is asked to export. */
  readonly exportAs: string;
  /** Turns that export into the requested format, when they differ. */
  readonly convert?: (exported: Uint8Array) => Promise<Uint8Array>;
  /** What parascad tells the user about this route. */
  readonly note?: string;
}

/**
 * The formats this WASM build cannot export itself (measured: 3MF export traps with "null function
 * or function signature mismatch" and kills the instance; PDF export is not compiled in, prints an
 * ERROR, exits 0 and writes nothing) are exported as a mesh or drawing it can write and converted
 * by parascad. Every other format is exported as it is: measured with `--backend=manifold`, this
 * build writes stl, off, amf, wrl, obj, nef3 and nefdbg (it converts Manifold's mesh to a CGAL
 * Nef polyhedron for those two), dxf, svg, csg, ast, term and echo.
 */
export function wasmExportRoute(format: string): WasmExportRoute {
  switch (format) {
    case '3mf':
      return {
        exportAs: 'off',
        // The converters (and pdf-lib, fflate, earcut) load only for a part that needs them.
        convert: async (off) => {
          const { offTo3mf } = await import('../../outputs/convert/off-to-3mf.js');
          return offTo3mf(off);
        },
        note: "3mf written by parascad from OpenSCAD's OFF mesh (this WASM OpenSCAD traps on 3MF export)",
      };
    case 'pdf':
      return {
        exportAs: 'svg',
        convert: async (svg) => {
          const { svgToPdf } = await import('../../outputs/convert/svg-to-pdf.js');
          return svgToPdf(svg);
        },
        note: "pdf written by parascad from OpenSCAD's SVG drawing (this WASM OpenSCAD has no PDF export)",
      };
    default:
      return { exportAs: format };
  }
}

/**
 * Why this WASM build cannot deliver a format at all, or undefined when it can. PNG needs an
 * OpenGL context, which the build cannot create: measured, `-o part.png` prints nothing, exits 1
 * and writes no file (`--render` and `--preview` are not even accepted).
 */
export function wasmExportBlocker(format: string): string | undefined {
  return format === 'png'
    ? 'the WASM OpenSCAD cannot render png images: it has no OpenGL (it exits 1 and writes nothing); render png with --engine native'
    : undefined;
}
