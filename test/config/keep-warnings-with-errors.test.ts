import { describe, expect, it } from 'vitest';
import { keepWarningsWithErrors } from '../../src/config/keep-warnings-with-errors.js';
import { ConfigError, ParascadError } from '../../src/errors.js';

const warning = { message: 'params sets widht, which box.scad does not assign' };
const problem = { message: 'engine must be auto, native, wasm or hybrid' };

describe('keepWarningsWithErrors', () => {
  it('gives a ConfigError the warnings found before it was thrown', async () => {
    const warnings: (typeof warning)[] = [];

    const thrown = await keepWarningsWithErrors(warnings, () => {
      warnings.push(warning);
      return Promise.reject(new ConfigError([problem]));
    }).catch((error: unknown) => error);

    expect(thrown).toBeInstanceOf(ConfigError);
    expect(thrown).toMatchObject({ problems: [problem], warnings: [warning] });
  });

  it('lets other errors and results through as they are', async () => {
    const other = new ParascadError('NOTHING_TO_RENDER', 'No part to render');

    await expect(keepWarningsWithErrors([warning], () => Promise.reject(other))).rejects.toBe(
      other,
    );
    await expect(keepWarningsWithErrors([warning], () => Promise.resolve(3))).resolves.toBe(3);
  });
});
