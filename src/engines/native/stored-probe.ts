import { readFile, stat } from 'node:fs/promises';
import { writeAtomic } from '../../util/write-atomic.js';
import type { OpenScadCapabilities } from './probe-openscad.js';

/**
 * A native engine probe that remembers its answers in a file (the project's
 * `.parascad/probes.json`), keyed by the binary's path, size, modification time and inode: a run
 * then starts no OpenSCAD just to ask its version and help text — two OpenSCAD start-ups that the
 * first part waited for (~80 ms here) and that cost a tiny-parts run as much CPU as a part. A
 * replaced, upgraded or rebuilt binary has another key, and is asked again. It is knowledge about
 * the machine, not about parts, so `--no-cache` uses it too.
 */
export function storedProbe(
  file: string,
  probe: (binary: string) => Promise<OpenScadCapabilities>,
): (binary: string) => Promise<OpenScadCapabilities> {
  return async (binary) => {
    const key = await keyOf(binary);
    if (key === undefined) return probe(binary);
    const found = await remembered(file, key);
    if (found !== undefined) return found;
    const capabilities = await probe(binary);
    // Losing this write only costs the next run one probe.
    await writeAtomic(
      file,
      JSON.stringify({ ...(await readProbes(file)), [key]: capabilities }),
    ).catch(() => undefined);
    return capabilities;
  };
}

/**
 * What `file` remembers of `binary`, without asking it or writing anything: for the warm-up,
 * which guesses the project's state folder before the project is read, and must not leave a
 * file in a folder that turns out not to be one.
 */
export async function recallProbe(
  file: string,
  binary: string,
): Promise<OpenScadCapabilities | undefined> {
  const key = await keyOf(binary);
  return key === undefined ? undefined : remembered(file, key);
}

async function remembered(file: string, key: string): Promise<OpenScadCapabilities | undefined> {
  const found = (await readProbes(file))[key];
  return isCapabilities(found) ? found : undefined;
}

/**
 * Whether a remembered answer is one a probe could have given: its arguments reach OpenSCAD's
 * command line, so a damaged or hand-edited file is asked again rather than believed.
 */
function isCapabilities(value: unknown): value is OpenScadCapabilities {
  if (typeof value !== 'object' || value === null) return false;
  const { version, backend, backendArgs, exportFormats } = value as Record<string, unknown>;
  const args = JSON.stringify(backendArgs);
  return (
    typeof version === 'string' &&
    /^\S{1,100}$/.test(version) &&
    ((backend === 'cgal' && args === '[]') ||
      (backend === 'manifold' &&
        (args === '["--backend=manifold"]' || args === '["--enable=manifold"]'))) &&
    (exportFormats === undefined ||
      (Array.isArray(exportFormats) &&
        exportFormats.every((format) => typeof format === 'string' && /^[a-z0-9]+$/.test(format))))
  );
}

async function keyOf(binary: string): Promise<string | undefined> {
  const info = await stat(binary).catch(() => undefined);
  if (info === undefined) return undefined;
  return [binary, info.size, Math.round(info.mtimeMs), info.ino].join('\0');
}

async function readProbes(file: string): Promise<Record<string, unknown>> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
