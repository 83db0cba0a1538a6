import { findOnPath } from './find-on-path.js';

/** How the native OpenSCAD gets the display it needs to render a PNG. */
export type PngDisplay =
  /** The session has one (or the platform draws without an X server: macOS, Windows). */
  | { readonly kind: 'display' }
  /** None: the render runs under `xvfb-run -a`, which starts a virtual X server for it. */
  | { readonly kind: 'xvfb-run'; readonly path: string }
  /** None, and no way to make one. */
  | { readonly kind: 'none' };

export interface FindPngDisplayOptions {
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default process.platform */
  readonly platform?: NodeJS.Platform;
  /**
   * Finds a command on PATH.
   * @default findOnPath
   */
  readonly findCommand?: (command: string) => Promise<string | undefined>;
}

/**
 * Where OpenSCAD can draw a PNG. On Linux and other X11 systems OpenSCAD 2021.01 opens an OpenGL
 * context through the X server: with neither `DISPLAY` nor `WAYLAND_DISPLAY` set it prints
 * `Unable to open a connection to the X server` and dies of a segmentation fault, leaving an
 * empty file (measured on Debian 12). `xvfb-run -a` gives it a virtual server (measured: the same
 * PNG, ~0.4 s more per part; Debian's xvfb-run retries another server number when two parts start
 * one at once).
 */
export async function findPngDisplay(options: FindPngDisplayOptions = {}): Promise<PngDisplay> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  if (platform === 'darwin' || platform === 'win32') return { kind: 'display' };
  if (nonEmpty(env['DISPLAY']) || nonEmpty(env['WAYLAND_DISPLAY'])) return { kind: 'display' };
  const findCommand = options.findCommand ?? ((command) => findOnPath(command, { env, platform }));
  const xvfbRun = await findCommand('xvfb-run');
  return xvfbRun === undefined ? { kind: 'none' } : { kind: 'xvfb-run', path: xvfbRun };
}

function nonEmpty(value: string | undefined): boolean {
  return value !== undefined && value !== '';
}
