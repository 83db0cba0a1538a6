import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { installedSchemaFile, schemaReference } from '../../src/config/schema-reference.js';

describe('schemaReference', () => {
  it('names the schema relative to a project parascad is installed in', () => {
    expect(
      schemaReference('/home/me/kit', '/home/me/kit/node_modules/parascad/schema/s.json'),
    ).toBe('./node_modules/parascad/schema/s.json');
  });

  it('names a global or cloned installation by file URL, never by a path climbing out', () => {
    expect(
      schemaReference('/home/me/kit', '/usr/local/lib/node_modules/parascad/schema/s.json'),
    ).toBe('file:///usr/local/lib/node_modules/parascad/schema/s.json');
  });

  it('points at the schema this installation ships', () => {
    expect(existsSync(installedSchemaFile)).toBe(true);
  });
});
