import path from 'node:path';
import type { SourceLocation } from '../diagnostics/diagnostic.js';
import { ParascadError } from '../errors.js';
import { sourceCandidates } from './source-candidates.js';
import type { Token } from './lex-openscad.js';
import { isFileOnDisk } from './is-file-on-disk.js';
import { SourceFiles, type ScadSource } from './source-files.js';

/** The kind of statement that names a file: `include <…>`, `use <…>`, or a call that reads a file. */
export type DependencyStatement = 'include' | 'use' | 'import';

/** A file reference that OpenSCAD will not be able to open. */
export interface MissingDependency {
  /** Where the reference is: its `include`/`use` keyword, or the called name (`import` in `import("x.stl")`). */
  readonly from: SourceLocation;
  readonly statement: DependencyStatement;
  /** The path as written in the source. */
  readonly path: string;
  /** `not-found`: no candidate exists; `unreadable`: the file exists but could not be read. */
  readonly reason: 'not-found' | 'unreadable';
  /** Absolute paths looked at, in the order OpenSCAD looks at them. */
  readonly tried: readonly string[];
  /** The read error, for `unreadable`. */
  readonly error?: string;
}

/** A file-reading call whose filename is computed (`import(name)`, `import(str(n, ".stl"))`). */
export interface DynamicImport {
  readonly from: SourceLocation;
  /** The called module or function, e.g. `import` or `surface`. */
  readonly call: string;
  /** The filename argument as written. */
  readonly expression: string;
}

/** Everything a render of one main file may open, found without running OpenSCAD. */
export interface DependencyClosure {
  /** Absolute paths: the main file first, then every other file sorted, each once. */
  readonly files: string[];
  /** Sorted by file, line and column. */
  readonly missing: MissingDependency[];
  /** Sorted by file, line and column. */
  readonly dynamicImports: DynamicImport[];
}

/** Where OpenSCAD searches, and the file access to use (injectable for tests and other file systems). */
export interface CollectDependenciesOptions {
  /** OpenSCAD's library search path, in order (see `findLibraryPaths`). */
  readonly libraryPaths: readonly string[];
  /**
   * Reads an OpenSCAD source file. Called at most once per file.
   * @default reads from disk, decoding UTF-8 leniently (OpenSCAD itself accepts Latin-1 sources)
   */
  readonly readFile?: (file: string) => Promise<string>;
  /** The planning pass's sources, read and lexed once (`readFile` is then not used). */
  readonly sources?: SourceFiles;
  /**
   * Whether a regular file exists at an absolute path (OpenSCAD skips folders of the same name).
   * @default a `stat` on the host file system
   */
  readonly isFile?: (file: string) => Promise<boolean>;
}

/** Calls that open a file, and whether their first positional argument is that file. */
const fileReadingCalls: ReadonlyMap<string, 'positional-or-named' | 'literal-positional-or-named'> =
  new Map([
    ['import', 'positional-or-named'],
    ['surface', 'positional-or-named'],
    ['import_stl', 'positional-or-named'],
    ['import_off', 'positional-or-named'],
    ['import_dxf', 'positional-or-named'],
    ['dxf_linear_extrude', 'positional-or-named'],
    ['dxf_rotate_extrude', 'positional-or-named'],
    ['dxf_dim', 'positional-or-named'],
    ['dxf_cross', 'positional-or-named'],
    // 2021.01 still reads `linear_extrude("a.dxf")` and `file=`; a computed first argument is the height.
    ['linear_extrude', 'literal-positional-or-named'],
    ['rotate_extrude', 'literal-positional-or-named'],
  ]);

const fontExtension = /\.(?:ttf|otf)$/i;

type Reference =
  | { readonly kind: 'include' | 'use' | 'import'; readonly path: string; readonly at: Token }
  | {
      readonly kind: 'dynamic';
      readonly call: string;
      readonly expression: string;
      readonly at: Token;
    };

type SourceScan =
  | { readonly ok: true; readonly references: readonly Reference[] }
  | { readonly ok: false; readonly error: string };

/** A source file to resolve, with the folder of the OpenSCAD module (main or `use`d file) its text belongs to. */
interface Visit {
  readonly file: string;
  readonly moduleFolder: string;
}

interface VisitOutcome {
  readonly files: string[];
  readonly children: Visit[];
  readonly missing: MissingDependency[];
  readonly dynamicImports: DynamicImport[];
}

/**
 * The closure of files a render of `mainFile` may read: every file it `include`s or `use`s, recursively,
 * and every file passed as a string literal to `import()`, `surface()` and the older file-reading calls,
 * resolved the way OpenSCAD resolves them. The WebAssembly engine mirrors exactly these files, and the
 * render cache hashes them.
 *
 * Paths resolve as in `sourceCandidates`; for file-reading calls, on which OpenSCAD versions
 * disagree, every existing candidate is listed.
 *
 * @throws ParascadError `SCAD_FILE_NOT_FOUND` when the main file cannot be read.
 */
export async function collectDependencies(
  mainFile: string,
  options: CollectDependenciesOptions,
): Promise<DependencyClosure> {
  const main = path.resolve(mainFile);
  const mainFolder = path.dirname(main);
  const sources = options.sources ?? new SourceFiles(options.readFile);
  const isFile = memoize(options.isFile ?? isFileOnDisk);
  const scans = new Map<string, Promise<SourceScan>>();
  const scan = (file: string): Promise<SourceScan> => {
    let result = scans.get(file);
    if (result === undefined) {
      result = sources.source(file).then(
        (read): SourceScan => ({ ok: true, references: findReferences(read) }),
        (error: unknown): SourceScan => ({ ok: false, error: describe(error) }),
      );
      scans.set(file, result);
    }
    return result;
  };
  /** Absolute paths OpenSCAD may open for a reference, in its order of preference. */
  const candidates = (statement: DependencyStatement, written: string, visit: Visit): string[] =>
    sourceCandidates(statement, written, {
      ...visit,
      mainFolder,
      libraryPaths: options.libraryPaths,
    });

  const resolveReference = async (visit: Visit, reference: Reference): Promise<VisitOutcome> => {
    const outcome: VisitOutcome = { files: [], children: [], missing: [], dynamicImports: [] };
    const { line, column } = reference.at;
    const from: SourceLocation = { file: visit.file, line, column };
    if (reference.kind === 'dynamic') {
      outcome.dynamicImports.push({ from, call: reference.call, expression: reference.expression });
      return outcome;
    }
    const { kind: statement, path: written } = reference;
    const tried = candidates(statement, written, visit);
    const exists = await Promise.all(tried.map(isFile));
    // Imports list every existing candidate (versions disagree); include/use take the first.
    const found = tried
      .filter((_, index) => exists[index])
      .slice(0, statement === 'import' ? undefined : 1);
    const notFound = { from, statement, path: written, tried };
    const [first] = found;
    if (first === undefined) {
      outcome.missing.push({ ...notFound, reason: 'not-found' });
    } else if (statement === 'import' || (statement === 'use' && fontExtension.test(first))) {
      // Data files and `use <font.ttf>` are read by OpenSCAD but are not OpenSCAD source.
      outcome.files.push(...found);
    } else {
      const child = await scan(first);
      if (child.ok) {
        outcome.files.push(first);
        const moduleFolder = statement === 'use' ? path.dirname(first) : visit.moduleFolder;
        outcome.children.push({ file: first, moduleFolder });
      } else {
        outcome.missing.push({ ...notFound, reason: 'unreadable', error: child.error });
      }
    }
    return outcome;
  };

  const visitFile = async (visit: Visit): Promise<VisitOutcome[]> => {
    const source = await scan(visit.file);
    if (!source.ok) return [];
    return Promise.all(source.references.map((reference) => resolveReference(visit, reference)));
  };

  const mainScan = await scan(main);
  if (!mainScan.ok)
    throw new ParascadError('SCAD_FILE_NOT_FOUND', `Cannot read ${main}: ${mainScan.error}`);

  const files = new Set<string>();
  const missing = new Map<string, MissingDependency>();
  const dynamicImports = new Map<string, DynamicImport>();
  const visited = new Set<string>();
  let frontier: Visit[] = [{ file: main, moduleFolder: mainFolder }];
  visited.add(visitKey(frontier[0] as Visit));
  // Breadth-first, one level at a time: reads run in parallel, results merge in a fixed order.
  while (frontier.length > 0) {
    const outcomes = (await Promise.all(frontier.map(visitFile))).flat();
    frontier = [];
    for (const outcome of outcomes) {
      for (const file of outcome.files) files.add(file);
      for (const entry of outcome.missing) {
        const key = `${locationKey(entry.from)}\n${entry.statement}\n${entry.path}`;
        if (!missing.has(key)) missing.set(key, entry);
      }
      for (const entry of outcome.dynamicImports) {
        if (!dynamicImports.has(locationKey(entry.from)))
          dynamicImports.set(locationKey(entry.from), entry);
      }
      for (const child of outcome.children) {
        if (visited.has(visitKey(child))) continue;
        visited.add(visitKey(child));
        frontier.push(child);
      }
    }
  }

  files.delete(main);
  return {
    files: [main, ...[...files].sort(compareStrings)],
    missing: [...missing.values()].sort(compareByLocation),
    dynamicImports: [...dynamicImports.values()].sort(compareByLocation),
  };
}

/** Every `include`/`use` and file-reading call in one source, in source order, ignoring comments and strings. */
function findReferences({ text: source, tokens: all }: ScadSource): Reference[] {
  const tokens = all.filter(
    (token) => token.kind !== 'line-comment' && token.kind !== 'block-comment',
  );
  const references: Reference[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    const next = tokens[index + 1];
    if (token?.kind !== 'identifier' || next === undefined) continue;
    if ((token.text === 'include' || token.text === 'use') && next.kind === 'include-path') {
      references.push({ kind: token.text, path: next.text, at: token });
      continue;
    }
    const convention = fileReadingCalls.get(token.text);
    const previous = tokens[index - 1];
    const isDeclaration =
      previous?.kind === 'identifier' &&
      (previous.text === 'module' || previous.text === 'function');
    if (convention === undefined || !isPunct(next, '(') || isDeclaration) continue;

    const args = splitArguments(tokens, index + 1);
    const named = args.find((arg) => arg.name === 'file');
    const positional = args.find((arg) => arg.name === undefined);
    const literalOf = (arg: Argument | undefined): string | undefined =>
      arg === undefined ? undefined : stringLiteral(arg.value);
    let argument: Argument | undefined;
    if (named !== undefined) argument = named;
    else if (convention === 'positional-or-named' || literalOf(positional) !== undefined)
      argument = positional;
    if (argument === undefined) continue;

    const literal = literalOf(argument);
    const first = argument.value[0];
    const last = argument.value.at(-1);
    if (literal !== undefined) references.push({ kind: 'import', path: literal, at: token });
    else if (first !== undefined && last !== undefined) {
      references.push({
        kind: 'dynamic',
        call: token.text,
        expression: source.slice(first.start, last.end),
        at: token,
      });
    }
  }
  return references;
}

interface Argument {
  readonly name?: string;
  readonly value: readonly Token[];
}

/** The arguments of the call whose `(` is at `open`, split at top-level commas. */
function splitArguments(tokens: readonly Token[], open: number): Argument[] {
  const args: Argument[] = [];
  let current: Token[] = [];
  let depth = 0;
  const flush = (): void => {
    const [first, second, third] = current;
    const isNamed =
      first?.kind === 'identifier' &&
      second !== undefined &&
      isPunct(second, '=') &&
      !(third !== undefined && isPunct(third, '='));
    if (isNamed) args.push({ name: first.text, value: current.slice(2) });
    else if (current.length > 0) args.push({ value: current });
    current = [];
  };
  for (let index = open + 1; index < tokens.length; index++) {
    const token = tokens[index];
    if (token === undefined) break;
    if (token.kind === 'punct') {
      if (token.text === '(' || token.text === '[' || token.text === '{') depth++;
      else if (token.text === ')' || token.text === ']' || token.text === '}') {
        if (depth === 0) break;
        depth--;
      } else if (token.text === ',' && depth === 0) {
        flush();
        continue;
      }
    }
    current.push(token);
  }
  flush();
  return args;
}

/** The value of an argument that is a string literal, possibly in parentheses. */
function stringLiteral(value: readonly Token[]): string | undefined {
  const inner = value.filter((token) => !isPunct(token, '(') && !isPunct(token, ')'));
  const only = inner[0];
  return inner.length === 1 && only?.kind === 'string' ? only.text : undefined;
}

function isPunct(token: Token, text: string): boolean {
  return token.kind === 'punct' && token.text === text;
}

function memoize(check: (file: string) => Promise<boolean>): (file: string) => Promise<boolean> {
  const results = new Map<string, Promise<boolean>>();
  return (file) => {
    let result = results.get(file);
    if (result === undefined) {
      result = check(file);
      results.set(file, result);
    }
    return result;
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function visitKey(visit: Visit): string {
  return `${visit.file}\n${visit.moduleFolder}`;
}

function locationKey(location: SourceLocation): string {
  return `${location.file}\n${location.line}\n${location.column ?? 0}`;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareByLocation(
  a: { readonly from: SourceLocation },
  b: { readonly from: SourceLocation },
): number {
  return (
    compareStrings(a.from.file, b.from.file) ||
    a.from.line - b.from.line ||
    (a.from.column ?? 0) - (b.from.column ?? 0)
  );
}
