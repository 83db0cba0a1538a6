/** A row of one workload: a command's wall time, launch to exit. */
export interface SuiteRow {
  readonly row: string;
  readonly wallSeconds: number;
  readonly failed: number;
  /** parascad rows: the render phase, first part start to last part end. */
  readonly renderSeconds?: number;
  /** parascad rows: the best schedule of the run's own part times on its workers. */
  readonly bestScheduleSeconds?: number;
  readonly bestScheduleExact?: boolean;
  /** parascad rows: parts per engine that rendered them. */
  readonly engines?: Readonly<Record<string, number>>;
}

export interface SuiteWorkload {
  readonly name: string;
  readonly description: string;
  /** OpenSCAD runs of the baseline (one per output file). */
  readonly parts: number;
  readonly rows: readonly SuiteRow[];
}

export interface SuiteReport {
  readonly startedAt: string;
  readonly quick: boolean;
  readonly machine: {
    readonly cpus: number;
    readonly model: string;
    readonly node: string;
    readonly loadAverageAtStart: readonly number[];
    readonly loadAverageAtEnd: readonly number[];
  };
  readonly workers: number;
  readonly workloads: readonly SuiteWorkload[];
}

/** The suite's results as Markdown: one table per workload, ratios to its first row. */
export function formatSuiteTable(report: SuiteReport): string {
  const load = (values: readonly number[]): string =>
    values.map((value) => value.toFixed(1)).join(' ');
  const lines = [
    `# parascad benchmark suite — ${report.startedAt}${report.quick ? ' (quick)' : ''}`,
    '',
    `${report.machine.cpus} CPUs (${report.machine.model}), node ${report.machine.node}, ${report.workers} workers; load average ${load(report.machine.loadAverageAtStart)} at the start, ${load(report.machine.loadAverageAtEnd)} at the end (above ${report.machine.cpus}: a loaded machine, compare ratios only).`,
    '',
  ];
  for (const workload of report.workloads) {
    const first = workload.rows[0]?.wallSeconds ?? Number.NaN;
    lines.push(`## ${workload.name}: ${workload.description}`, '');
    lines.push(
      '| row | wall | ratio to first | render phase vs best schedule | engines | failed |',
    );
    lines.push('| --- | ---: | ---: | ---: | --- | ---: |');
    for (const row of workload.rows) {
      const schedule =
        row.renderSeconds !== undefined && row.bestScheduleSeconds !== undefined
          ? `${row.renderSeconds.toFixed(2)}s = ${(row.renderSeconds / row.bestScheduleSeconds).toFixed(2)}× ${row.bestScheduleExact === true ? 'best' : 'bound'}`
          : '';
      const engines = Object.entries(row.engines ?? {})
        .map(([engine, count]) => `${engine} ${count}`)
        .join(', ');
      lines.push(
        `| ${row.row} | ${row.wallSeconds.toFixed(2)}s | ${(row.wallSeconds / first).toFixed(2)}× | ${schedule} | ${engines} | ${row.failed} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
