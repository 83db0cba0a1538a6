import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projects = fileURLToPath(new URL('../fixtures/projects/', import.meta.url));

/** Absolute path inside `test/fixtures/projects`. */
export function fixture(...parts: string[]): string {
  return join(projects, ...parts);
}
