import { describe, expect, it } from 'vitest';
import {
  escapeData,
  escapeProperty,
  workflowCommand,
} from '../../../src/report/github/workflow-command.js';

describe('workflowCommand', () => {
  it('escapes %, CR and LF in the message, and also : and , in property values', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('C:\\a,b%\n')).toBe('C%3A\\a%2Cb%25%0A');
    expect(
      workflowCommand(
        'error',
        { file: 'parts/a,b.scad', line: 3, col: undefined, title: 'lid: failed' },
        'two\nlines',
      ),
    ).toBe('::error file=parts/a%2Cb.scad,line=3,title=lid%3A failed::two%0Alines');
  });

  it('writes a command without properties as ::name::message', () => {
    expect(workflowCommand('warning', {}, 'careful')).toBe('::warning::careful');
  });
});
