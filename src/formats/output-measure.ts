/** An axis-aligned box in model coordinates (millimetres): its lowest and highest corner. */
export interface Box3 {
  readonly min: readonly [x: number, y: number, z: number];
  readonly max: readonly [x: number, y: number, z: number];
}

/** An axis-aligned rectangle in model coordinates (millimetres): its lowest and highest corner. */
export interface Box2 {
  readonly min: readonly [x: number, y: number];
  readonly max: readonly [x: number, y: number];
}

/**
 * What a triangle mesh measures. `volume` is the signed volume the surface encloses (positive when
 * the faces wind counter-clockwise seen from outside, as every OpenSCAD exporter writes them);
 * `area` is the surface area; `triangles` counts triangles once polygon faces are split into fans;
 * `closed` says whether every edge is shared by exactly two faces once vertices at equal
 * coordinates are merged (a closed two-manifold, whose volume is meaningful).
 */
export interface MeshMeasure {
  readonly kind: '3d';
  readonly volume: number;
  readonly area: number;
  readonly bounds: Box3;
  readonly triangles: number;
  readonly closed: boolean;
  /** Edges only one face uses: holes in the surface. */
  readonly openEdges: number;
  /** Edges more than two faces use: where solids touch along an edge, or a face is doubled. */
  readonly nonManifoldEdges: number;
}

/**
 * What a 2D drawing measures: the bounds of its outlines, the area they enclose (holes excluded)
 * and how many closed outlines it has.
 */
export interface DrawingMeasure {
  readonly kind: '2d';
  readonly bounds: Box2;
  readonly area: number;
  readonly contours: number;
}

/** Why an output could not be measured: an unsupported format, an empty or malformed file. */
export interface NoMeasure {
  readonly kind: 'none';
  readonly reason: string;
}

/** The geometry of one exported file, reduced to numbers two engines' outputs can be compared by. */
export type OutputMeasure = MeshMeasure | DrawingMeasure | NoMeasure;
