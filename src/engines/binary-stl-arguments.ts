/**
 * The OpenSCAD arguments that make it write binary STL, when a part wants binary STL and every
 * file of the run is an STL: `--export-format` applies to every `-o` of a run, so a part that also
 * exports OFF or 3MF gets ASCII STL, which is converted after the render. Both engines accept it
 * (2021.01 and 2025.01: `binstl`).
 */
export function binaryStlArguments(
  binaryStl: boolean,
  formats: readonly string[],
): readonly string[] {
  return binaryStl && formats.length > 0 && formats.every((format) => format === 'stl')
    ? ['--export-format', 'binstl']
    : [];
}
