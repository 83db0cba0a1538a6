import { basename } from 'node:path';
import type { LeakingGeometry } from '../discovery/find-leaking-geometry.js';
import type { ConfigProblem } from '../errors.js';

/**
 * The one warning for a file whose marked modules render with `use` instead of `include`,
 * because including it would add its unguarded top-level geometry to every part. Placed at the
 * first such instantiation (which may be in a file it includes), naming the guard that keeps
 * `include` mode.
 */
export function leakingGeometryWarning(scadFile: string, leak: LeakingGeometry): ConfigProblem {
  const fileName = basename(scadFile);
  const where =
    leak.at.file === scadFile
      ? `at the top level of ${fileName}`
      : `at the top level of ${basename(leak.at.file)}, which ${fileName} includes,`;
  const others = leak.count > 1 ? ` (and ${leak.count - 1} more)` : '';
  return {
    message: `${leak.module}(…)${others} ${where} is not guarded, so it would be added to every part: the parts of ${fileName} render with use <${fileName}>, which never runs top-level geometry`,
    location: { ...leak.at, length: leak.module.length },
    hint: `wrap it in ${leak.guard} { … } to render the parts with include (then the file's top-level variables and $fn apply)`,
  };
}
