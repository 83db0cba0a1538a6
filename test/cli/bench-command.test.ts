import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allElements, parseXml } from '../bench/parse-xml.js';
import { copyFixture } from '../support/copy-fixture.js';
import { listFiles } from '../support/list-files.js';
import { runCli, startCli, stopStartedClis } from '../support/run-cli.js';

afterEach(stopStartedClis);

/** The temporary output folder the bench said it renders into. */
function outputFolderOf(stdout: string): string {
  const folder = /removed at the end: (\S+)/.exec(stdout)?.[1];
  if (folder === undefined) throw new Error(`the bench did not name its output folder:\n${stdout}`);
  return folder;
}

/** A table row: workers, then four right-aligned measures (seconds, ×, %, seconds). */
function row(workers: string, speedup = String.raw`\d+\.\d\d×`): RegExp {
  return new RegExp(
    String.raw`^\|\s+${workers} \|\s+\d+\.\d\ds \|\s+${speedup} \|\s+\d+% \|\s+\d+\.\d\ds \|$`,
    'm',
  );
}

describe('parascad bench', () => {
  it('times a render per worker count, prints a table, writes a chart and leaves outputs/ alone', async () => {
    const project = await copyFixture('e2e-config');
    await mkdir(join(project, 'outputs'));
    await writeFile(join(project, 'outputs', 'keep.txt'), 'mine\n');

    const run = await runCli(['bench', '--engine', 'wasm', '--jobs', '2,1'], project);

    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('warm-up: one untimed render first');
    expect(run.stdout).toMatch(/^ {2}warm-up, 2 workers … \d+\.\d\ds \(not counted\)$/m);
    expect(run.stdout).toContain('| workers | wall time | speed-up | efficiency | lower bound |');
    expect(run.stdout).toContain('| ------: | --------: | -------: | ---------: | ----------: |');
    expect(run.stdout).toMatch(row('1', '1.00×'));
    expect(run.stdout).toMatch(row('2'));
    expect(run.stdout).toMatch(/^engine: wasm \(OpenSCAD [^)]+\); 2 parts; \d+ CPUs$/m);
    expect(run.stdout).toContain(`chart: ${join('outputs', 'parascad-bench.svg')}`);
    expect(existsSync(join(project, 'parascad-bench.svg'))).toBe(false);

    const chart = parseXml(await readFile(join(project, 'outputs', 'parascad-bench.svg'), 'utf8'));
    expect(chart.name).toBe('svg');
    const withClass = (name: string) =>
      allElements(chart).filter((element) => element.attributes.get('class') === name);
    expect(withClass('point')).toHaveLength(2);
    expect(withClass('wall-point')).toHaveLength(2);
    expect(withClass('lower-bound')).toHaveLength(1);

    // The bench's renders never touch outputs/: only the chart is added there.
    expect(await listFiles(join(project, 'outputs'))).toEqual(['keep.txt', 'parascad-bench.svg']);
    expect(await readFile(join(project, 'outputs', 'keep.txt'), 'utf8')).toBe('mine\n');
    expect(existsSync(outputFolderOf(run.stdout))).toBe(false);
  });

  it('takes the project as an argument, and writes no chart with --no-chart', async () => {
    const project = await copyFixture('e2e-config');
    const parent = dirname(project);
    const run = await runCli(
      ['bench', 'e2e-config', '--engine', 'wasm', '--jobs', '2', '--no-warmup', '--no-chart'],
      parent,
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('no warm-up');
    expect(run.stdout).not.toContain('warm-up,');
    expect(run.stdout).toMatch(row('2', '1.00×'));
    expect(run.stdout).toContain('ratios of single runs.');
    expect(run.stdout).not.toContain('chart:');
    const repeated = await runCli(
      [
        'bench',
        'e2e-config',
        '-e',
        'wasm',
        '-j',
        '1',
        '--repeat',
        '2',
        '--no-warmup',
        '--no-chart',
      ],
      parent,
    );
    expect(repeated.stdout).toContain("ratios of each count's median run (of 2;");
    expect(await listFiles(parent)).toEqual(
      (await listFiles(project)).map((file) => join('e2e-config', file)),
    );
    expect(await listFiles(project)).not.toContain('outputs');
  });

  it('exits 1 and names the part that did not render, writing no chart', async () => {
    const project = await copyFixture('e2e-kit');
    const run = await runCli(['bench', '--engine', 'wasm', '--jobs', '2', '--no-warmup'], project);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^ {2}2 workers … \d+\.\d\ds, 1 part did not render$/m);
    expect(run.stderr).toMatch(
      /bench failed: in the 2-worker run, 1 part did not render: broken \(/,
    );
    expect(run.stderr).toContain('broken on purpose');
    expect(run.stdout).not.toContain('| workers |');
    expect(existsSync(join(project, 'parascad-bench.svg'))).toBe(false);
    expect(existsSync(join(project, 'outputs'))).toBe(false);
    expect(existsSync(outputFolderOf(run.stdout))).toBe(false);
  });

  it('stops the running render on Ctrl-C, exits 130 and removes its temporary folder', async () => {
    const project = await copyFixture('e2e-stuck');
    let interrupted = false;
    const { done } = startCli(
      ['bench', '--engine', 'wasm', '--jobs', '1,2', '--no-warmup'],
      project,
      (stdout, child) => {
        if (!interrupted && stdout.includes('1 worker …')) {
          interrupted = true;
          child.kill('SIGINT');
        }
      },
    );
    const run = await done;
    expect(interrupted).toBe(true);
    expect(run.code, run.stdout + run.stderr).toBe(130);
    expect(run.stderr).toContain('interrupted');
    expect(run.stdout).not.toContain('2 workers …');
    expect(existsSync(outputFolderOf(run.stdout))).toBe(false);
    expect(existsSync(join(project, 'parascad-bench.svg'))).toBe(false);
    expect((await listFiles(project)).filter((file) => file.includes('.parascad-'))).toEqual([]);
  });

  it.each([
    [['--jobs', '0'], 'expected whole numbers of at least 1, got "0"'],
    [['--jobs', '1,2,1'], '1 is listed twice'],
    [['--jobs', '1,,2'], 'separated by commas'],
    [['--chart', 'no/such/folder/chart.svg'], 'does not exist'],
    [['--engine', 'cuda'], 'cuda'],
  ])('exits 2 before rendering anything on bad usage: %j', async (args, message) => {
    const project = await copyFixture('e2e-config');
    const run = await runCli(['bench', '--engine', 'wasm', ...args], project);
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).not.toContain('removed at the end');
    expect(await listFiles(project)).toEqual(['model.scad', 'render_config.yml']);
  });
});
