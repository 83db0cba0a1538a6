/** Why a text is not JSON, and the offset of the character where parsing stopped. */
export interface JsonSyntaxProblem {
  /** Lower-case, without the position, e.g. `expected ',' or '}' after property value`. */
  readonly message: string;
  readonly offset: number;
}

/**
 * Checks that `text` is JSON, the way `JSON.parse` sees it, so that a `.json` config is held to
 * JSON's rules (no comments, no trailing commas) and its syntax errors are worded in JSON's terms
 * rather than YAML's. Whitespace alone passes: an empty config is the loader's problem to word.
 *
 * The offset comes from the engine's message: `at position N`, the end of the text for an
 * unexpected end, or the context V8 quotes around an unexpected token.
 */
export function jsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const json = text.slice(bom);
  if (json.trim() === '') return undefined;
  try {
    JSON.parse(json);
    return undefined;
  } catch (error) {
    const { message, offset } = locateMessage(json, (error as Error).message);
    const comma = trailingComma(json, offset);
    if (comma !== undefined) return { ...comma, offset: comma.offset + bom };
    // An error at the very end (a missing bracket) is shown after the last character written.
    return { message, offset: Math.min(offset, json.trimEnd().length) + bom };
  }
}

/**
 * A comma before the `}` or `]` where parsing stopped, as YAML, JavaScript and JSON5 allow and
 * JSON does not: V8 only says what it expected instead of the bracket.
 */
function trailingComma(json: string, offset: number): JsonSyntaxProblem | undefined {
  const closing = json.charAt(offset);
  if (closing !== '}' && closing !== ']') return undefined;
  let before = offset - 1;
  while (before >= 0 && /\s/.test(json.charAt(before))) before--;
  if (json.charAt(before) !== ',') return undefined;
  return { message: `a comma before "${closing}": JSON allows no trailing comma`, offset: before };
}

/** V8 quotes 10 characters on each side of an unexpected token, after `...` when it cut some. */
const contextBefore = 10;

function locateMessage(json: string, raw: string): JsonSyntaxProblem {
  const positioned = /^([^]*?) in JSON at position (\d+)/.exec(raw);
  if (positioned) {
    return { message: lowerFirst(positioned[1] ?? raw), offset: Number(positioned[2]) };
  }
  if (raw.startsWith('Unexpected end of JSON input')) {
    return { message: 'unexpected end of the file', offset: json.length };
  }
  const unexpected =
    /^Unexpected token '([^]+?)', (\.\.\.)?"([^]*)"(?:\.\.\.)? is not valid JSON$/.exec(raw);
  if (unexpected) {
    const token = unexpected[1] ?? '';
    const context = unexpected[3] ?? '';
    const start = unexpected[2] === undefined ? -1 : json.indexOf(context);
    const offset = start === -1 ? indexOutsideStrings(json, token) : start + contextBefore;
    return { message: `unexpected ${describeToken(token)}`, offset: Math.max(0, offset) };
  }
  return { message: lowerFirst(raw), offset: 0 };
}

function describeToken(token: string): string {
  return token === "'" ? `character "'"` : `character '${token}'`;
}

/** The first `token` outside string literals, where V8 stops when it quotes the whole text. */
function indexOutsideStrings(json: string, token: string): number {
  let inString = false;
  for (let index = 0; index < json.length; index++) {
    const character = json[index];
    if (inString) {
      if (character === '\\') index++;
      else if (character === '"') inString = false;
    } else if (json.startsWith(token, index)) {
      return index;
    } else if (character === '"') {
      inString = true;
    }
  }
  return 0;
}

function lowerFirst(text: string): string {
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}
