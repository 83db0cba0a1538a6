import { describe, expect, it } from 'vitest';
import { ParascadError } from '../../../src/errors.js';
import { parseReportRequest } from '../../../src/report/documents/parse-report-request.js';

function usageError(text: string): { message: string; hint: string | undefined } {
  try {
    parseReportRequest(text, '/work');
  } catch (error) {
    if (!(error instanceof ParascadError)) throw error;
    expect(error.code).toBe('USAGE');
    return { message: error.message, hint: error.hint };
  }
  throw new Error(`${text} was accepted`);
}

describe('parseReportRequest', () => {
  it('reads KIND=PATH and resolves the path against the folder the command runs in', () => {
    expect(parseReportRequest('json=out/report.json', '/work')).toEqual({
      kind: 'json',
      path: '/work/out/report.json',
    });
    expect(parseReportRequest('json=/tmp/a=b.json', '/work')).toEqual({
      kind: 'json',
      path: '/tmp/a=b.json',
    });
  });

  it('says how to write it when the = is missing', () => {
    expect(usageError('json')).toEqual({
      message: '--report json: expected KIND=PATH, e.g. --report json=report.json',
      hint: 'say where the json report goes: --report json=PATH',
    });
    expect(usageError('report.json').hint).toMatch(/^kinds: json/);
  });

  it('names the kind meant for a typo, and the kinds there are', () => {
    expect(usageError('jsno=r.json')).toEqual({
      message: '--report jsno=r.json: unknown report kind "jsno"',
      hint: expect.stringMatching(/^did you mean json\? kinds: json/) as string,
    });
    expect(usageError('pdf=r.pdf').hint).toMatch(/^kinds: /);
  });

  it('refuses an empty path', () => {
    expect(usageError('json=').message).toBe('--report json=: no path after "="');
  });
});
