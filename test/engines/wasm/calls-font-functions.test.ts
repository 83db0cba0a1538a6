import { describe, expect, it } from 'vitest';
import { callsFontFunctions } from '../../../src/engines/wasm/calls-font-functions.js';

describe('callsFontFunctions', () => {
  it.each([
    ['text("Hi");', 'text()'],
    ['linear_extrude(1)\n  text (\n "Hi", size = 5);', 'text() spread over lines'],
    ['m = textmetrics("Hi");', 'textmetrics()'],
    ['echo(fontmetrics(font = "DejaVu Sans"));', 'fontmetrics()'],
    ['module label(t) { text(t); }', 'text() inside a module'],
  ])('finds %j (%s)', (source) => {
    expect(callsFontFunctions(source)).toBe(true);
  });

  it.each([
    ['cube(10);', 'no text at all'],
    ['// text("commented out")\ncube(1);', 'a line comment'],
    ['/* text("old label"); */ cube(1);', 'a block comment'],
    ['echo("call text(\\"x\\") later");', 'a string'],
    ['label_text("x"); text_size = 3; subtext(1);', 'names that only contain "text"'],
    ['text = 3; echo(text);', 'a variable named text'],
  ])('ignores %j (%s)', (source) => {
    expect(callsFontFunctions(source)).toBe(false);
  });
});
