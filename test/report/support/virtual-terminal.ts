// eslint-disable-next-line no-control-regex -- a terminal reads exactly these
const controlSequence = /^\u001B\[(\??)([0-9;]*)([A-Za-z])/;

/**
 * A small terminal for tests: applies text with the cursor movements and erasures that log-update
 * writes (cursor up/down/to column 1, erase line, erase to end of line) to a screen of unlimited
 * height, and shows what a person would see. Colour escapes and mode switches (synchronized
 * output, cursor visibility) change nothing on screen and are dropped; any other escape fails the
 * test, so the reporter cannot write what this terminal does not understand.
 */
export function createVirtualTerminal() {
  const rows: string[][] = [[]];
  let row = 0;
  let column = 0;

  const line = (): string[] => {
    while (rows.length <= row) rows.push([]);
    return rows[row] as string[];
  };

  const write = (text: string): void => {
    let index = 0;
    while (index < text.length) {
      const character = text[index] as string;
      if (character === '\u001B') {
        const match = controlSequence.exec(text.slice(index));
        if (match === null)
          throw new Error(`unknown escape at ${JSON.stringify(text.slice(index, index + 8))}`);
        const [whole, privateMode, parameter, command] = match;
        index += whole.length;
        const count = Math.max(1, Number(parameter || '1'));
        if (privateMode === '?' || command === 'm') continue;
        switch (command) {
          case 'A':
            row = Math.max(0, row - count);
            break;
          case 'B':
            row += count;
            line();
            break;
          case 'G':
            column = 0;
            break;
          case 'K':
            if (parameter === '2') line().length = 0;
            else line().length = Math.min(line().length, column);
            break;
          default:
            throw new Error(`unknown escape ${JSON.stringify(whole)}`);
        }
        continue;
      }
      index++;
      if (character === '\n') {
        // A terminal's output translation turns a line feed into carriage return + line feed.
        row++;
        column = 0;
        line();
      } else if (character === '\r') {
        column = 0;
      } else {
        const current = line();
        while (current.length < column) current.push(' ');
        current[column] = character;
        column++;
      }
    }
  };

  return {
    write,
    /** The screen, line by line, without trailing spaces and without empty lines at the end. */
    screen(): string[] {
      const lines = rows.map((cells) => cells.join('').trimEnd());
      while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
      return lines;
    },
    /** Where the next character would go. */
    cursor: (): { row: number; column: number } => ({ row, column }),
  };
}
