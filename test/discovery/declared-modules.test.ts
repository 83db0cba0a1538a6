import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { declaredModules } from '../../src/discovery/declared-modules.js';
import { programScope } from '../../src/discovery/program-scope.js';

const gateway = fileURLToPath(
  new URL('../fixtures/projects/classic-gateway/renderer.scad', import.meta.url),
);
const at = { file: 'renderer.py', line: 7, column: 16, length: 6 };

describe('declaredModules', () => {
  it('finds modules of the file, of the files it includes (resolved from their own folders) and of those they use', async () => {
    const lookUp = declaredModules(await programScope(gateway, { libraryPaths: [] }));

    const found = ['disc', 'plate', 'washer'].map((name) => lookUp(name, 'include', at));

    expect(
      found.map((result) =>
        result.ok ? [result.module.declaration.name, result.module.via] : result.problem,
      ),
    ).toEqual([
      ['disc', 'include'],
      ['plate', 'include'],
      ['washer', 'use'],
    ]);
  });

  it('says where it looked, with a did-you-mean across every file', async () => {
    const lookUp = declaredModules(await programScope(gateway, { libraryPaths: [] }));

    expect(lookUp('washr', 'include', at)).toEqual({
      ok: false,
      problem: {
        message: 'module "washr" is not declared in renderer.scad',
        location: at,
        hint: 'looked in renderer.scad, in the files it includes (work_doc_1.scad, work_doc_2.scad, dims.scad), in those they use (washers.scad); did you mean washer?',
      },
    });
  });

  it('does not let a part in use mode call a module of a used file, since use is not transitive', async () => {
    const lookUp = declaredModules(await programScope(gateway, { libraryPaths: [] }));

    expect(lookUp('washer', 'use', at)).toEqual({
      ok: false,
      problem: {
        message:
          'module "washer" is declared in washers.scad, which renderer.scad uses: a part rendered in use mode cannot call it (use is not transitive)',
        location: at,
        hint: 'render it in include mode (mode: include)',
      },
    });
  });
});
