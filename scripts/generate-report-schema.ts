import { writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runReportJsonSchema } from '../src/report/documents/run-report-schema.js';
import { jsonSchemaText } from './json-schema-text.js';

/** The published JSON Schema of the run report (`--report json=FILE`), shipped in `schema/`. */
export const reportSchemaFile = fileURLToPath(
  new URL('../schema/parascad.report.schema.json', import.meta.url),
);

/**
 * The text of {@link reportSchemaFile} as generated now from the zod schemas of the run report,
 * formatted as the repository formats JSON, so a test can tell when it no longer matches them.
 */
export function reportSchemaText(): Promise<string> {
  return jsonSchemaText(reportSchemaFile, runReportJsonSchema());
}

// `npm run schema` runs this file; tests import it for reportSchemaText.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeFile(reportSchemaFile, await reportSchemaText());
  process.stdout.write(`wrote ${reportSchemaFile}\n`);
}
