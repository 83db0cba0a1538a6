/** Whether a format holds a 3D mesh, a 2D drawing, or whatever the model is. */
export type FormatDimension = '3d' | '2d' | 'any';

export interface ExportFormat {
  /** The file suffix, which is also how OpenSCAD picks the exporter. */
  readonly suffix: string;
  readonly dimension: FormatDimension;
  /** Formats whose content may legitimately be empty (an `echo` file of a model that echoes nothing). */
  readonly mayBeEmpty: boolean;
  readonly description: string;
}

const formats: readonly ExportFormat[] = [
  { suffix: 'stl', dimension: '3d', mayBeEmpty: false, description: 'STL mesh' },
  { suffix: 'off', dimension: '3d', mayBeEmpty: false, description: 'OFF mesh' },
  { suffix: 'amf', dimension: '3d', mayBeEmpty: false, description: 'AMF mesh' },
  { suffix: '3mf', dimension: '3d', mayBeEmpty: false, description: '3MF package' },
  { suffix: 'wrl', dimension: '3d', mayBeEmpty: false, description: 'VRML mesh' },
  { suffix: 'obj', dimension: '3d', mayBeEmpty: false, description: 'Wavefront OBJ mesh' },
  { suffix: 'nef3', dimension: '3d', mayBeEmpty: false, description: 'CGAL Nef polyhedron' },
  {
    suffix: 'nefdbg',
    dimension: '3d',
    mayBeEmpty: false,
    description: 'CGAL Nef polyhedron debug dump',
  },
  { suffix: 'dxf', dimension: '2d', mayBeEmpty: false, description: 'DXF drawing' },
  { suffix: 'svg', dimension: '2d', mayBeEmpty: false, description: 'SVG drawing' },
  { suffix: 'pdf', dimension: '2d', mayBeEmpty: false, description: 'PDF drawing' },
  { suffix: 'csg', dimension: 'any', mayBeEmpty: false, description: 'CSG tree' },
  { suffix: 'ast', dimension: 'any', mayBeEmpty: false, description: 'syntax tree' },
  { suffix: 'term', dimension: 'any', mayBeEmpty: true, description: 'CSG term' },
  { suffix: 'echo', dimension: 'any', mayBeEmpty: true, description: 'echo() output' },
  { suffix: 'png', dimension: 'any', mayBeEmpty: false, description: 'PNG image' },
];

const bySuffix = new Map(formats.map((format) => [format.suffix, format]));

/** The export format for a file suffix (case-insensitive), or undefined when OpenSCAD has none. */
export function findExportFormat(suffix: string): ExportFormat | undefined {
  return bySuffix.get(suffix.toLowerCase());
}

/** Every suffix OpenSCAD can export, for help texts and "did you mean" hints. */
export function exportSuffixes(): readonly string[] {
  return formats.map((format) => format.suffix);
}
