import { posix, win32 } from 'node:path';

/** The folder the WASM engine's generated files (definitions, use-mode program) are in. */
export const wasmScratchFolder = '/parascad';

/**
 * The path a host file has inside the WASM engine's file system. Files keep their absolute
 * POSIX paths, so OpenSCAD's messages name the user's real files; Windows drives become
 * top-level folders (`C:\a\b.scad` → `/C/a/b.scad`).
 */
export function toVirtualPath(
  hostPath: string,
  platform: NodeJS.Platform = process.platform,
): string {
  if (platform !== 'win32') return hostPath;
  const { root } = win32.parse(hostPath);
  const drive = root.replace(/[:\\/]/g, '');
  return posix.join('/', drive, ...hostPath.slice(root.length).split(/[\\/]/));
}

/** The inverse of {@link toVirtualPath}, for locations in OpenSCAD's messages. */
export function toHostPath(
  virtualPath: string,
  platform: NodeJS.Platform = process.platform,
): string {
  if (platform !== 'win32') return virtualPath;
  const [, drive = '', ...rest] = virtualPath.split('/');
  return win32.join(`${drive}:\\`, ...rest);
}
