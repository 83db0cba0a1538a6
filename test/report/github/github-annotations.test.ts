import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { buildRunReport } from '../../../src/report/documents/build-run-report.js';
import { collectRun } from '../../../src/report/documents/collect-run.js';
import type { RunReport } from '../../../src/report/documents/run-report.js';
import { githubAnnotations } from '../../../src/report/github/github-annotations.js';
import { githubJobSummary } from '../../../src/report/github/github-job-summary.js';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { projectDir, scadFile, scriptedRun } from '../support/run-fixture.js';

const options = {
  strict: false,
  failFast: false,
  retries: 0,
  cache: 'on',
  thumbnails: false,
  targets: [],
} as const;

const sharedWarning: Diagnostic = {
  severity: 'warning',
  message: 'Ignoring unknown variable "widht"',
  location: { file: `${projectDir}/parts/common.scad`, line: 7 },
  fatal: false,
};

/** The scripted run, with lid and housing both printing the same warning of a shared include. */
async function report(): Promise<RunReport> {
  const collector = collectRun({ version: '1', cwd: projectDir, options });
  for (const step of scriptedRun().steps) {
    if ('wait' in step) continue;
    if (step.type === 'run-done') {
      const results = step.summary.results.map((result) =>
        result.job.name === 'lid' || result.job.name === 'housing'
          ? { ...result, diagnostics: [sharedWarning] }
          : result,
      );
      collector.onEvent({ ...step, summary: { ...step.summary, results } });
    } else {
      collector.onEvent(step);
    }
  }
  collector.onEvent({
    type: 'warning',
    problem: { message: 'unknown key, "qualty"', location: { file: scadFile, line: 2 } },
  });
  return buildRunReport(collector.finish({ interrupted: false }));
}

describe('GitHub Actions', () => {
  it('annotates each failed part at its file:line, and each warning once, relative to the workspace', async () => {
    expect(githubAnnotations(await report(), projectDir)).toEqual([
      '::warning file=project.scad,line=2,title=parascad::unknown key, "qualty"',
      `::error file=project.scad,line=31,title=broken failed::Assertion 'false' failed: "broken on purpose"`,
      '::warning file=parts/common.scad,line=7,title=warning in housing::Ignoring unknown variable "widht"',
    ]);
  });

  it('annotates and summarises each problem of a configuration that kept the run from starting, at its place', async () => {
    const collector = collectRun({ version: '1', cwd: projectDir, options });
    const error = new ConfigError([
      { message: 'no file matches nope.scad', location: { file: `${projectDir}/p.yaml`, line: 2 } },
    ]);
    const failed = await buildRunReport(collector.finish({ error, interrupted: false }));
    expect(githubAnnotations(failed, projectDir)).toEqual([
      '::error file=p.yaml,line=2,title=parascad could not run::no file matches nope.scad',
    ]);
    expect(githubJobSummary(failed)).toContain('\n- `p.yaml:2` no file matches nope.scad\n');
  });

  it('keeps absolute paths for files outside the workspace', async () => {
    const [, failure] = githubAnnotations(await report(), '/elsewhere');
    expect(failure).toContain(`file=${scadFile.replaceAll(':', '%3A')},line=31`);
  });

  it('summarises the run as a Markdown table, failures first', async () => {
    const summary = githubJobSummary(await report());
    expect(summary.split('\n')).toEqual([
      '### parascad: ❌ 4 parts · 3 ok · 1 failed · 2 with warnings',
      '',
      '| part | status | time | engine | file | problem |',
      '| --- | --- | --- | --- | --- | --- |',
      `| broken | ❌ failed | 0.21s | wasm 2025.01 | \`project.scad:31\` | Assertion 'false' failed: "broken on purpose" |`,
      '| gear_60 | ✅ ok | 31.2s | wasm 2025.01 | `project.scad:12` |  |',
      '| housing | ✅ ok | 3.50s | wasm 2025.01 | `project.scad:20` | 1 warning |',
      '| lid | ✅ ok | 5.80s | wasm 2025.01 | `project.scad:40` | 1 warning |',
      '',
      '',
    ]);
  });

  it('keeps a table cell in its column whatever the text holds', async () => {
    const base = await report();
    const [part] = base.parts.filter((each) => each.status === 'ok');
    if (part === undefined) throw new Error('no part rendered');
    const odd: RunReport = { ...base, parts: [{ ...part, name: 'a|b\nc' }] };
    expect(githubJobSummary(odd)).toContain('| a\\|b c | ✅ ok |');
  });
});
