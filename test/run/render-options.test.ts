import { describe, expect, it } from 'vitest';
import { ParascadError } from '../../src/errors.js';
import { checkRenderOptions } from '../../src/run/render-options.js';
import { planRun } from '../../src/run/plan-run.js';

describe('checkRenderOptions', () => {
  it('refuses an empty output folder, which would put outputs among the sources', () => {
    for (const outDir of ['', '  ']) {
      expect(() => {
        checkRenderOptions({ outDir });
      }).toThrow(ParascadError);
    }
    expect(() => {
      checkRenderOptions({ outDir: '' });
    }).toThrow('the output folder (-o, --out-dir) is empty');
  });

  it('is applied by planning too, so list refuses it as render does', async () => {
    await expect(planRun({ outDir: '', cwd: '/nonexistent' })).rejects.toThrow(
      'the output folder (-o, --out-dir) is empty',
    );
  });
});
