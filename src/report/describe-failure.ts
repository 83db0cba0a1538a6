import type { FailureReason } from '../run/part-result.js';
import { countNoun } from '../util/count-noun.js';
import { unreachable } from '../util/unreachable.js';
import { formatBytes } from './format-bytes.js';
import { formatDuration } from './format-duration.js';

/** One phrase saying why a part failed, for its result line. */
export function describeFailure(failure: FailureReason): string {
  switch (failure.kind) {
    case 'cancelled':
      return 'cancelled';
    case 'timeout':
      return `stopped after the ${formatDuration(failure.seconds)} timeout`;
    case 'engine-crash':
      return failure.message;
    case 'io-error':
      return failure.message;
    case 'memory-limit':
      return `used ${formatBytes(failure.usedBytes)} of memory, over the ${formatBytes(failure.limitBytes)} limit`;
    case 'openscad-error':
      return failure.diagnostic.message;
    case 'exit-code':
      return `openscad exited with code ${failure.code}`;
    case 'conversion-failed':
      return `could not write ${failure.format}: ${failure.message}`;
    case 'missing-output':
      return `openscad wrote no ${failure.format} file`;
    case 'invalid-output':
      return `the ${failure.format} file is not usable: ${failure.message}`;
    case 'strict':
      return `failed under --strict: ${failure.first.message}${failure.warnings > 1 ? ` (and ${countNoun(failure.warnings - 1, 'more warning', 'more warnings')})` : ''}`;
    default:
      return unreachable(failure);
  }
}
