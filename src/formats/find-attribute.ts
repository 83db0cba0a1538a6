/**
 * Where the value of attribute `name` starts (just after its opening quote) in the XML tag that
 * spans `tagStart` to `tagEnd`, or -1 when the tag has no such attribute. `name` must be preceded
 * by a blank, so that `x` does not match `p:x` or `max`.
 */
export function findAttribute(
  text: string,
  tagStart: number,
  tagEnd: number,
  name: string,
): number {
  for (let at = text.indexOf(name, tagStart); at !== -1 && at < tagEnd;) {
    const before = text.charCodeAt(at - 1);
    let after = at + name.length;
    while (isBlank(text.charCodeAt(after))) after += 1;
    if (isBlank(before) && text.charCodeAt(after) === 0x3d) {
      after += 1;
      while (isBlank(text.charCodeAt(after))) after += 1;
      const quote = text.charCodeAt(after);
      if (quote === 0x22 || quote === 0x27) return after + 1;
    }
    at = text.indexOf(name, at + 1);
  }
  return -1;
}

function isBlank(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}
