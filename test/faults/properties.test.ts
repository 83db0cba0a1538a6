import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProjectConfig } from '../../src/config/load-project-config.js';
import { scanAnnotations } from '../../src/discovery/scan-annotations.js';
import { ConfigError, ParascadError } from '../../src/errors.js';
import { renderOutputTemplate } from '../../src/plan/output-template.js';
import type { RenderJob } from '../../src/plan/render-job.js';
import { locateDiagnostics } from '../../src/run/locate-diagnostics.js';

/** Pieces hostile input is made of: markers, settings, brackets, quotes, comments, odd characters. */
const scadPiece = fc.constantFrom(
  'module ',
  'm',
  '()',
  '(a, b = 2)',
  ' ',
  '\n',
  '{',
  '}',
  ';',
  '//',
  '/*',
  '*/',
  '"',
  '\\',
  '//render.model.stl',
  '//render.model.',
  '//render.model.stll',
  '//render.quality [48]',
  '//render.quality x',
  '//render.number_of_threads 2',
  '//render.',
  'render.model.3mf',
  '[',
  ']',
  '\t',
  '\r',
  'Ø🙂',
  'include <a.scad>',
);
const scadSource = fc.array(scadPiece, { maxLength: 60 }).map((pieces) => pieces.join(''));

describe('property: the marker scanner', () => {
  it('never throws and places every warning and problem in the file', () => {
    fc.assert(
      fc.property(scadSource, (source) => {
        const scan = scanAnnotations(source, '/p/x.scad');
        for (const problem of [...scan.warnings, ...scan.problems]) {
          expect(problem.location?.file).toBe('/p/x.scad');
          expect(problem.location?.line).toBeGreaterThanOrEqual(1);
        }
        for (const model of scan.models) expect(model.module).not.toBe('');
      }),
      { numRuns: 400 },
    );
  });
});

const configPiece = fc.constantFrom(
  'files:\n',
  '  - path: a.scad\n',
  '  - path: "*.scad"\n',
  '    modules: marked\n',
  '    modules: [lid, base]\n',
  '    modules:\n      - name: lid\n        params: { w: 1, s: "x" }\n',
  '        matrix: { w: [1, 2] }\n',
  '    output: "{name}.{format}"\n',
  '    output: "../{name}.{format}"\n',
  '    output: "{fromat}"\n',
  'defaults:\n',
  '  formats: [stl, 3mf]\n',
  '  formats: stll\n',
  '  quality: { $fn: 64 }\n',
  '  quality: { $fn: -1 }\n',
  '  timeout: 0\n',
  'jobs: 4\n',
  'jobs: many\n',
  'colour: red\n',
  'outDir: outputs\n',
  ': :\n',
  '- - -\n',
  '"unterminated\n',
  '{ a: [\n',
  '\t\n',
  '# comment\n',
);
const configText = fc.array(configPiece, { maxLength: 12 }).map((pieces) => pieces.join(''));

describe('property: the config loader', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'parascad-config-property-'));
    await writeFile(join(folder, 'a.scad'), 'module lid(w = 1, s = "") { cube(w); }\n');
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('returns a config or throws a ConfigError whose every problem has a place', async () => {
    const file = join(folder, 'parascad.config.yaml');
    await fc.assert(
      fc.asyncProperty(configText, async (text) => {
        await writeFile(file, text);
        const outcome = await loadProjectConfig(file).then(
          () => undefined,
          (error: unknown) => error,
        );
        if (outcome === undefined) return;
        expect(outcome).toBeInstanceOf(ParascadError);
        if (outcome instanceof ConfigError) {
          for (const problem of outcome.problems) {
            expect(problem.location?.file, problem.message).toBe(file);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

const templatePiece = fc.constantFrom(
  '{name}',
  '{dir}',
  '{file}',
  '{module}',
  '{set}',
  '{format}',
  '{param.w}',
  '{param.missing}',
  '{fromat}',
  '{',
  '}',
  '/',
  '\\',
  '..',
  '.',
  'C:',
  'sub',
  '-',
  ' ',
  '\u0001',
);
const valueText = fc.string({ maxLength: 8 });

describe('property: output name templates', () => {
  it('never throw, and give a path inside the output folder ending in the format, or a problem', () => {
    fc.assert(
      fc.property(
        fc.array(templatePiece, { maxLength: 10 }).map((pieces) => pieces.join('')),
        valueText,
        valueText,
        (template, name, w) => {
          const rendered = renderOutputTemplate(template, {
            dir: 'parts/left',
            file: 'box',
            module: 'lid',
            set: '',
            name,
            format: 'stl',
            params: new Map([['w', w]]),
          });
          if ('problem' in rendered) {
            expect(rendered.problem.message).not.toBe('');
            return;
          }
          const { path } = rendered;
          expect(posix.isAbsolute(path)).toBe(false);
          expect(path.split('/')).not.toContain('..');
          expect(path.toLowerCase().endsWith('.stl')).toBe(true);
        },
      ),
      { numRuns: 600 },
    );
  });
});

const messageLine = fc.oneof(
  fc.constantFrom(
    "WARNING: Can't open include file 'a.scad'.",
    "WARNING: Can't open library 'lib/b.scad'.",
    'Current top level object is empty.',
    'Current top level object is not a 3D object.',
    "ERROR: Recursion detected calling function 'f' in file x.scad, line 3",
    'ERROR: Parser error in file "/p/x.scad", line 2: syntax error',
    "TRACE: called by 'part' in file /parascad/definitions.scad, line 3",
    'ECHO: "in file x.scad, line 9"',
    'terminate called after throwing an instance of std::bad_alloc',
    'Geometries in cache: 1',
    'WARNING:',
    'ERROR: in file , line ',
    'EXPORT-ERROR: Export failed',
  ),
  fc
    .tuple(
      fc.constantFrom('ERROR: ', 'WARNING: ', 'TRACE: ', 'DEPRECATED: ', 'FONT-WARNING: ', ''),
      fc.string({ maxLength: 40 }),
      fc.constantFrom('', ' in file x.scad, line 4', ' in file "a b.scad", line 0'),
    )
    .map((parts) => parts.join('')),
);

describe('property: the message parser', () => {
  const job: RenderJob = {
    id: 'part',
    name: 'part',
    scadFile: '/p/x.scad',
    module: 'part',
    mode: 'include',
    variables: {},
    quality: {},
    outputs: [{ format: 'stl', path: '/p/outputs/part.stl' }],
    declaredAt: { file: '/p/x.scad', line: 4, column: 1 },
    requestedAt: { file: '/p/x.scad', line: 4, column: 12 },
  };

  it('never throws and leaves no error or warning without a place', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(messageLine, { maxLength: 12 }), async (lines) => {
        const diagnostics = await locateDiagnostics(job, lines.join('\n'), {
          scratchDir: '/tmp/parascad-part-1-xxxxxx',
          inputFiles: [],
        });
        for (const diagnostic of diagnostics) {
          if (diagnostic.severity === 'error' || diagnostic.severity === 'warning') {
            expect(diagnostic.location, diagnostic.message).toBeDefined();
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
