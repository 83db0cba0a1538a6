import { readFile, stat } from 'node:fs/promises';
import type { OpenScadCapabilities } from '../engines/native/probe-openscad.js';
import { writeAtomic } from '../util/write-atomic.js';

/**
 * A native engine probe that remembers its answers in a file, keyed by the binary's path, size
 * and modification time: a run whose parts all come from the cache then starts no OpenSCAD at all.
 * A replaced or upgraded binary has another size or time, and is asked again.
 */
export function storedProbe(
  file: string,
  probe: (binary: string) => Promise<OpenScadCapabilities>,
): (binary: string) => Promise<OpenScadCapabilities> {
  return async (binary) => {
    const info = await stat(binary).catch(() => undefined);
    if (info === undefined) return probe(binary);
    const key = `${binary}\0${info.size}\0${Math.round(info.mtimeMs)}`;
    const known = await readProbes(file);
    const found = known[key];
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

async function readProbes(file: string): Promise<Record<string, OpenScadCapabilities>> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null
      ? (parsed as Record<string, OpenScadCapabilities>)
      : {};
  } catch {
    return {};
  }
}
