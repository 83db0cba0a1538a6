import { format, resolveConfig } from 'prettier';

/**
 * A JSON Schema as the text of its file in `schema/`, formatted the way the repository formats
 * JSON, so the committed file passes `prettier --check` and a test can tell when it no longer
 * matches the zod schema it was generated from.
 */
export async function jsonSchemaText(
  file: string,
  schema: Record<string, unknown>,
): Promise<string> {
  const options = await resolveConfig(file);
  return format(JSON.stringify(schema), { ...options, filepath: file });
}
