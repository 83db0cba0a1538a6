import path from 'node:path';
import type { SourceLocation } from '../diagnostics/diagnostic.js';
import type { Token } from './lex-openscad.js';
import { sourceCandidates } from './source-candidates.js';
import { isFileOnDisk } from './is-file-on-disk.js';
import { SourceFiles } from './source-files.js';

/** A file a program brings into scope, and how. */
export interface ScopeFile {
  /** Absolute path. */
  readonly file: string;
  readonly source: string;
  readonly tokens: readonly Token[];
  /** `main` for the file itself; `include` for files it includes (recursively); `use` for files used directly. */
  readonly via: 'main' | 'include' | 'use';
  /** The `include`/`use` keyword that brought it in; undefined for the main file. */
  readonly from?: SourceLocation;
  /** This file's own `include <…>` statements that resolve, in source order. */
  readonly includes: readonly { readonly at: SourceLocation; readonly file: string }[];
}

/** What a program that includes a file can call, file by file. */
export interface ProgramScope {
  /** The main file, then every file it includes, recursively (each once), in the order met. */
  readonly included: readonly ScopeFile[];
  /** Files `use`d by the main file or by a file it includes (a `use` is not transitive). */
  readonly used: readonly ScopeFile[];
}

export interface ProgramScopeOptions {
  /** OpenSCAD's library search path, in order (see `findLibraryPaths`). */
  readonly libraryPaths: readonly string[];
  /** @default reads from disk, decoding UTF-8 leniently */
  readonly readFile?: (file: string) => Promise<string>;
  /** The planning pass's sources, read and lexed once (`readFile` is then not used). */
  readonly sources?: SourceFiles;
  /** @default a `stat` on the host file system */
  readonly isFile?: (file: string) => Promise<boolean>;
}

/**
 * The files whose top-level declarations a program `include <mainFile>` sees: the file, every
 * file it includes (recursively, as OpenSCAD resolves the paths — see `sourceCandidates`) and the
 * files those use directly. Files that cannot be found or read are left out: the render reports
 * them. Rejects when the main file cannot be read.
 */
export async function programScope(
  mainFile: string,
  options: ProgramScopeOptions,
): Promise<ProgramScope> {
  const main = path.resolve(mainFile);
  const mainFolder = path.dirname(main);
  const sources = options.sources ?? new SourceFiles(options.readFile);
  const isFile = options.isFile ?? isFileOnDisk;
  const included: ScopeFile[] = [];
  const used: ScopeFile[] = [];
  const seen = new Set<string>();

  const resolveFirst = async (
    statement: 'include' | 'use',
    written: string,
    file: string,
  ): Promise<string | undefined> => {
    const place = {
      file,
      moduleFolder: mainFolder,
      mainFolder,
      libraryPaths: options.libraryPaths,
    };
    for (const candidate of sourceCandidates(statement, written, place)) {
      if (await isFile(candidate)) return candidate;
    }
    return undefined;
  };

  const load = async (
    file: string,
    via: ScopeFile['via'],
    from: SourceLocation | undefined,
  ): Promise<void> => {
    const key = `${via === 'use' ? 'use' : 'in'}\n${file}`;
    if (seen.has(key)) return;
    seen.add(key);
    const read = await sources.source(file).catch((error: unknown) => {
      if (via === 'main') throw error;
      return undefined;
    });
    if (read === undefined) return;
    const { text: source, tokens } = read;
    const statements = tokens.flatMap((token, index) => {
      const next = tokens[index + 1];
      return token.kind === 'identifier' &&
        (token.text === 'include' || token.text === 'use') &&
        next?.kind === 'include-path'
        ? [
            {
              kind: token.text,
              path: next.text,
              at: { file, line: token.line, column: token.column },
            },
          ]
        : [];
    });
    const includes: { at: SourceLocation; file: string }[] = [];
    const children: { file: string; via: 'include' | 'use'; at: SourceLocation }[] = [];
    for (const statement of statements) {
      const kind = statement.kind as 'include' | 'use';
      const target = await resolveFirst(kind, statement.path, file);
      if (target === undefined || /\.(?:ttf|otf)$/i.test(target)) continue;
      if (kind === 'include') includes.push({ at: statement.at, file: target });
      children.push({ file: target, via: kind, at: statement.at });
    }
    const entry: ScopeFile = {
      file,
      source,
      tokens,
      via,
      includes,
      ...(from === undefined ? {} : { from }),
    };
    (via === 'use' ? used : included).push(entry);
    // A used file's own includes and uses are not in the program's scope.
    if (via === 'use') return;
    for (const child of children) await load(child.file, child.via, child.at);
  };

  await load(main, 'main', undefined);
  return { included, used: used.filter((file) => !seen.has(`in\n${file.file}`)) };
}
