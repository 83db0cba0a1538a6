import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join, posix, win32 } from 'node:path';

/** Where a binary was found, so messages can say why that one was used. */
export type OpenScadSource =
  '--openscad' | 'OPENSCAD' | 'openscad_path' | 'PATH' | 'install location';

export interface FoundOpenScad {
  readonly kind: 'found';
  readonly path: string;
  readonly source: OpenScadSource;
}

export interface FindOpenScadOptions {
  /** `--openscad PATH` from the command line: wins over everything else. */
  readonly explicitPath?: string | undefined;
  /** `openscad_path` from the project's configuration. */
  readonly configPath?: string | undefined;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv | undefined;
  /** @default process.platform */
  readonly platform?: NodeJS.Platform;
}

/** A path the user named that does not lead to an executable. */
export interface MissingOpenScad {
  readonly kind: 'missing';
  readonly path: string;
  readonly source: Exclude<OpenScadSource, 'PATH' | 'install location'>;
}

/**
 * Finds the user's `openscad`: `--openscad`, then `OPENSCAD`, then the config's `openscad_path`,
 * then PATH, then the usual macOS and Windows install folders. A path the user named explicitly
 * must exist: it is reported as missing rather than silently replaced by another binary.
 */
export async function findOpenScad(
  options: FindOpenScadOptions = {},
): Promise<FoundOpenScad | MissingOpenScad | undefined> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const named: [string | undefined, MissingOpenScad['source']][] = [
    [options.explicitPath, '--openscad'],
    [env['OPENSCAD'], 'OPENSCAD'],
    [options.configPath, 'openscad_path'],
  ];
  for (const [path, source] of named) {
    if (path === undefined || path === '') continue;
    // A bare command name (`openscad-nightly`) is looked up on PATH, as a shell would.
    const candidates = /[\\/]/.test(path) ? [path] : pathCandidates(env, platform, [path]);
    for (const candidate of candidates) {
      if (await isExecutable(candidate, platform))
        return { kind: 'found', path: candidate, source };
    }
    return { kind: 'missing', path, source };
  }
  for (const candidate of pathCandidates(env, platform)) {
    if (await isExecutable(candidate, platform))
      return { kind: 'found', path: candidate, source: 'PATH' };
  }
  for (const candidate of installLocations(env, platform)) {
    if (await isExecutable(candidate, platform)) {
      return { kind: 'found', path: candidate, source: 'install location' };
    }
  }
  return undefined;
}

function pathCandidates(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  commands: readonly string[] = ['openscad'],
): string[] {
  const pathVariable = env['PATH'] ?? env['Path'] ?? '';
  const separator = platform === 'win32' ? ';' : delimiter;
  const names =
    platform === 'win32'
      ? commands.flatMap((command) =>
          /\.(com|exe)$/i.test(command) ? [command] : [`${command}.com`, `${command}.exe`],
        )
      : commands;
  const paths = platform === 'win32' ? win32 : posix;
  return pathVariable
    .split(separator)
    .filter((folder) => folder !== '')
    .flatMap((folder) => names.map((name) => paths.join(folder, name)));
}

function installLocations(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/OpenSCAD.app/Contents/MacOS/OpenSCAD',
      join(homedir(), 'Applications/OpenSCAD.app/Contents/MacOS/OpenSCAD'),
    ];
  }
  if (platform === 'win32') {
    return [
      env['ProgramFiles'],
      env['ProgramFiles(x86)'],
      env['LOCALAPPDATA'] && win32.join(env['LOCALAPPDATA'], 'Programs'),
    ]
      .filter((folder): folder is string => typeof folder === 'string' && folder !== '')
      .flatMap((folder) => [
        win32.join(folder, 'OpenSCAD', 'openscad.com'),
        win32.join(folder, 'OpenSCAD', 'openscad.exe'),
      ]);
  }
  return [];
}

async function isExecutable(path: string, platform: NodeJS.Platform): Promise<boolean> {
  try {
    await access(path, platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
