import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { knownKeysAt } from '../../src/config/known-keys-at.js';
import { projectConfigSchema } from '../../src/config/project-config-schema.js';

const settings = ['formats', 'quality', 'timeout', 'engine', 'backend', 'stl', 'mode', 'output'];

describe('knownKeysAt', () => {
  it('lists the keys of the mappings along a path, through lists, unions and records', () => {
    expect(knownKeysAt(projectConfigSchema, [])).toEqual([
      '$schema',
      'outDir',
      'jobs',
      'strict',
      'defaults',
      'files',
    ]);
    expect(knownKeysAt(projectConfigSchema, ['defaults'])).toEqual(settings);
    expect(knownKeysAt(projectConfigSchema, ['files', 3])).toEqual([
      'path',
      'exclude',
      'modules',
      'params',
      'paramsets',
      'matrix',
      ...settings,
    ]);
    expect(knownKeysAt(projectConfigSchema, ['files', 0, 'modules', 2])).toEqual([
      'name',
      'params',
      'paramsets',
      'matrix',
      ...settings,
    ]);
    expect(knownKeysAt(projectConfigSchema, ['files', 0, 'modules', 2, 'paramsets'])).toEqual([
      'file',
      'sets',
    ]);
    expect(knownKeysAt(projectConfigSchema, ['files', 0, 'quality'])).toEqual([
      '$fn',
      '$fa',
      '$fs',
      'fn',
      'fa',
      'fs',
    ]);
  });

  it('looks through records and lazy schemas', () => {
    const schema = z.record(
      z.string(),
      z.lazy(() => z.strictObject({ a: z.number(), b: z.number() })),
    );

    expect(knownKeysAt(schema, ['anything'])).toEqual(['a', 'b']);
  });

  it('knows no keys where the schema declares no mapping', () => {
    expect(knownKeysAt(projectConfigSchema, ['jobs'])).toBeUndefined();
    expect(knownKeysAt(projectConfigSchema, ['files', 'path'])).toBeUndefined();
  });
});
