import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The JSON Schema of `parascad.config.*` as this installation of parascad ships it. */
export const installedSchemaFile = fileURLToPath(
  new URL('../../schema/parascad.config.schema.json', import.meta.url),
);

/**
 * How a config file in `configDir` should name the schema so that editors find it: a relative
 * path when parascad is installed inside the project (`./node_modules/parascad/schema/…`, which
 * travels with the project), else a `file://` URL of this installation's copy (a global install,
 * a clone) — relative paths climbing out of a project break as soon as it moves.
 */
export function schemaReference(configDir: string, schemaFile = installedSchemaFile): string {
  const path = relative(configDir, schemaFile);
  if (path !== '' && !path.startsWith('..') && !isAbsolute(path)) {
    return `./${path.split(sep).join('/')}`;
  }
  return pathToFileURL(schemaFile).href;
}
