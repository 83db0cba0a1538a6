import { writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { runEventJsonSchema } from '../src/run/run-event-schema.js';

/** The published JSON Schema of a `--json` line, shipped in the package's `schema/` folder. */
export const eventSchemaFile = fileURLToPath(
  new URL('../schema/parascad.events.schema.json', import.meta.url),
);

/**
 * The text of {@link eventSchemaFile} as generated now from the zod schemas of the run's events,
 * formatted as the repository formats JSON, so a test can tell when it no longer matches them.
 */
export async function eventSchemaText(): Promise<string> {
  const options = await resolveConfig(eventSchemaFile);
  return format(JSON.stringify(runEventJsonSchema()), { ...options, filepath: eventSchemaFile });
}

// `npm run schema` runs this file; tests import it for eventSchemaText.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeFile(eventSchemaFile, await eventSchemaText());
  process.stdout.write(`wrote ${eventSchemaFile}\n`);
}
