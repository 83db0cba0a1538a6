import { spawn } from 'node:child_process';
import type { ProcessEvents, StartRequest, StartedProcess } from './process-events.js';
import { currentRunMark, partMarkName, runMarkName } from './process-marks.js';

/**
 * Starts a program with Node's `child_process.spawn`, without a shell, in its own process group
 * (POSIX). Each start forks all of parascad, which costs milliseconds of its main thread — more
 * as its heap grows; {@link launchProcess} avoids that where it can.
 */
export function spawnDirectly(request: StartRequest, events: ProcessEvents): StartedProcess {
  const child = spawn(request.command, request.args, {
    ...(request.cwd === undefined ? {} : { cwd: request.cwd }),
    env: {
      ...process.env,
      ...request.env,
      [runMarkName]: currentRunMark(),
      [partMarkName]: request.partMark,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
    windowsHide: true,
  });
  if (child.pid !== undefined) events.started(child.pid);
  child.stdout.setEncoding('utf8').on('data', events.output);
  child.stderr.setEncoding('utf8').on('data', events.output);
  child.on('error', events.failed);
  child.on('exit', events.exited);
  child.on('close', events.closed);
  return {
    abandonOutput: () => {
      child.stdout.destroy();
      child.stderr.destroy();
    },
  };
}
