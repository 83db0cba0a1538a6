import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { copyFixture } from '../support/copy-fixture.js';
import { cliPath } from '../support/run-cli.js';

const hide = '\u001B[?25l';
const show = '\u001B[?25h';
const hasScript = spawnSync('script', ['--version']).status === 0;

/** Whether the cursor is visible after everything the terminal received. */
function cursorVisible(text: string): boolean {
  return text.lastIndexOf(show) >= text.lastIndexOf(hide);
}

/**
 * Runs the real CLI in a pseudo-terminal (util-linux `script`), so that it draws its live window,
 * and sends the given signals to it once the window is drawn and the stuck part runs.
 */
async function runInTerminal(project: string, signals: readonly NodeJS.Signals[]): Promise<string> {
  const command = `exec ${process.execPath} ${cliPath} render --engine wasm -j 1 stuck`;
  // A terminal outside CI: only then does parascad draw the live window.
  const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', TERM: 'xterm' };
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: project, env });
  let output = '';
  let sent = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    if (sent || !output.includes(hide) || !output.includes('stuck ')) return;
    sent = true;
    const pid = Number(
      spawnSync('pgrep', ['-P', String(child.pid), '-f', cliPath], { encoding: 'utf8' })
        .stdout.trim()
        .split('\n')[0],
    );
    void (async () => {
      for (const signal of signals) {
        process.kill(pid, signal);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    })().catch(() => undefined);
  });
  await new Promise((resolve) => child.on('close', resolve));
  return output;
}

describe.skipIf(!hasScript)('the live view in a real terminal', () => {
  it('hides the cursor while drawing and shows it again after SIGTERM', async () => {
    const project = await copyFixture('e2e-stuck');
    const output = await runInTerminal(project, ['SIGTERM']);
    expect(output).toContain(hide);
    expect(cursorVisible(output)).toBe(true);
  }, 60_000);

  it('shows the cursor again when Ctrl-C is pressed three times (the third exits at once)', async () => {
    const project = await copyFixture('e2e-stuck');
    const output = await runInTerminal(project, ['SIGINT', 'SIGINT', 'SIGINT']);
    expect(output).toContain(hide);
    expect(cursorVisible(output)).toBe(true);
  }, 60_000);
});
