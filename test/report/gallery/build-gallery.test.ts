import { describe, expect, it } from 'vitest';
import type { PartChanges, ReportPart } from '../../../src/report/documents/run-report.js';
import { buildGallery } from '../../../src/report/gallery/build-gallery.js';
import {
  meshFacts,
  output,
  outputsDir,
  part,
  projectDir,
  report,
} from './support/gallery-report.js';

const galleryDir = `${projectDir}gallery`;

async function gallery(parts: ReportPart[]) {
  const files = new Map<string, string | Uint8Array>();
  const data = await buildGallery(report(parts), galleryDir, (path, contents) => {
    files.set(path, contents);
    return Promise.resolve();
  });
  return { data, files };
}

describe('buildGallery', () => {
  it('puts failures first, then parts with warnings, each group in plan order', async () => {
    const { data } = await gallery([
      part('mesh', { outputs: [output('mesh.stl', 'stl', meshFacts)] }),
      part('warned', {
        diagnostics: [{ severity: 'warning', message: 'odd', fatal: false }],
      }),
      part('broken', {
        status: 'failed',
        failure: {
          kind: 'openscad-error',
          message: 'Assertion failed',
          category: 'failure',
          location: {
            file: `${projectDir}models/broken.scad`,
            relativePath: 'models/broken.scad',
            line: 7,
          },
          reason: {
            kind: 'openscad-error',
            diagnostic: { severity: 'error', message: 'Assertion failed', fatal: true },
          },
        },
        diagnostics: [
          { severity: 'error', message: 'Assertion failed', fatal: true },
          { severity: 'echo', message: 'hello', fatal: false },
        ],
      }),
    ]);
    expect(data.parts.map((shown) => [shown.name, shown.status, shown.key])).toEqual([
      ['broken', 'failed', 'p2'],
      ['warned', 'warnings', 'p1'],
      ['mesh', 'ok', 'p0'],
    ]);
    const [broken] = data.parts;
    expect(broken?.failure).toEqual({
      severity: 'error',
      message: 'Assertion failed',
      at: 'models/broken.scad:7',
    });
    // The failure is not listed twice, and echoes stay in the terminal.
    expect(broken?.diagnostics).toEqual([]);
    expect(data.when).toBe('2026-12-02 12:00 UTC · 3.00s');
  });

  it('counts the cached among the ok parts, as the terminal does, while each cached card says so', async () => {
    const cachedFrom = { runId: 'r', renderedAt: '2026-12-01T00:00:00.000Z', seconds: 2, key: 'k' };
    const strictFailure = {
      kind: 'strict',
      message: 'failed under --strict: odd',
      category: 'failure',
      reason: {
        kind: 'strict',
        warnings: 1,
        first: { severity: 'warning', message: 'odd', fatal: false },
      },
    } as const;
    const files = new Map<string, string | Uint8Array>();
    const base = report([
      part('kept', { cached: true, cachedFrom }),
      part('strict', { status: 'failed', cached: true, cachedFrom, failure: strictFailure }),
    ]);
    const data = await buildGallery(
      { ...base, totals: { ...base.totals, ok: 1, failed: 1, cached: 1, warnings: 1 } },
      galleryDir,
      (path, contents) => {
        files.set(path, contents);
        return Promise.resolve();
      },
    );
    expect(data.counts).toBe('1 ok (1 cached), 1 failed, 0 cancelled, 1 with warnings');
    expect(data.parts.map((card) => [card.name, card.statusText, card.time])).toEqual([
      ['strict', 'failed', 'cached (rendered in 2.00s)'],
      ['kept', 'ok', 'cached (rendered in 2.00s)'],
    ]);
  });

  it('says on a cancelled card why the part did not finish, not the status again', async () => {
    const { data } = await gallery([
      part('later', {
        status: 'cancelled',
        failure: {
          kind: 'cancelled',
          category: 'cancelled',
          message: 'cancelled',
          reason: { kind: 'cancelled' },
        },
      }),
    ]);
    expect(data.parts[0]?.failure).toEqual({
      severity: 'cancelled',
      message: 'the run stopped before this part finished (Ctrl-C, or --fail-fast at a failure)',
    });
  });

  it("writes a mesh part's thumbnail and 3D data, and links its outputs relative to the gallery", async () => {
    const { data, files } = await gallery([
      part('mesh', { outputs: [output('mesh.stl', 'stl', meshFacts), output('mesh.off', 'off')] }),
    ]);
    const [mesh] = data.parts;
    expect(mesh?.thumbnail).toBe('thumbs/p0.png');
    expect([...(files.get('thumbs/p0.png') as Uint8Array).subarray(1, 4)]).toEqual([
      0x50, 0x4e, 0x47,
    ]);
    expect(mesh?.view).toMatchObject({ kind: 'mesh', script: 'meshes/p0.js', key: 'p0' });
    const script = String(files.get('meshes/p0.js'));
    expect(script).toMatch(
      /^\(window\.PARASCAD_MESHES = window\.PARASCAD_MESHES \|\| \{\}\)\["p0"\] = "[A-Za-z0-9+/=]+";\n$/,
    );
    const triangles = mesh?.view.kind === 'mesh' ? mesh.view.triangles : 0;
    const base64 = / = "([^"]+)";/.exec(script)?.[1] ?? '';
    expect(Buffer.from(base64, 'base64').length).toBe(36 * triangles);
    expect(mesh?.outputs.map((shown) => [shown.name, shown.href])).toEqual([
      ['mesh.stl', '../native/mesh.stl'],
      ['mesh.off', '../native/mesh.off'],
    ]);
    expect(mesh?.facts).toEqual([
      '10 × 10 × 12.5 mm',
      'volume 1000 mm³',
      'area 600 mm²',
      '48 triangles, closed',
    ]);
    expect(mesh?.engine).toBe('native 2021.01');
  });

  it('shows a 2D part as an SVG drawing', async () => {
    const { data, files } = await gallery([
      part('drawing', { outputs: [output('drawing.dxf', 'dxf')] }),
    ]);
    expect(data.parts[0]?.view).toEqual({ kind: 'drawing', svg: 'drawings/p0.svg' });
    expect(String(files.get('drawings/p0.svg'))).toMatch(
      /^<svg [^>]*viewBox=[\s\S]*fill-rule="evenodd" d="M[\s\S]*Z"/,
    );
  });

  it('marks a changed part, with its previous render beside it when it was kept', async () => {
    const changed = (previousFile?: string): PartChanges => ({
      status: 'changed',
      outputs: {
        off: {
          status: 'changed',
          previous: {
            digest: 'abc',
            bytes: 100,
            ...(previousFile === undefined ? {} : { file: previousFile }),
          },
          volumeDelta: 12.5,
          trianglesDelta: -4,
          boundsDelta: { min: [0, 0, 0], max: [0, 0, 2] },
        },
      },
    });
    const { data, files } = await gallery([
      part('kept', {
        outputs: [output('mesh.off', 'off')],
        changes: changed(`${outputsDir}u-prism.off`),
      }),
      part('lost', { outputs: [output('mesh.off', 'off')], changes: changed() }),
      part('fresh', {
        outputs: [output('mesh.off', 'off')],
        changes: { status: 'new', outputs: { off: { status: 'new' } } },
      }),
    ]);
    const [kept, lost, fresh] = data.parts;
    expect(kept?.change?.status).toBe('changed');
    expect(kept?.change?.details).toEqual([
      'off: changed, volume +12.5 mm³, triangles -4, max corner moved 0, 0, +2',
    ]);
    expect(kept?.change?.previous).toMatchObject({
      kind: 'mesh',
      script: 'meshes/p0-before.js',
      key: 'p0-before',
    });
    expect(files.has('meshes/p0-before.js')).toBe(true);
    expect(lost?.change?.previous).toBeUndefined();
    expect(lost?.change?.details.at(-1)).toMatch(/not kept/);
    expect(fresh?.change).toEqual({
      status: 'new',
      details: ['new since the last time', 'off: new'],
    });
  });

  it('says why there is no view for an output that is gone', async () => {
    const { data } = await gallery([part('gone', { outputs: [output('no-such.stl', 'stl')] })]);
    expect(data.parts[0]?.thumbnail).toBeUndefined();
    const view = data.parts[0]?.view;
    expect(view?.kind === 'none' ? view.reason : '').toMatch(/no-such\.stl cannot be read/);
  });
});
