import { basename } from 'node:path';
import type { ConfigProblem } from '../errors.js';
import { readParameterSets } from './customizer-sets.js';
import { parameterSetFileBeside } from './module-variants.js';

/** Sets named in the warning before "and N more". */
const namedSets = 5;

/**
 * A warning for a scad file named on the command line whose customizer sets, in `NAME.json`
 * beside it (OpenSCAD's convention), the run leaves out: the file's defaults render, as they
 * do in `openscad` without `-p`, but the sets are what such a file is usually made for.
 * Undefined when there is no such file, or it holds no customizer sets.
 */
export async function unusedParameterSetsWarning(
  scadFile: string,
): Promise<ConfigProblem | undefined> {
  const jsonFile = parameterSetFileBeside(scadFile);
  const read = await readParameterSets(jsonFile).catch(() => undefined);
  const sets = [...(read?.sets.values() ?? [])];
  const [first] = sets;
  if (first === undefined) return undefined;
  const json = basename(jsonFile);
  const names = sets.slice(0, namedSets).map((set) => JSON.stringify(set.name));
  const more = sets.length > namedSets ? ` and ${sets.length - namedSets} more` : '';
  return {
    message: `${json} beside ${basename(scadFile)} holds ${sets.length === 1 ? 'a customizer set' : `${sets.length} customizer sets`} (${names.join(', ')}${more}), which this run leaves out: it renders the file's defaults`,
    location: first.at,
    hint: `-p ${json} renders one part per set, -P ${JSON.stringify(first.name)} one of them`,
  };
}
