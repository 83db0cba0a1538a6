import { stat } from 'node:fs/promises';
import { probeOpenScad, type OpenScadCapabilities } from './probe-openscad.js';

const probes = new Map<string, Promise<OpenScadCapabilities>>();

/**
 * {@link probeOpenScad}, once per binary per process: the probe costs two OpenSCAD start-ups,
 * which a run can pay while it plans (see warmUpEngines) and a library caller's later runs need
 * not pay again. Keyed by the file's size and modification time, so a replaced binary is asked
 * again; a failed probe is not kept.
 */
export async function probeOpenScadOnce(binary: string): Promise<OpenScadCapabilities> {
  const file = await stat(binary).catch(() => undefined);
  const key = `${binary}\0${file?.size ?? -1}\0${file?.mtimeMs ?? -1}`;
  let probe = probes.get(key);
  if (probe === undefined) {
    probe = probeOpenScad(binary);
    probes.set(key, probe);
    probe.catch(() => probes.delete(key));
  }
  return probe;
}
