import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/plan/resolve-settings.js';

const at = (line: number) => ({ file: '/p/parascad.config.yaml', line });

describe('resolveSettings', () => {
  it('takes each setting from the first level that sets it', () => {
    const resolved = resolveSettings(
      { timeoutSeconds: { value: 5, at: at(9) } },
      { engine: { value: 'native', at: at(5) }, timeoutSeconds: { value: 7, at: at(6) } },
      undefined,
      { engine: { value: 'wasm', at: at(2) }, mode: { value: 'include', at: at(3) } },
    );

    expect(resolved).toEqual({
      timeoutSeconds: { value: 5, at: at(9) },
      engine: { value: 'native', at: at(5) },
      mode: { value: 'include', at: at(3) },
    });
  });

  it('takes quality whole from one level rather than merging its keys', () => {
    const resolved = resolveSettings(
      { quality: { value: { $fa: 6 }, at: at(9) } },
      { quality: { value: { $fn: 64 }, at: at(2) } },
    );

    expect(resolved.quality?.value).toEqual({ $fa: 6 });
  });
});
