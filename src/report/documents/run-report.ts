import type { z } from 'zod';
import type { DeepReadonly } from '../../util/deep-readonly.js';
import type { runReportSchema } from './run-report-schema.js';

/**
 * The whole run as one document: what `--report json=FILE` writes, and what the JUnit, GitHub and
 * HTML reports are made from. Inferred from {@link runReportSchema}, its source of truth.
 */
export type RunReport = DeepReadonly<z.output<typeof runReportSchema>>;

/** One part of a {@link RunReport}. */
export type ReportPart = RunReport['parts'][number];

/** One output file of a {@link ReportPart}. */
export type ReportOutput = ReportPart['outputs'][number];

/** One diagnostic of a {@link ReportPart}. */
export type ReportDiagnostic = ReportPart['diagnostics'][number];

/** Why a {@link ReportPart} did not render. */
export type ReportFailure = NonNullable<ReportPart['failure']>;

/** How a {@link ReportPart} compares with the previous run or the baseline. */
export type PartChanges = NonNullable<ReportPart['changes']>;

/** The options of a run that a report records. */
export type ReportOptions = RunReport['run']['options'];

/** A warning of the run, or a problem of the configuration that kept it from starting. */
export type ReportProblem = RunReport['warnings'][number];

/** An engine of the run: one that rendered parts, or one the cached parts were rendered on. */
export type ReportEngine = RunReport['run']['engines'][number];
