import { isAbsolute, resolve } from 'node:path';
import { ParascadError } from '../../errors.js';
import { didYouMean } from '../../util/did-you-mean.js';
import { isReportKind, reportKinds, type ReportKind } from './report-kinds.js';

/** One `--report KIND=PATH`: which report, and where. */
export interface ReportRequest {
  readonly kind: ReportKind;
  /** Absolute. */
  readonly path: string;
}

/**
 * Reads `KIND=PATH` (`json=report.json`, `junit=out/junit.xml`, `html=gallery/`), the path taken
 * relative to `cwd`.
 *
 * @throws {ParascadError} `USAGE` when the `=` or the path is missing or the kind is unknown,
 *   naming the kinds there are (and the one meant, for a typo).
 */
export function parseReportRequest(text: string, cwd: string): ReportRequest {
  const kinds = Object.keys(reportKinds);
  const equals = text.indexOf('=');
  const example = 'e.g. --report json=report.json';
  if (equals === -1) {
    const meant = isReportKind(text) ? `${text}=PATH` : undefined;
    throw new ParascadError(
      'USAGE',
      `--report ${text}: expected KIND=PATH, ${example}`,
      meant === undefined
        ? `kinds: ${kinds.join(', ')}`
        : `say where the ${text} report goes: --report ${meant}`,
    );
  }
  const kind = text.slice(0, equals).trim();
  const path = text.slice(equals + 1);
  if (!isReportKind(kind)) {
    const meant = didYouMean(kind, kinds);
    throw new ParascadError(
      'USAGE',
      `--report ${text}: unknown report kind "${kind}"`,
      `${meant === undefined ? '' : `did you mean ${meant}? `}kinds: ${kinds.join(', ')}`,
    );
  }
  if (path.trim() === '') {
    throw new ParascadError('USAGE', `--report ${text}: no path after "="`, example);
  }
  return { kind, path: isAbsolute(path) ? path : resolve(cwd, path) };
}
