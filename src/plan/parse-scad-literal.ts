import type { ParamValue } from '../config/project-config.js';
import { lexOpenScad } from '../discovery/lex-openscad.js';
import type { Token } from '../discovery/lex-openscad.js';

/**
 * Reads OpenSCAD source that is a plain literal — a number (signed), a string, `true`, `false`,
 * `undef`, or a list of those (nested, a trailing comma allowed as OpenSCAD allows it) — into
 * its value. Returns undefined for anything else: an expression, a name, a range, a string with
 * an escape OpenSCAD would not read as written. Comments around the tokens are ignored.
 *
 * Strings are decoded as OpenSCAD's lexer does: `\n`, `\t`, `\r`, `\"`, `\\`, `\xHH`
 * (01–7F), `\uHHHH` and `\UHHHHHH`.
 */
export function parseScadLiteral(source: string): ParamValue | undefined {
  const tokens = lexOpenScad(source).filter(
    (token) => token.kind !== 'line-comment' && token.kind !== 'block-comment',
  );
  const reader = new LiteralReader(tokens, source);
  const value = reader.value();
  return value !== undefined && reader.atEnd() ? value.value : undefined;
}

/** A parsed value, boxed so that `undef` (null) is told apart from "not a literal". */
interface Parsed {
  readonly value: ParamValue;
}

class LiteralReader {
  private index = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly source: string,
  ) {}

  atEnd(): boolean {
    return this.index === this.tokens.length;
  }

  value(): Parsed | undefined {
    const token = this.tokens[this.index++];
    if (token === undefined) return undefined;
    switch (token.kind) {
      case 'number':
        return { value: Number(token.text) };
      case 'string':
        return this.string(token);
      case 'identifier':
        if (token.text === 'true') return { value: true };
        if (token.text === 'false') return { value: false };
        if (token.text === 'undef') return { value: null };
        return undefined;
      case 'punct':
        if (token.text === '-' || token.text === '+') return this.signed(token.text);
        if (token.text === '[') return this.list();
        return undefined;
      default:
        return undefined;
    }
  }

  private signed(sign: string): Parsed | undefined {
    const number = this.tokens[this.index++];
    if (number?.kind !== 'number') return undefined;
    const value = Number(number.text);
    return { value: sign === '-' ? -value : value };
  }

  private list(): Parsed | undefined {
    const items: ParamValue[] = [];
    for (;;) {
      if (this.punct(']')) return { value: items };
      const item = this.value();
      if (item === undefined) return undefined;
      items.push(item.value);
      if (this.punct(']')) return { value: items };
      if (!this.punct(',')) return undefined;
    }
  }

  private punct(text: string): boolean {
    const token = this.tokens[this.index];
    if (token?.kind !== 'punct' || token.text !== text) return false;
    this.index++;
    return true;
  }

  private string(token: Token): Parsed | undefined {
    const raw = this.source.slice(token.start, token.end);
    if (!isTerminated(raw)) return undefined;
    const decoded = decodeString(raw.slice(1, -1));
    return decoded === undefined ? undefined : { value: decoded };
  }
}

/** Whether a string token's text (quotes included) ends with its closing quote. */
function isTerminated(raw: string): boolean {
  if (raw.length < 2 || !raw.endsWith('"')) return false;
  let backslashes = 0;
  for (let index = raw.length - 2; index > 0 && raw[index] === '\\'; index--) backslashes++;
  return backslashes % 2 === 0;
}

const simpleEscapes: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '"': '"',
  '\\': '\\',
};

/** The value of a string literal's body, or undefined when an escape is malformed. */
function decodeString(body: string): string | undefined {
  let value = '';
  for (let index = 0; index < body.length; index++) {
    const char = body[index] ?? '';
    if (char !== '\\') {
      value += char;
      continue;
    }
    const next = body[index + 1] ?? '';
    const simple = simpleEscapes[next];
    if (simple !== undefined) {
      value += simple;
      index++;
      continue;
    }
    const digits = { x: 2, u: 4, U: 6 }[next];
    if (digits === undefined) return undefined;
    const hex = body.slice(index + 2, index + 2 + digits);
    const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === digits ? parseInt(hex, 16) : NaN;
    const valid = next === 'x' ? code >= 1 && code <= 0x7f : code >= 1 && code <= 0x10ffff;
    if (!valid || (code >= 0xd800 && code <= 0xdfff)) return undefined;
    value += String.fromCodePoint(code);
    index += 1 + digits;
  }
  return value;
}
