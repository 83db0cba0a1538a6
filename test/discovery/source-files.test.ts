import { describe, expect, it } from 'vitest';
import { SourceFiles } from '../../src/discovery/source-files.js';

describe('SourceFiles', () => {
  it('reads each file once in a pass, and a new pass reads it again', async () => {
    const reads: string[] = [];
    let content = 'module a() {}';
    const read = (file: string): Promise<string> => {
      reads.push(file);
      return Promise.resolve(content);
    };
    const pass = new SourceFiles(read);
    await pass.source('/p/a.scad');
    await pass.text('/p/a.scad');
    expect(reads).toEqual(['/p/a.scad']);
    content = 'module b() {}';
    const next = new SourceFiles(read);
    expect((await next.source('/p/a.scad')).tokens.map((token) => token.text)).toContain('b');
    expect(reads).toEqual(['/p/a.scad', '/p/a.scad']);
  });
});
