import { spawn } from 'node:child_process';

/** What a native binary can do, read from its own output rather than assumed from its name. */
export interface OpenScadCapabilities {
  /** E.g. `2021.01` or `2024.12.06`. */
  readonly version: string;
  /** Arguments that select the fastest geometry backend it has (empty for CGAL-only builds). */
  readonly backendArgs: readonly string[];
  readonly backend: 'manifold' | 'cgal';
}

/**
 * Asks a binary for its version and help text. 2021.01 has neither `--backend` nor Manifold;
 * 2023–24 snapshots list `manifold` among `--enable` features; newer builds take `--backend=manifold`.
 */
export async function probeOpenScad(binary: string): Promise<OpenScadCapabilities> {
  const versionText = await runForText(binary, ['--version']);
  const version = /OpenSCAD version\s+(\S+)/i.exec(versionText)?.[1];
  if (version === undefined) {
    throw new Error(
      `${binary} --version did not print an OpenSCAD version (it printed: ${versionText.trim().slice(0, 200) || 'nothing'})`,
    );
  }
  const help = await runForText(binary, ['--help']);
  return { version, ...chooseBackend(help) };
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

function runForText(binary: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
      timeout: 30_000,
      killSignal: 'SIGKILL',
    });
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    child.on('error', reject);
    child.on('close', () => {
      resolve(text);
    });
  });
}
