import { describe, expect, it } from 'vitest';
import { findPngDisplay } from '../../../src/engines/native/find-png-display.js';

const xvfbRunAt =
  (path: string | undefined) =>
  (command: string): Promise<string | undefined> =>
    Promise.resolve(command === 'xvfb-run' ? path : undefined);

describe('findPngDisplay', () => {
  it("uses the session's X or Wayland display when there is one", async () => {
    const findCommand = xvfbRunAt('/usr/bin/xvfb-run');
    expect(
      await findPngDisplay({ platform: 'linux', env: { DISPLAY: ':0' }, findCommand }),
    ).toEqual({ kind: 'display' });
    expect(
      await findPngDisplay({
        platform: 'linux',
        env: { WAYLAND_DISPLAY: 'wayland-0' },
        findCommand,
      }),
    ).toEqual({ kind: 'display' });
  });

  it('runs OpenSCAD under xvfb-run on Linux without a display', async () => {
    expect(
      await findPngDisplay({
        platform: 'linux',
        env: { DISPLAY: '' },
        findCommand: xvfbRunAt('/usr/bin/xvfb-run'),
      }),
    ).toEqual({ kind: 'xvfb-run', path: '/usr/bin/xvfb-run' });
  });

  it('has none on Linux without a display or xvfb-run', async () => {
    expect(
      await findPngDisplay({ platform: 'linux', env: {}, findCommand: xvfbRunAt(undefined) }),
    ).toEqual({ kind: 'none' });
  });

  it('leaves macOS and Windows alone: OpenSCAD draws there without an X server', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      expect(
        await findPngDisplay({ platform, env: {}, findCommand: xvfbRunAt(undefined) }),
      ).toEqual({ kind: 'display' });
    }
  });
});
