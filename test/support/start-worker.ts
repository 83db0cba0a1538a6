import { spawn, type ChildProcess } from 'node:child_process';
import { cliPath } from './run-cli.js';

/** A `parascad worker` process started by a test. */
export interface TestWorker {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything it printed so far. */
  output(): string;
  /** SIGTERM (it hands its parts back), then waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts the real `parascad worker` CLI on a queue and answers once it serves it. */
export async function startWorker(url: string, args: readonly string[] = []): Promise<TestWorker> {
  const child = spawn(process.execPath, [cliPath, 'worker', '--queue', url, ...args], {
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  await new Promise<void>((resolve, reject) => {
    const check = (): void => {
      if (output.includes('parascad worker ')) resolve();
    };
    child.stdout.on('data', check);
    void exited.then(() => {
      reject(new Error(`parascad worker exited before serving:\n${output}`));
    });
  });
  return {
    child,
    pid: child.pid ?? 0,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
