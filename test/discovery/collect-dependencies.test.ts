import { mkdir, mkdtemp, readFile as readFromDisk, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectDependencies } from '../../src/discovery/collect-dependencies.js';
import { ParascadError } from '../../src/errors.js';

const projects = fileURLToPath(new URL('../fixtures/projects/', import.meta.url));

function fixture(name: string): (...parts: string[]) => string {
  return (...parts) => path.join(projects, name, ...parts);
}

/** Writes files (relative path → content) under a folder, creating folders as needed. */
async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}

let temp: string;
beforeEach(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'parascad-deps-'));
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe('collectDependencies', () => {
  it('follows nested includes relative to the file that holds each include', async () => {
    const at = fixture('deps-nested');

    const closure = await collectDependencies(at('main.scad'), { libraryPaths: [] });

    // parts/bracket.scad's `include <holes.scad>` is parts/holes.scad, not the main folder's decoy.
    expect(closure).toEqual({
      files: [
        at('main.scad'),
        at('parts', 'bracket.scad'),
        at('parts', 'holes.scad'),
        at('shared', 'units.scad'),
      ],
      missing: [],
      dynamicImports: [],
    });
  });

  it('accepts a relative main file and lists it first as an absolute path', async () => {
    const main = path.relative(process.cwd(), fixture('deps-nested')('main.scad'));

    const closure = await collectDependencies(main, { libraryPaths: [] });

    expect(closure.files[0]).toBe(fixture('deps-nested')('main.scad'));
  });

  describe('with library folders', () => {
    const at = fixture('deps-library');
    let libA: string;
    let libB: string;
    beforeEach(async () => {
      libA = path.join(temp, 'libA');
      libB = path.join(temp, 'libB');
      await writeTree(libA, {
        'shapes/rounded.scad': 'use <helpers.scad>\nmodule rounded_box(s) { cube(s); helper(); }\n',
        'shapes/helpers.scad': 'module helper() { echo("helper beside rounded.scad"); }\n',
        'settings.scad': 'size = 99;\n',
        'shared.scad': 'shared_from = "libA";\n',
      });
      await writeTree(libB, { 'shared.scad': 'shared_from = "libB";\n' });
    });

    it('finds a used file in a library folder and resolves its own use beside it', async () => {
      const closure = await collectDependencies(at('main.scad'), { libraryPaths: [libA, libB] });

      expect(closure.files).toContain(path.join(libA, 'shapes', 'rounded.scad'));
      expect(closure.files).toContain(path.join(libA, 'shapes', 'helpers.scad'));
      expect(closure.missing).toEqual([]);
    });

    it('prefers the including file’s folder over libraries, and earlier libraries over later ones', async () => {
      const closure = await collectDependencies(at('main.scad'), { libraryPaths: [libA, libB] });

      expect(closure.files).toEqual([
        at('main.scad'),
        ...[
          at('settings.scad'),
          path.join(libA, 'shapes', 'helpers.scad'),
          path.join(libA, 'shapes', 'rounded.scad'),
          path.join(libA, 'shared.scad'),
        ].sort(),
      ]);
    });

    it('reports library references as missing, with every folder tried, when no library holds them', async () => {
      const empty = path.join(temp, 'empty');
      await mkdir(empty);

      const closure = await collectDependencies(at('main.scad'), { libraryPaths: [empty] });

      expect(closure.missing).toEqual([
        {
          from: { file: at('main.scad'), line: 2, column: 1 },
          statement: 'use',
          path: 'shapes/rounded.scad',
          reason: 'not-found',
          tried: [at('shapes', 'rounded.scad'), path.join(empty, 'shapes', 'rounded.scad')],
        },
        {
          from: { file: at('main.scad'), line: 4, column: 1 },
          statement: 'include',
          path: 'shared.scad',
          reason: 'not-found',
          tried: [at('shared.scad'), path.join(empty, 'shared.scad')],
        },
      ]);
    });

    it('skips a folder named like the included file and keeps searching the libraries', async () => {
      await writeTree(temp, {
        'project/main.scad': 'include <d.scad>\n',
        'lib/d.scad': 'echo("lib d");\n',
      });
      await mkdir(path.join(temp, 'project', 'd.scad'));

      const closure = await collectDependencies(path.join(temp, 'project', 'main.scad'), {
        libraryPaths: [path.join(temp, 'lib')],
      });

      expect(closure.files).toEqual([
        path.join(temp, 'project', 'main.scad'),
        path.join(temp, 'lib', 'd.scad'),
      ]);
    });
  });

  it('does not search library folders for import() files, as OpenSCAD does not', async () => {
    await writeTree(temp, {
      'project/main.scad': 'import("in-library.stl");\n',
      'lib/in-library.stl': 'solid p\nendsolid p\n',
    });
    const main = path.join(temp, 'project', 'main.scad');

    const closure = await collectDependencies(main, { libraryPaths: [path.join(temp, 'lib')] });

    expect(closure.files).toEqual([main]);
    expect(closure.missing).toMatchObject([
      { statement: 'import', path: 'in-library.stl', reason: 'not-found' },
    ]);
  });

  it('uses absolute paths as they are and resolves their own relative references beside them', async () => {
    await writeTree(temp, {
      'elsewhere/abs.scad': 'include <../shared/rel.scad>\n',
      'shared/rel.scad': 'r = 1;\n',
      'data/part.stl': 'solid p\nendsolid p\n',
    });
    const absent = path.join(temp, 'nowhere', 'x.stl');
    await writeTree(temp, {
      'project/main.scad': [
        `include <${path.join(temp, 'elsewhere', 'abs.scad')}>`,
        `import("${path.join(temp, 'data', 'part.stl')}");`,
        `import("${absent}");`,
        '',
      ].join('\n'),
    });
    const main = path.join(temp, 'project', 'main.scad');

    const closure = await collectDependencies(main, { libraryPaths: [path.join(temp, 'data')] });

    expect(closure.files).toEqual([
      main,
      path.join(temp, 'data', 'part.stl'),
      path.join(temp, 'elsewhere', 'abs.scad'),
      path.join(temp, 'shared', 'rel.scad'),
    ]);
    expect(closure.missing).toEqual([
      {
        from: { file: main, line: 3, column: 1 },
        statement: 'import',
        path: absent,
        reason: 'not-found',
        tried: [absent],
      },
    ]);
  });

  it('terminates on include and use cycles and lists each file once', async () => {
    const at = fixture('deps-cycle');

    const closure = await collectDependencies(at('main.scad'), { libraryPaths: [] });

    expect(closure).toEqual({
      files: [at('main.scad'), at('a.scad'), at('b.scad'), at('ping.scad'), at('pong.scad')],
      missing: [],
      dynamicImports: [],
    });
  });

  it('reports missing include, use and import references at the statement’s line and column', async () => {
    const at = fixture('deps-missing');

    const closure = await collectDependencies(at('main.scad'), { libraryPaths: [] });

    expect(closure.files).toEqual([at('main.scad'), at('sub', 'inner.scad')]);
    expect(closure.missing).toEqual([
      {
        from: { file: at('main.scad'), line: 2, column: 1 },
        statement: 'include',
        path: 'nope.scad',
        reason: 'not-found',
        tried: [at('nope.scad')],
      },
      {
        from: { file: at('main.scad'), line: 3, column: 3 },
        statement: 'use',
        path: 'gone.scad',
        reason: 'not-found',
        tried: [at('gone.scad')],
      },
      {
        from: { file: at('main.scad'), line: 7, column: 24 },
        statement: 'import',
        path: 'absent.stl',
        reason: 'not-found',
        tried: [at('absent.stl')],
      },
      {
        from: { file: at('main.scad'), line: 8, column: 3 },
        statement: 'import',
        path: 'nothing.dat',
        reason: 'not-found',
        tried: [at('nothing.dat')],
      },
      {
        from: { file: at('sub', 'inner.scad'), line: 2, column: 5 },
        statement: 'include',
        path: 'deeper/missing.scad',
        reason: 'not-found',
        tried: [at('sub', 'deeper', 'missing.scad')],
      },
    ]);
  });

  describe('for import() and surface() with a literal filename', () => {
    const at = fixture('deps-imports');

    it('lists every existing candidate: the calling file’s folder, its module’s folder and the main folder', async () => {
      const closure = await collectDependencies(at('main.scad'), { libraryPaths: [] });

      expect(closure.files).toEqual([
        at('main.scad'),
        at('both.stl'),
        at('helpers.scad'),
        at('lib', 'b.scad'),
        at('lib', 'module-folder.dat'),
        at('lib', 'sub', 'c.scad'),
        at('lib', 'sub', 'file-folder.dat'),
        at('only-main.dat'),
        at('sub', 'both.stl'),
        at('sub', 'only-sub.stl'),
        at('sub', 'shapes.scad'),
        at('top.stl'),
      ]);
      expect(closure.missing).toEqual([]);
    });

    it('falls back to the main folder for a use inside an included file, as OpenSCAD does', async () => {
      const closure = await collectDependencies(at('main.scad'), { libraryPaths: [] });

      expect(closure.files).toContain(at('helpers.scad'));
    });

    it('lists the files of the pre-2021 calls and of linear_extrude/rotate_extrude file arguments', async () => {
      const old = fixture('deps-old-calls');

      const closure = await collectDependencies(old('main.scad'), { libraryPaths: [] });

      expect(closure).toEqual({
        files: [
          old('main.scad'),
          old('cross.dxf'),
          old('dim.dxf'),
          old('dxf-linear.dxf'),
          old('dxf-rotate.dxf'),
          old('import-dxf.dxf'),
          old('import-off.off'),
          old('import-stl.stl'),
          old('le-named.dxf'),
          old('le-positional.dxf'),
          old('re-named.dxf'),
        ],
        missing: [],
        dynamicImports: [],
      });
    });

    it('never reads data files as OpenSCAD source', async () => {
      const read: string[] = [];
      const readFile = async (file: string): Promise<string> => {
        read.push(file);
        return readFromDisk(file, 'utf8');
      };

      await collectDependencies(at('main.scad'), { libraryPaths: [], readFile });

      expect(read.every((file) => file.endsWith('.scad'))).toBe(true);
      expect(read).toHaveLength(5);
    });
  });

  it('reports calls with a computed filename as dynamic imports and resolves the literal ones', async () => {
    const at = fixture('deps-dynamic');

    const closure = await collectDependencies(at('main.scad'), { libraryPaths: [] });

    expect(closure).toEqual({
      files: [at('main.scad'), at('part.stl')],
      missing: [],
      dynamicImports: [
        { from: { file: at('main.scad'), line: 7, column: 1 }, call: 'import', expression: 'name' },
        {
          from: { file: at('main.scad'), line: 8, column: 22 },
          call: 'import',
          expression: 'str(n, ".stl")',
        },
        { from: { file: at('main.scad'), line: 9, column: 22 }, call: 'surface', expression: 'f' },
      ],
    });
  });

  it('ignores references inside comments and strings', async () => {
    const at = fixture('deps-comments');

    const closure = await collectDependencies(at('main.scad'), { libraryPaths: [] });

    expect(closure).toEqual({
      files: [at('main.scad'), at('real.scad')],
      missing: [],
      dynamicImports: [],
    });
  });

  it('lists a used font file without reading it as source, and reports a missing one', async () => {
    const at = fixture('deps-font');

    const closure = await collectDependencies(at('main.scad'), { libraryPaths: [] });

    expect(closure.files).toEqual([at('main.scad'), at('fonts', 'Placeholder.ttf')]);
    expect(closure.missing).toEqual([
      {
        from: { file: at('main.scad'), line: 4, column: 1 },
        statement: 'use',
        path: 'fonts/Missing.otf',
        reason: 'not-found',
        tried: [at('fonts', 'Missing.otf')],
      },
    ]);
  });

  it('reads Latin-1 sources like OpenSCAD does instead of treating them as missing', async () => {
    const at = fixture('deps-latin1');

    const closure = await collectDependencies(at('main.scad'), { libraryPaths: [] });

    expect(closure).toEqual({
      files: [at('main.scad'), at('inner.scad')],
      missing: [],
      dynamicImports: [],
    });
  });

  it('reports an included file that cannot be read as missing with the read error', async () => {
    const at = fixture('deps-nested');
    const holes = at('parts', 'holes.scad');
    const readFile = async (file: string): Promise<string> => {
      if (file === holes) throw new Error(`EACCES: permission denied, open '${file}'`);
      return readFromDisk(file, 'utf8');
    };

    const closure = await collectDependencies(at('main.scad'), { libraryPaths: [], readFile });

    expect(closure.files).not.toContain(holes);
    expect(closure.missing).toEqual([
      {
        from: { file: at('parts', 'bracket.scad'), line: 1, column: 1 },
        statement: 'include',
        path: 'holes.scad',
        reason: 'unreadable',
        tried: [holes],
        error: `EACCES: permission denied, open '${holes}'`,
      },
    ]);
  });

  it('reads each source file once, even when several files include it', async () => {
    const at = fixture('deps-cycle');
    const reads = new Map<string, number>();
    const readFile = async (file: string): Promise<string> => {
      reads.set(file, (reads.get(file) ?? 0) + 1);
      return readFromDisk(file, 'utf8');
    };

    await collectDependencies(at('main.scad'), { libraryPaths: [], readFile });

    expect([...reads.keys()].sort()).toEqual(
      [at('main.scad'), at('a.scad'), at('b.scad'), at('ping.scad'), at('pong.scad')].sort(),
    );
    expect([...reads.values()].every((count) => count === 1)).toBe(true);
  });

  it('rejects with SCAD_FILE_NOT_FOUND when the main file cannot be read', async () => {
    const main = path.join(temp, 'absent.scad');

    const result = collectDependencies(main, { libraryPaths: [] });

    await expect(result).rejects.toBeInstanceOf(ParascadError);
    await expect(result).rejects.toMatchObject({ code: 'SCAD_FILE_NOT_FOUND' });
  });
});
