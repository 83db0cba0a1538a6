/**
 * Where a mesh reader puts what it reads: points, which it gets indices for, and faces by those
 * indices, wound counter-clockwise seen from outside. `MeshMeasurer` is the one that measures.
 */
export interface MeshSink {
  vertex(x: number, y: number, z: number): number;
  triangle(a: number, b: number, c: number): void;
  polygon(corners: ArrayLike<number>, count: number): void;
}
