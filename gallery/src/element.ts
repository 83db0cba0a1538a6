/** Children an element is made with: elements, text, or nothing (left out). */
export type Child = Node | string | false | undefined;

/**
 * A new element with attributes and children. Text is always set as text, never parsed as HTML:
 * part names and OpenSCAD's messages are the user's.
 */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  children: readonly Child[] = [],
): HTMLElementTagNameMap[K] {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  for (const child of children) {
    if (child === false || child === undefined) continue;
    made.append(child);
  }
  return made;
}
