/** An element of a parsed XML document, with its text and attributes decoded. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly (XmlElement | string)[];
}

const name = /[A-Za-z_:][\w.:-]*/y;
const entity = /&(?:amp|lt|gt|quot|apos|#\d+|#x[\dA-Fa-f]+);/y;

/**
 * A strict parser for the XML the chart writes (no DTD, no CDATA, no processing instructions but
 * the declaration), so tests can check that it is well formed and query it: every tag closed in
 * order, attributes quoted and not repeated, `<` and `&` only as markup or entities, one root
 * element. Throws with the offset of the first problem.
 */
export function parseXml(text: string): XmlElement {
  let at = 0;
  const fail = (message: string): never => {
    throw new Error(`${message} at offset ${at}: ${JSON.stringify(text.slice(at, at + 30))}`);
  };
  const readName = (): string => {
    name.lastIndex = at;
    const match = name.exec(text);
    if (match === null) return fail('expected a name');
    at += match[0].length;
    return match[0];
  };
  const skipSpace = (): void => {
    while (/\s/.test(text[at] ?? '')) at++;
  };
  const decode = (raw: string, start: number): string => {
    let decoded = '';
    for (let index = 0; index < raw.length; index++) {
      const character = raw[index] ?? '';
      if (character === '<') {
        at = start + index;
        fail('raw < in text or attribute');
      }
      if (character !== '&') {
        decoded += character;
        continue;
      }
      entity.lastIndex = index;
      const match = entity.exec(raw);
      if (match === null) {
        at = start + index;
        return fail('& that starts no entity');
      }
      decoded += decodeEntity(match[0]);
      index += match[0].length - 1;
    }
    return decoded;
  };

  const readElement = (): XmlElement => {
    if (text[at] !== '<') fail('expected <');
    at++;
    const elementName = readName();
    const attributes = new Map<string, string>();
    for (;;) {
      const before = at;
      skipSpace();
      if (text.startsWith('/>', at)) {
        at += 2;
        return { name: elementName, attributes, children: [] };
      }
      if (text[at] === '>') {
        at++;
        break;
      }
      if (at === before) fail('expected space between attributes');
      const attribute = readName();
      skipSpace();
      if (text[at] !== '=') fail('expected = after an attribute name');
      at++;
      skipSpace();
      const quote = text[at];
      if (quote !== '"' && quote !== "'") return fail('expected a quoted attribute value');
      const end = text.indexOf(quote, at + 1);
      if (end === -1) return fail('unterminated attribute value');
      if (attributes.has(attribute)) fail(`attribute ${attribute} repeated`);
      attributes.set(attribute, decode(text.slice(at + 1, end), at + 1));
      at = end + 1;
    }
    const children: (XmlElement | string)[] = [];
    for (;;) {
      if (at >= text.length) fail(`<${elementName}> is never closed`);
      if (text.startsWith('</', at)) {
        at += 2;
        const closing = readName();
        if (closing !== elementName) fail(`</${closing}> closes <${elementName}>`);
        skipSpace();
        if (text[at] !== '>') fail('expected >');
        at++;
        return { name: elementName, attributes, children };
      }
      if (text.startsWith('<!--', at)) {
        const end = text.indexOf('-->', at + 4);
        if (end === -1) fail('unterminated comment');
        at = end + 3;
      } else if (text[at] === '<') {
        children.push(readElement());
      } else {
        const end = text.indexOf('<', at);
        const stop = end === -1 ? text.length : end;
        children.push(decode(text.slice(at, stop), at));
        at = stop;
      }
    }
  };

  if (text.startsWith('<?xml')) {
    const end = text.indexOf('?>');
    if (end === -1) fail('unterminated XML declaration');
    at = end + 2;
  }
  skipSpace();
  const root = readElement();
  skipSpace();
  if (at !== text.length) fail('content after the root element');
  return root;
}

function decodeEntity(reference: string): string {
  switch (reference) {
    case '&amp;':
      return '&';
    case '&lt;':
      return '<';
    case '&gt;':
      return '>';
    case '&quot;':
      return '"';
    case '&apos;':
      return "'";
    default: {
      const code = reference.startsWith('&#x')
        ? Number.parseInt(reference.slice(3, -1), 16)
        : Number.parseInt(reference.slice(2, -1), 10);
      return String.fromCodePoint(code);
    }
  }
}

/** Every element under (and including) `root`, in document order. */
export function allElements(root: XmlElement): XmlElement[] {
  return [
    root,
    ...root.children.flatMap((child) => (typeof child === 'string' ? [] : allElements(child))),
  ];
}

/** The text inside an element, its descendants' included. */
export function textOf(element: XmlElement): string {
  return element.children
    .map((child) => (typeof child === 'string' ? child : textOf(child)))
    .join('');
}
