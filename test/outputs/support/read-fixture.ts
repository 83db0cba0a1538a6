import { readFileSync } from 'node:fs';

const fixtures = new URL('../../fixtures/outputs/', import.meta.url);

/** The bytes of a file under test/fixtures/outputs/ (`native/mesh.stl`, `models/mesh.scad`). */
export function readFixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(path, fixtures)));
}

/** The text of a file under test/fixtures/outputs/. */
export function readFixtureText(path: string): string {
  return readFileSync(new URL(path, fixtures), 'utf8');
}
