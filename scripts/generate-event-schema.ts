import { writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runEventJsonSchema } from '../src/run/run-event-schema.js';
import { jsonSchemaText } from './json-schema-text.js';

/** The published JSON Schema of a `--json` line, shipped in the package's `schema/` folder. */
export const eventSchemaFile = fileURLToPath(
  new URL('../schema/parascad.events.schema.json', import.meta.url),
);

/**
 * The text of {@link eventSchemaFile} as generated now from the zod schemas of the run's events,
 * formatted as the repository formats JSON, so a test can tell when it no longer matches them.
 */
export function eventSchemaText(): Promise<string> {
  return jsonSchemaText(eventSchemaFile, runEventJsonSchema());
}

// `npm run schema` runs this file; tests import it for eventSchemaText.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeFile(eventSchemaFile, await eventSchemaText());
  process.stdout.write(`wrote ${eventSchemaFile}\n`);
}
