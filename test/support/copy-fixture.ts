import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A fresh copy of a fixture project in a temporary folder, since renders write into it. */
export async function copyFixture(name: string): Promise<string> {
  const source = fileURLToPath(new URL(`../fixtures/projects/${name}`, import.meta.url));
  const target = join(await mkdtemp(join(tmpdir(), `parascad-${name}-`)), name);
  await cp(source, target, { recursive: true });
  return target;
}
