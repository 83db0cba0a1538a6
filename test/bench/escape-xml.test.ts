import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../src/bench/escape-xml.js';

describe('escapeXml', () => {
  it('turns the characters XML gives meaning to into entities', () => {
    expect(escapeXml(`a < b && c > "d" 'e'`)).toBe(
      'a &lt; b &amp;&amp; c &gt; &quot;d&quot; &apos;e&apos;',
    );
  });

  it('escapes an ampersand that already looks like an entity, so the text stays the same', () => {
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });

  it('drops characters XML cannot carry and keeps tabs, line breaks and other scripts', () => {
    expect(escapeXml('a\u0000b\u0007c\u001b\uFFFE\uD800')).toBe('abc');
    expect(escapeXml('tab\tline\nreturn\r Ünïcødé ÷ × 🙂')).toBe(
      'tab\tline\nreturn\r Ünïcødé ÷ × 🙂',
    );
  });
});
