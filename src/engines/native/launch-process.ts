import { spawn, type ChildProcessByStdio } from 'node:child_process';
import {
  closeSync,
  constants,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { Socket } from 'node:net';
import { constants as osConstants, tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { ProcessEvents, StartRequest, StartedProcess } from './process-events.js';
import { removeFileSync } from '../../util/remove-file.js';
import { killLeftovers } from './kill-process-tree.js';
import { currentRunMark, partMarkName, runMarkName } from './process-marks.js';
import { spawnDirectly } from './spawn-directly.js';

/**
 * The launcher: one long-lived `bash` per parascad process that starts the engines for it, so
 * that parascad's main thread no longer forks all of Node for every part (`child_process.spawn`
 * costs ~7 ms of it a part here, growing with the heap), while bash forks once a part, as
 * `xargs` does.
 *
 * Protocol, one message each way per step: from parascad, a command for bash to run, sent as its
 * length (eight digits) and then its text, which `read -N` takes in one read each where reading
 * a line costs bash a system call per byte (0.5 ms of its CPU for a part's 350 bytes here, against
 * 15 µs); from bash, a line. parascad asks for a program; bash (job control on, so
 * that the program leads its own process group, as `detached: true` does) opens the part's FIFO,
 * starts the program with the part's marks, stdin from /dev/null and stdout + stderr into the
 * FIFO, closes its own copy and answers `S id pid`. parascad reads the FIFO; when it ends, or
 * while a leftover still holds it, it looks whether the program has ended (bash reaps it at once,
 * while it waits for input), and only then asks for the exit status (`wait pid`, which cannot
 * block: bash keeps the statuses of the programs it reaped), answered `E id status`. New FIFOs
 * are made by bash (`M id` once made, and parascad opens it for reading) and reused after a
 * clean end. parascad holds a write end of the FIFO until `S`, so that the read side does not end
 * before the program holds it.
 *
 * Bash, not sh: dash turns job control off without a terminal, and cannot undo the SIGINT and
 * SIGQUIT ignoring it gives background programs.
 */
const launcherScript = String.raw`
set -m
while IFS= read -r -N 8 size && IFS= read -r -N "$((10#$size))" command; do eval "$command"; done
wait
rm -rf -- "$1"
`;

/**
 * Exit statuses above 128 from `wait` name the signal that killed the program (its first name:
 * SIGABRT, not SIGIOT). A program that exits with such a status itself is reported as killed by
 * that signal: bash tells the two apart to no one.
 */
const signalNames = new Map<number, NodeJS.Signals>();
for (const [name, number] of Object.entries(osConstants.signals)) {
  if (!signalNames.has(number)) signalNames.set(number, name as NodeJS.Signals);
}

const bashPaths = ['/bin/bash', '/usr/bin/bash'];
let bash: string | null | undefined;
const knownPrograms = new Set<string>();
/** The longest text of a request the launcher takes (Linux's own limit is ~2 MB by default). */
const maxCommandText = 10_000_000;

/**
 * Whether {@link launchProcess} can start this request: Linux with bash, an absolute path to a
 * regular executable file (so that a missing program is still reported by `spawn`'s own error),
 * text without NULs (no argument can hold one: `spawn` reports it), and an environment that bash
 * would not change (no `BASH_ENV`, no exported functions).
 */
export function canLaunch(request: StartRequest): boolean {
  if (findBash() === undefined) return false;
  if (!isAbsolute(request.command) || current?.noFifos === true) return false;
  const added = Object.entries(request.env ?? {});
  if (added.some(([name]) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))) return false;
  const texts = [
    request.command,
    ...request.args,
    request.cwd ?? process.cwd(),
    request.partMark,
    ...added.flat(),
  ];
  if (texts.some((text) => text.includes('\0'))) return false;
  // Quoted, a command may be four times as long: its length must fit the protocol's 8 digits.
  if (texts.reduce((length, text) => length + text.length, 0) > maxCommandText) return false;
  if (!knownPrograms.has(request.command)) {
    if (!isExecutableFile(request.command)) return false;
    knownPrograms.add(request.command);
  }
  return !Object.keys(process.env).some(
    (name) => name === 'BASH_ENV' || name.startsWith('BASH_FUNC_'),
  );
}

/** The bash the launcher runs: Linux only, where one is installed. */
function findBash(): string | undefined {
  if (process.platform !== 'linux') return undefined;
  bash ??= bashPaths.find(isExecutableFile) ?? null;
  return bash ?? undefined;
}

function isExecutableFile(path: string): boolean {
  try {
    const stats = statSync(path);
    return stats.isFile() && (stats.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/**
 * Starts a program through the launcher (see above; check {@link canLaunch} first). Events
 * arrive as from {@link spawnDirectly}; a launcher that dies takes its running programs with it
 * (killed, reported as killed), and the next start makes a new one.
 */
export function launchProcess(request: StartRequest, events: ProcessEvents): StartedProcess {
  return currentLauncher().launch(request, events);
}

/** Starts the launcher ahead of the first part (a native run, while it plans), where it is used. */
export function warmUpLauncher(): void {
  if (findBash() !== undefined) currentLauncher();
}

function currentLauncher(): Launcher {
  const environment = environmentKey();
  if (current === undefined || current.environment !== environment || current.dead) {
    current?.retire();
    // Never the retired one again, even when the new one cannot start (the caller falls back).
    current = undefined;
    current = new Launcher(environment);
  }
  return current;
}

/** Lets an idle launcher end (an engine closed); the next start makes a new one. */
export function retireIdleLauncher(): void {
  if (current !== undefined && current.idle()) {
    current.retire();
    current = undefined;
  }
}

let current: Launcher | undefined;

function environmentKey(): string {
  return JSON.stringify(process.env);
}

/**
 * ANSI-C quotes for bash (`$'…'`): the text exactly, whatever it holds but NULs, written in
 * printable ASCII — every other byte of its UTF-8, and quotes and backslashes, as `\xHH` — so
 * that a command's length in characters, which `read -N` counts, is its length in bytes in any
 * locale bash runs in.
 */
function quote(text: string): string {
  let quoted = "$'";
  for (const byte of Buffer.from(text, 'utf8')) {
    quoted +=
      byte >= 0x20 && byte <= 0x7e && byte !== 0x27 && byte !== 0x5c
        ? String.fromCharCode(byte)
        : `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `${quoted}'`;
}

/** Printable ASCII only: what {@link quote} and the protocol's own words are made of. */
const printableAscii = /^[\x20-\x7e]*$/;

interface Launch {
  readonly id: number;
  readonly request: StartRequest;
  readonly events: ProcessEvents;
  readonly fifo: string;
  reader?: Socket;
  writeFd?: number | undefined;
  pid?: number;
  /** The exit status was asked for. */
  asked: boolean;
  /** The FIFO's read side ended (or was abandoned). */
  outputDone: boolean;
  status?: { exitCode: number | null; signal: NodeJS.Signals | null };
  /** The FIFO may still be held by a leftover: never reuse it. */
  spoiled: boolean;
  pollTimer?: NodeJS.Timeout | undefined;
  /** Node's spawn started it instead (no FIFO could be made). */
  replacement?: StartedProcess;
}

class Launcher {
  private readonly child: ChildProcessByStdio<Writable, Readable, null>;
  private readonly folder: string;
  private readonly launches = new Map<number, Launch>();
  private readonly freeFifos: string[] = [];
  private nextId = 1;
  private fifoCount = 0;
  private pending = '';
  private retired = false;
  dead = false;
  /** Its folder cannot hold FIFOs: programs are started by Node's spawn. */
  noFifos = false;

  constructor(readonly environment: string) {
    this.folder = mkdtempSync(join(tmpdir(), 'parascad-launcher-'));
    this.child = spawn(
      findBash() ?? 'bash',
      ['--noprofile', '--norc', '-c', launcherScript, 'launcher', this.folder],
      {
        // Unmarked: the orphan watchdog kills the marked programs, after which the launcher sees
        // its input close, waits for what is left of them and removes its FIFO folder itself.
        stdio: ['pipe', 'pipe', 'ignore'],
        detached: true,
      },
    );
    // Once bash is gone, or its input broke, it takes no new programs; when its output has
    // closed, the programs it never reported on are killed and reported killed.
    const stop = (): void => {
      this.dead = true;
    };
    this.child.on('error', stop);
    this.child.on('exit', stop);
    this.child.stdin.on('error', stop);
    this.child.on('close', () => {
      this.dead = true;
      this.failUnreported();
      // Bash removes it when it ends well; not when it was killed.
      rmSync(this.folder, { recursive: true, force: true });
    });
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.read(chunk);
    });
    this.child.unref();
    this.refWhileBusy();
  }

  idle(): boolean {
    return this.launches.size === 0;
  }

  launch(request: StartRequest, events: ProcessEvents): StartedProcess {
    const id = this.nextId++;
    // A FIFO from an earlier part, unless it cannot be opened any more (a cleaner removed it).
    let reused = this.freeFifos.pop();
    let ends: FifoEnds | undefined;
    if (reused !== undefined) {
      try {
        ends = openFifo(reused);
      } catch {
        removeFileSync(reused);
        reused = undefined;
      }
    }
    const fifo = reused ?? join(this.folder, `${++this.fifoCount}`);
    const launch: Launch = {
      id,
      request,
      events,
      fifo,
      spoiled: false,
      asked: false,
      outputDone: false,
    };
    this.launches.set(id, launch);
    this.refWhileBusy();
    if (ends !== undefined) this.readOutput(launch, ends);
    const marks = [
      ...Object.entries(request.env ?? {}),
      [runMarkName, currentRunMark()],
      [partMarkName, request.partMark],
    ]
      .map(([name, value]) => `${name}=${quote(value ?? '')}`)
      .join(' ');
    const program = [request.command, ...request.args].map(quote).join(' ');
    const start = `if exec {o}>${quote(fifo)}; then ${marks} ${program} </dev/null >&$o 2>&1 {o}>&- & exec {o}>&-; builtin echo "S ${id} $!"; else builtin echo "X ${id} fifo"; fi`;
    // A new FIFO is made first (and said so); a reused one is open already.
    const makeFifo =
      reused === undefined
        ? `elif ! mkfifo -m 600 -- ${quote(fifo)} 2>/dev/null; then builtin echo "X ${id} fifo"; else builtin echo "M ${id}"; `
        : 'else ';
    const command = `if ! builtin cd -- ${quote(request.cwd ?? process.cwd())} 2>/dev/null; then builtin echo "X ${id} cwd"; ${makeFifo}${start}; fi`;
    // Never dead here: launchProcess hands parts only to a live launcher. Should bash die before
    // it reads this command, its closing reports the part (failUnreported).
    this.send(command);
    return {
      abandonOutput: () => {
        launch.spoiled = true;
        launch.reader?.destroy();
        launch.replacement?.abandonOutput();
      },
    };
  }

  /**
   * Ends the launcher once the programs it runs have been reported on (their exit statuses are
   * asked of it); it removes its FIFOs itself.
   */
  retire(): void {
    this.retired = true;
    this.endInputOnceIdle();
  }

  /** One command for bash, as the protocol above sends it. */
  private send(command: string): void {
    // A character beyond ASCII would make the length in characters bash counts another number.
    if (!printableAscii.test(command)) throw new Error(`not printable ASCII: ${command}`);
    this.child.stdin.write(`${String(command.length).padStart(8, '0')}${command}`);
  }

  private readOutput(launch: Launch, ends: FifoEnds): void {
    launch.reader = ends.reader;
    launch.writeFd = ends.writeFd;
    ends.reader.setEncoding('utf8');
    ends.reader.on('data', launch.events.output);
    ends.reader.on('error', () => {
      launch.spoiled = true;
    });
    ends.reader.on('close', () => {
      this.outputEnded(launch);
    });
  }

  private read(chunk: string): void {
    const lines = (this.pending + chunk).split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) {
      const [kind, idText, value] = line.split(' ');
      const launch = this.launches.get(Number(idText));
      if (launch === undefined) continue;
      if (kind === 'M') this.fifoMade(launch);
      else if (kind === 'S') this.started(launch, Number(value));
      else if (kind === 'E') this.exited(launch, Number(value));
      else if (kind === 'X') this.notStarted(launch, value ?? '');
    }
  }

  private fifoMade(launch: Launch): void {
    try {
      this.readOutput(launch, openFifo(launch.fifo));
    } catch {
      // Nothing can read it (no file descriptor left): bash, blocked opening it for writing
      // until a reader comes, would wait forever; a moment's read-write open is such a reader
      // and releases it, and the program is killed as soon as its pid is known.
      launch.spoiled = true;
      try {
        closeSync(openSync(launch.fifo, constants.O_RDWR));
      } catch {
        // Nothing more can be done from here.
      }
    }
  }

  private started(launch: Launch, pid: number): void {
    launch.pid = pid;
    // The program holds the FIFO now: the read side may end when it and its children let go.
    this.closeWriteEnd(launch);
    launch.events.started(pid);
    if (launch.reader === undefined) killLeftovers(pid, launch.request.partMark);
    this.pollLater(launch, idlePollMs);
  }

  private outputEnded(launch: Launch): void {
    launch.outputDone = true;
    if (launch.status !== undefined) {
      this.finish(launch);
      return;
    }
    // Usually the program has just exited; it becomes a zombie a moment after its files close.
    clearTimeout(launch.pollTimer);
    this.poll(launch, 1);
  }

  /**
   * Asks bash for the exit status once the program has ended — never sooner, since `wait` on a
   * running program would hold up every other part's start — and looks again later otherwise.
   */
  private poll(launch: Launch, nextMs: number): void {
    if (launch.asked || launch.pid === undefined) return;
    if (programEnded(launch.pid)) {
      launch.asked = true;
      this.send(`wait ${launch.pid}; builtin echo "E ${launch.id} $?"`);
    } else {
      this.pollLater(launch, nextMs);
    }
  }

  private pollLater(launch: Launch, delayMs: number): void {
    clearTimeout(launch.pollTimer);
    const next = launch.outputDone ? Math.min(delayMs * 2, idlePollMs) : idlePollMs;
    launch.pollTimer = setTimeout(() => {
      this.poll(launch, next);
    }, delayMs).unref();
  }

  private exited(launch: Launch, status: number): void {
    const signal = status > 128 ? signalNames.get(status - 128) : undefined;
    launch.status =
      signal === undefined ? { exitCode: status, signal: null } : { exitCode: null, signal };
    launch.events.exited(launch.status.exitCode, launch.status.signal);
    if (launch.outputDone || launch.reader === undefined) this.finish(launch);
  }

  /** Its status is known: finish now if its output has ended, else end the output (then finish). */
  private endOutput(launch: Launch): void {
    if (launch.reader === undefined || launch.outputDone) this.finish(launch);
    else launch.reader.destroy();
  }

  /** A retired launcher's input ends once nothing it started is left to report on. */
  private endInputOnceIdle(): void {
    if (this.retired && this.idle()) this.child.stdin.end();
  }

  private notStarted(launch: Launch, reason: string): void {
    launch.spoiled = true;
    if (reason === 'fifo') {
      // A temporary folder without FIFOs (some network or FUSE file systems): this launcher
      // starts nothing more, and this program is started by Node's spawn instead.
      this.noFifos = true;
      this.launches.delete(launch.id);
      this.closeWriteEnd(launch);
      launch.reader?.destroy();
      removeFileSync(launch.fifo);
      launch.replacement = spawnDirectly(launch.request, launch.events);
      this.refWhileBusy();
      this.endInputOnceIdle();
      return;
    }
    launch.events.failed(
      new Error(`spawn ${launch.request.command} ENOENT: its working folder does not exist`),
    );
    launch.status = { exitCode: null, signal: null };
    this.closeWriteEnd(launch);
    this.endOutput(launch);
  }

  private closeWriteEnd(launch: Launch): void {
    if (launch.writeFd === undefined) return;
    closeSync(launch.writeFd);
    launch.writeFd = undefined;
  }

  /** The program ended and its output closed: the part hears of it, and the FIFO is reused. */
  private finish(launch: Launch): void {
    if (!this.launches.delete(launch.id)) return;
    clearTimeout(launch.pollTimer);
    this.closeWriteEnd(launch);
    if (launch.spoiled || launch.reader === undefined || this.dead) {
      removeFileSync(launch.fifo);
    } else {
      this.freeFifos.push(launch.fifo);
    }
    const status = launch.status ?? { exitCode: null, signal: null };
    launch.events.closed(status.exitCode, status.signal);
    this.refWhileBusy();
    this.endInputOnceIdle();
  }

  /**
   * Everything the launcher will ever say has been read (bash ended or was killed): programs it
   * never reported as ended are killed and reported so, not left running.
   */
  private failUnreported(): void {
    for (const launch of [...this.launches.values()]) {
      launch.spoiled = true;
      if (launch.status === undefined) {
        if (launch.pid === undefined) {
          launch.events.failed(new Error('the process launcher (bash) ended'));
          launch.status = { exitCode: null, signal: null };
        } else {
          killLeftovers(launch.pid, launch.request.partMark);
          launch.status = { exitCode: null, signal: 'SIGKILL' };
          launch.events.exited(null, 'SIGKILL');
        }
      }
      this.closeWriteEnd(launch);
      this.endOutput(launch);
    }
  }

  /** The launcher's output keeps parascad running only while it has programs to report on. */
  private refWhileBusy(): void {
    // A pipe from spawn is a net.Socket, whose type the child's stdio does not say.
    const output = this.child.stdout as unknown as { ref?: () => void; unref?: () => void };
    if (this.launches.size > 0) output.ref?.();
    else output.unref?.();
  }
}

interface FifoEnds {
  readonly reader: Socket;
  readonly writeFd: number;
}

/**
 * Opens a FIFO for reading without waiting for a writer, and for writing, so that the read side
 * does not end before the program holds it.
 */
function openFifo(path: string): FifoEnds {
  const readFd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const writeFd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
    return { reader: new Socket({ fd: readFd, readable: true, writable: false }), writeFd };
  } catch (error) {
    closeSync(readFd);
    throw error;
  }
}

/**
 * How often a running program is looked at: how soon its end is noticed while something it left
 * still holds its output (otherwise the output's end says when to look).
 */
const idlePollMs = 100;

/** Whether a program bash started has ended: reaped (gone), or a zombie about to be. */
function programEnded(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat[stat.lastIndexOf(')') + 2] === 'Z';
  } catch {
    return true;
  }
}
