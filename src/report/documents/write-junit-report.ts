import builderModule from 'junit-report-builder';
import type { Builder, TestCase } from 'junit-report-builder';
import { writeAtomic } from '../../util/write-atomic.js';
import { unreachable } from '../../util/unreachable.js';
import { whyCancelled } from '../why-cancelled.js';
import type { ReportWriter } from './report-writer.js';
import type { ReportDiagnostic, ReportPart, RunReport } from './run-report.js';

// The package is CommonJS whose `module.exports` is the builder itself; its types say `default`.
const junit = builderModule as unknown as Builder;

/**
 * `--report junit=FILE`: the run as JUnit XML for the test views of Jenkins, GitLab and GitHub. A
 * test suite per `.scad` file and a test case per part (class name the file, name the part):
 * a part the model or a policy failed (an OpenSCAD error, `--strict`) is a `<failure>`, one the run
 * could not finish (a crash, a timeout, memory) an `<error>`, a cancelled one `<skipped>`. The
 * message leads with the user's `file:line`; the body lists OpenSCAD's errors and warnings, and
 * `<system-out>` holds everything it printed. A run that could not start is a `parascad` suite
 * with an `<error>` per problem.
 */
export const writeJunitReport: ReportWriter = async (report, path) => {
  await writeAtomic(path, junitXml(report));
};

/** The JUnit XML of a run report. */
export function junitXml(report: RunReport): string {
  const builder = junit.newBuilder().name(`parascad ${report.run.projectDir ?? report.run.cwd}`);
  for (const [file, parts] of partsByFile(report.parts)) {
    const suite = builder
      .testSuite()
      .name(file)
      .timestamp(new Date(report.run.startedAt))
      .time(parts.reduce((sum, part) => sum + part.seconds, 0));
    const engines = new Set(
      parts.flatMap((part) => (part.engine === undefined ? [] : [engineOf(part)])),
    );
    if (engines.size > 0) suite.property('engines', [...engines].join(', '));
    for (const part of parts) addTestCase(suite.testCase(), file, part);
  }
  if (report.run.error !== undefined) addRunError(builder, report.run.error, report.run.startedAt);
  // The builder writes `<skipped/>` without a message (it takes none), and every skipped case
  // here is a cancelled part: each gets the one reason, so that CI says why it was skipped.
  return builder
    .build()
    .replace(/^(\s*)<skipped\/>$/gm, `$1<skipped message="${escapeAttribute(whyCancelled)}"/>`);
}

function escapeAttribute(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/**
 * A run that could not start rendered no part, and a report without a failing case reads as
 * passed: the error is a suite of its own, with an `<error>` case per problem of the
 * configuration at its `file:line` (or one case for an error without problems).
 */
function addRunError(
  builder: Builder,
  error: NonNullable<RunReport['run']['error']>,
  startedAt: string,
): void {
  const suite = builder.testSuite().name('parascad').timestamp(new Date(startedAt)).time(0);
  const problems =
    error.problems.length > 0
      ? error.problems
      : [{ message: error.message, ...(error.hint === undefined ? {} : { hint: error.hint }) }];
  for (const problem of problems) {
    const testCase = suite.testCase().name(problem.message).time(0);
    const file = problem.location?.relativePath;
    if (file === undefined) testCase.className('parascad');
    else testCase.className(file).file(file);
    const at = problem.location === undefined ? '' : `${file}:${problem.location.line}: `;
    testCase.error(`${at}${problem.message}`, error.code, problem.hint);
  }
}

function addTestCase(testCase: TestCase, file: string, part: ReportPart): void {
  testCase.className(file).name(part.name).file(file).time(part.seconds);
  if (part.engine !== undefined) testCase.property('engine', engineOf(part));
  testCase.property('cached', String(part.cached));
  for (const output of part.outputs)
    testCase.property(`output.${output.format}`, output.relativePath);
  const { failure } = part;
  if (failure !== undefined) {
    const at =
      failure.location === undefined
        ? ''
        : `${failure.location.relativePath}:${failure.location.line}: `;
    const message = `${at}${failure.message}`;
    switch (failure.category) {
      case 'failure':
        testCase.failure(message, failure.kind).stacktrace(details(part));
        break;
      case 'error':
        testCase.error(message, failure.kind, details(part));
        break;
      case 'cancelled':
        testCase.skipped();
        break;
      default:
        unreachable(failure.category);
    }
  }
  if (part.console !== '') testCase.standardOutput(part.console);
}

/** OpenSCAD's errors and warnings for the part, one per line, each with its `file:line`. */
function details(part: ReportPart): string {
  return part.diagnostics
    .filter((diagnostic) => diagnostic.severity !== 'echo' && diagnostic.severity !== 'trace')
    .map(describeDiagnostic)
    .join('\n');
}

function describeDiagnostic(diagnostic: ReportDiagnostic): string {
  const at =
    diagnostic.location === undefined
      ? ''
      : `${diagnostic.location.relativePath}:${diagnostic.location.line}: `;
  return `${at}${diagnostic.severity.toUpperCase()}: ${diagnostic.message}`;
}

function engineOf(part: ReportPart): string {
  const engine = part.engine;
  if (engine === undefined) return '';
  return engine.version === undefined ? engine.id : `${engine.id} ${engine.version}`;
}

/** Parts grouped by their `.scad` file, in the order the files first appear. */
function partsByFile(parts: readonly ReportPart[]): Map<string, ReportPart[]> {
  const byFile = new Map<string, ReportPart[]>();
  for (const part of parts) {
    const group = byFile.get(part.relativeFile);
    if (group === undefined) byFile.set(part.relativeFile, [part]);
    else group.push(part);
  }
  return byFile;
}
