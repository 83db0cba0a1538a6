import { readFileSync } from 'node:fs';

const fixtures = new URL('../../fixtures/verify/', import.meta.url);

/** The bytes of a file under test/fixtures/verify/ (`native/cube.stl`). */
export function readVerifyFixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(path, fixtures)));
}

/** The source of a model under test/fixtures/verify/models/ (`cube` for `cube.scad`). */
export function readModel(name: string): string {
  return readFileSync(new URL(`models/${name}.scad`, fixtures), 'utf8');
}
