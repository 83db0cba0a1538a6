import { describe, expect, it } from 'vitest';
import { jsonSyntaxProblem } from '../../src/config/json-syntax-problem.js';

describe('jsonSyntaxProblem', () => {
  it('passes JSON, and whitespace alone', () => {
    expect(jsonSyntaxProblem('{ "files": [] }')).toBeUndefined();
    expect(jsonSyntaxProblem(' \n')).toBeUndefined();
  });

  it('words the problem without its position and gives the offset where parsing stopped', () => {
    expect(jsonSyntaxProblem('{"a": 1 "b": 2}')).toEqual({
      message: "expected ',' or '}' after property value",
      offset: 8,
    });
  });

  it('finds an unexpected character in a short text, outside strings', () => {
    expect(jsonSyntaxProblem('{"x": x}')).toEqual({
      message: "unexpected character 'x'",
      offset: 6,
    });
  });

  it('finds an unexpected character in a long text from the context V8 quotes', () => {
    const text = '{"files": [{"path": "a.scad"}, {"path": "b.scad"}, x], "jobs": 2}';

    expect(jsonSyntaxProblem(text)).toEqual({
      message: "unexpected character 'x'",
      offset: text.indexOf('x'),
    });
  });

  it('calls a comma before a closing bracket a trailing comma, at the comma', () => {
    const text = '{"files": [{"path": "a.scad"}, {"path": "b.scad"},\n  ], "jobs": 2}';
    expect(jsonSyntaxProblem(text)).toEqual({
      message: 'a comma before "]": JSON allows no trailing comma',
      offset: text.indexOf(',\n'),
    });
    expect(jsonSyntaxProblem('{"jobs": 2,}')).toEqual({
      message: 'a comma before "}": JSON allows no trailing comma',
      offset: 10,
    });
  });

  it('places an unexpected end right after the last character written', () => {
    const text = '{"files": [\n\n';

    expect(jsonSyntaxProblem(text)).toEqual({
      message: 'unexpected end of the file',
      offset: '{"files": ['.length,
    });
  });

  it('counts a byte order mark in the offset, since the YAML parser keeps it', () => {
    expect(jsonSyntaxProblem('\uFEFF{"a": 1 "b": 2}')?.offset).toBe(9);
  });
});
