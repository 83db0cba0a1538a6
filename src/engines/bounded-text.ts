/**
 * Collects console output, keeping the beginning and the end when a model prints without end
 * (an `echo()` in a long loop), so that memory stays bounded and the first errors survive.
 */
export class BoundedText {
  private head = '';
  private tail = '';
  private dropped = 0;

  /** @param limit characters kept in all; half at the start, half at the end. */
  constructor(private readonly limit = 4 * 1024 * 1024) {}

  append(chunk: string): void {
    const half = this.limit / 2;
    if (this.head.length < half) {
      const room = half - this.head.length;
      this.head += chunk.slice(0, room);
      chunk = chunk.slice(room);
    }
    if (chunk === '') return;
    const tail = this.tail + chunk;
    if (tail.length > half) {
      this.dropped += tail.length - half;
      this.tail = tail.slice(-half);
    } else {
      this.tail = tail;
    }
  }

  toString(): string {
    if (this.dropped === 0) return this.head + this.tail;
    return `${this.head}\n[… parascad dropped ${this.dropped} characters of output here …]\n${this.tail}`;
  }
}
