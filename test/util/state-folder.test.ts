import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stateFolderOf } from '../../src/util/ensure-state-folder.js';

describe('stateFolderOf', () => {
  it('is .parascad in the project when no state folder is set', () => {
    expect(stateFolderOf('/work/lamp', { env: {} })).toBe(join('/work/lamp', '.parascad'));
    expect(stateFolderOf('/work/lamp', { env: { PARASCAD_STATE_DIR: '' } })).toBe(
      join('/work/lamp', '.parascad'),
    );
  });

  it('gives each project its own folder, named after it, inside PARASCAD_STATE_DIR', () => {
    const env = { PARASCAD_STATE_DIR: '/var/cache/parascad' };
    const lamp = stateFolderOf('/work/lamp', { env });
    const otherLamp = stateFolderOf('/home/me/lamp', { env });
    expect(lamp).toMatch(/^\/var\/cache\/parascad\/lamp-[0-9a-f]{12}$/);
    expect(otherLamp).toMatch(/^\/var\/cache\/parascad\/lamp-[0-9a-f]{12}$/);
    expect(lamp).not.toBe(otherLamp);
    expect(stateFolderOf('/work/lamp/', { env })).toBe(lamp);
  });

  it('takes --state-dir over the environment, relative to the working folder', () => {
    const folder = stateFolderOf('/work/lamp', {
      stateDir: 'ci-state',
      cwd: '/build',
      env: { PARASCAD_STATE_DIR: '/elsewhere' },
    });
    expect(folder).toMatch(/^\/build\/ci-state\/lamp-[0-9a-f]{12}$/);
  });
});
