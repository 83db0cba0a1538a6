import { describe, expect, it } from 'vitest';
import { defaultMemoryBudget, parseByteSize } from '../../src/schedule/memory-budget.js';

describe('parseByteSize', () => {
  it('reads sizes in binary units, as memory is counted', () => {
    expect(parseByteSize('8G')).toBe(8 * 1024 ** 3);
    expect(parseByteSize('512MiB')).toBe(512 * 1024 ** 2);
    expect(parseByteSize('1.5gb')).toBe(1.5 * 1024 ** 3);
    expect(parseByteSize(' 1073741824 ')).toBe(1073741824);
  });

  it('refuses what is not a size', () => {
    for (const text of ['', 'lots', '8 parsecs', '-1G', '0', 'G8'])
      expect(parseByteSize(text)).toBeUndefined();
  });
});

describe('defaultMemoryBudget', () => {
  it('leaves a quarter of the available memory to everything else', () => {
    expect(defaultMemoryBudget(16 * 1024 ** 3)).toBe(12 * 1024 ** 3);
  });
});
