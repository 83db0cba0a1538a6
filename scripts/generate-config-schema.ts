import { writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { projectConfigJsonSchema } from '../src/config/project-config-json-schema.js';
import { jsonSchemaText } from './json-schema-text.js';

/** The published JSON Schema of the project config, shipped in the package's `schema/` folder. */
export const configSchemaFile = fileURLToPath(
  new URL('../schema/parascad.config.schema.json', import.meta.url),
);

/**
 * The text of {@link configSchemaFile} as generated now: the zod schema's JSON Schema, formatted
 * the way the repository formats JSON, so the committed file passes `prettier --check` and a test
 * can tell when it no longer matches the schema.
 */
export function configSchemaText(): Promise<string> {
  return jsonSchemaText(configSchemaFile, projectConfigJsonSchema());
}

// `npm run schema` runs this file; tests import it for configSchemaText.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeFile(configSchemaFile, await configSchemaText());
  process.stdout.write(`wrote ${configSchemaFile}\n`);
}
