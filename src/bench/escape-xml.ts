/**
 * Text made safe for XML character data and quoted attribute values: the five characters XML
 * gives meaning to become entities, and characters XML 1.0 forbids (control characters other
 * than tab and line breaks, lone surrogates) are dropped, since no escape can carry them.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (character) => entities[character] ?? character);
}

const entities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
