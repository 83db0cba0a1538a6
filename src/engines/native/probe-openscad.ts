import { spawn, type ChildProcess } from 'node:child_process';

/** What a native binary can do, read from its own output rather than assumed from its name. */
export interface OpenScadCapabilities {
  /** E.g. `2021.01` or `2024.12.06`. */
  readonly version: string;
  /** Arguments that select the fastest geometry backend it has (empty for CGAL-only builds). */
  readonly backendArgs: readonly string[];
  readonly backend: 'manifold' | 'cgal';
  /**
   * The formats it can export (file suffixes), read from its `--help`; undefined when the help
   * lists none, and then no format is refused before OpenSCAD itself is asked.
   */
  readonly exportFormats?: readonly string[];
}

/**
 * Asks a binary for its version and help text. 2021.01 has neither `--backend` nor Manifold;
 * 2023–24 snapshots list `manifold` among `--enable` features; newer builds take `--backend=manifold`.
 */
export async function probeOpenScad(binary: string): Promise<OpenScadCapabilities> {
  // Both at once: each is a whole OpenSCAD start-up (~30-70 ms), and the first part waits for them.
  const [versionText, help] = await Promise.all([
    runForText(binary, ['--version']),
    runForText(binary, ['--help']),
  ]);
  const version = /OpenSCAD version\s+(\S+)/i.exec(versionText)?.[1];
  if (version === undefined) {
    throw new Error(
      `${binary} --version did not print an OpenSCAD version (it printed: ${versionText.trim().slice(0, 200) || 'nothing'})`,
    );
  }
  const exportFormats = exportFormatsFromHelp(help);
  return {
    version,
    ...chooseBackend(help),
    ...(exportFormats === undefined ? {} : { exportFormats }),
  };
}

/**
 * The arguments for the backend a part asks for, or the fastest one when it asks for none.
 * A build without Manifold renders with CGAL whatever is asked: `fallback` says so.
 */
export function backendArguments(
  capabilities: OpenScadCapabilities,
  requested: 'manifold' | 'cgal' | undefined,
): { readonly args: readonly string[]; readonly fallback?: string } {
  if (requested === undefined || requested === capabilities.backend) {
    return { args: capabilities.backendArgs };
  }
  if (requested === 'cgal') {
    const usesBackendFlag = capabilities.backendArgs.some((arg) => arg.startsWith('--backend'));
    return { args: usesBackendFlag ? ['--backend=cgal'] : [] };
  }
  return {
    args: [],
    fallback: `OpenSCAD ${capabilities.version} has no Manifold backend: rendered with CGAL`,
  };
}

/** Picks the backend arguments from `openscad --help` text. Exported for tests. */
export function chooseBackend(help: string): Pick<OpenScadCapabilities, 'backendArgs' | 'backend'> {
  if (/--backend\b/.test(help) && /manifold/i.test(help)) {
    return { backendArgs: ['--backend=manifold'], backend: 'manifold' };
  }
  const enable = /--enable\b[\s\S]*?(?=\n\s*-{1,2}[a-zA-Z]|\n\s*\n|$)/.exec(help)?.[0] ?? '';
  if (/\bmanifold\b/.test(enable)) {
    return { backendArgs: ['--enable=manifold'], backend: 'manifold' };
  }
  return { backendArgs: [], backend: 'cgal' };
}

/**
 * The export formats from `openscad --help`: its `-o` option says "the file extension specifies
 * the type: stl, off, amf, …" (2021.01 lists no wrl and no obj; 2025.01 adds wrl). No release's
 * help has listed `obj`, although the builds that list `wrl` export it (2025.01, measured), so
 * those get obj too. Exported for tests.
 */
export function exportFormatsFromHelp(help: string): string[] | undefined {
  const list = /specifies\s+the\s+type:\s*([a-z0-9\s,]*[a-z0-9])/i.exec(help)?.[1];
  if (list === undefined) return undefined;
  const formats = list
    .split(',')
    .map((format) => format.trim().toLowerCase())
    .filter((format) => /^[a-z0-9]+$/.test(format));
  if (formats.length === 0) return undefined;
  return formats.includes('wrl') && !formats.includes('obj') ? [...formats, 'obj'] : formats;
}

/** Probes still running: parascad may exit (stopped while probing) before a hung one ends. */
const probing = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of probing) child.kill('SIGKILL');
});

function runForText(binary: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
      timeout: 30_000,
      killSignal: 'SIGKILL',
    });
    probing.add(child);
    child.on('exit', () => probing.delete(child));
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    child.on('error', reject);
    child.on('close', () => {
      resolve(text);
    });
  });
}
