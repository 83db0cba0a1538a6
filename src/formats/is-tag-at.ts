/**
 * Whether the XML text has the start (or, with a name starting with `/`, the end) of an element
 * called `name` at `at`: `<name` followed by a blank, `>` or `/`, so that `vertex` does not match
 * `<vertices>` nor `triangle` `<triangles>`. Compares in place, without cutting the name out.
 */
export function isTagAt(text: string, at: number, name: string): boolean {
  if (text.charCodeAt(at) !== 0x3c || !text.startsWith(name, at + 1)) return false;
  const next = text.charCodeAt(at + 1 + name.length);
  return next === 0x3e || next === 0x2f || next === 0x20 || (next >= 0x09 && next <= 0x0d);
}
