import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcessTree } from '../../../src/engines/native/run-process-tree.js';
import { eventually, isRunning } from '../../support/fake-engine.js';
import { useScriptFolder } from '../../support/script-folder.js';

const scripts = useScriptFolder('parascad-launcher-test-');
const script = scripts.script;

const never = new AbortController().signal;

/** Prints each argument between angle brackets, then the name of the process that started it. */
const echoArguments = `for a in "$@"; do printf '<%s>\\n' "$a"; done\necho "parent: $(cat /proc/$PPID/comm)"`;

describe.skipIf(process.platform !== 'linux')('the process launcher', () => {
  it('passes arguments exactly as given, with no shell interpreting them', async () => {
    const program = await script(echoArguments);
    const marker = join(scripts.dir, 'must-not-exist');
    const args = [
      "it's",
      '$HOME',
      '`id`',
      `$(touch ${marker})`,
      'a;b && c | d',
      '"quoted"',
      '*',
      '  spaced  ',
      '',
      'back\\slash',
      '-D',
      'name="a value"',
    ];
    const run = await runProcessTree(program, args, { signal: never });
    expect(run.exitCode).toBe(0);
    expect(run.console).toBe(`${args.map((arg) => `<${arg}>\n`).join('')}parent: bash\n`);
    await expect(readFile(marker)).rejects.toThrow();
  });

  it('passes newlines, control characters and text beyond ASCII through bash too, byte for byte', async () => {
    const unusual = join(scripts.dir, 'Ünïcødé 部品 ✓');
    await mkdir(unusual);
    const program = await script(`${echoArguments}\necho "folder $(pwd)"`);
    const args = [
      'two\nlines',
      'tab\there',
      '\u00e9t\u00e9 \u{1f600}',
      "\x1b[31m'\\x41",
      '\r\n\u007f',
    ];
    // Twice: the second command follows the first on bash's input, so a length that counted
    // characters another way than bash would misplace it.
    for (let round = 0; round < 2; round += 1) {
      const run = await runProcessTree(program, args, { signal: never, cwd: unusual });
      expect(run.exitCode).toBe(0);
      expect(run.console).toBe(
        `${args.map((arg) => `<${arg}>\n`).join('')}parent: bash\nfolder ${unusual}\n`,
      );
    }
  });

  it('passes a long argument whole (120 KB, four times that once quoted)', async () => {
    const program = await script(
      'printf %s "$1" | wc -c; printf %s "$1" | sha256sum; echo "parent: $(cat /proc/$PPID/comm)"',
    );
    const long = '\u00e9'.repeat(60_000);
    const run = await runProcessTree(program, [long], { signal: never });
    const digest = createHash('sha256').update(long).digest('hex');
    expect(run.console).toBe(`120000\n${digest}  -\nparent: bash\n`);
  });

  it('starts the program as the leader of its own process group, with the marks, default INT and QUIT, and stdin from /dev/null', async () => {
    const program = await script(
      [
        'echo "pid $$ group $(cut -d" " -f5 /proc/$$/stat)"',
        'grep SigIgn /proc/$$/status',
        'echo "stdin $(readlink /proc/$$/fd/0)"',
        'echo "marks $PARASCAD_RUN $PARASCAD_PART"',
        'echo "folder $(pwd)"',
      ].join('\n'),
    );
    let startedPid: number | undefined;
    const run = await runProcessTree(program, [], {
      signal: never,
      cwd: scripts.dir,
      onStarted: (pid) => {
        startedPid = pid;
        return undefined;
      },
    });
    const [, pid, group] = /pid (\d+) group (\d+)/.exec(run.console) ?? [];
    expect(pid).toBe(String(startedPid));
    expect(group).toBe(pid);
    const ignored = BigInt(`0x${/SigIgn:\s*([0-9a-f]+)/.exec(run.console)?.[1] ?? 'ff'}`);
    // Bits 2 and 3 of the mask: SIGINT and SIGQUIT, which a shell's background jobs ignore.
    expect(ignored & 0x6n).toBe(0n);
    expect(run.console).toContain('stdin /dev/null');
    expect(run.console).toMatch(/marks \d+-[0-9a-f]+ [0-9a-f]{16}\n/);
    expect(run.console).toContain(`folder ${scripts.dir}`);
  });

  it("starts the program with Node's spawn when the launcher cannot make its temporary folder", async () => {
    const program = await script(echoArguments);
    const notAFolder = join(scripts.dir, 'not-a-folder');
    await writeFile(notAFolder, '');
    const before = process.env.TMPDIR;
    try {
      process.env.TMPDIR = notAFolder;
      const run = await runProcessTree(program, ['x'], { signal: never });
      expect(run).toMatchObject({ exitCode: 0, console: '<x>\nparent: node\n' });
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
    expect((await runProcessTree(program, ['y'], { signal: never })).console).toBe(
      '<y>\nparent: bash\n',
    );
  });

  it('reports a working folder that does not exist as a failure to start', async () => {
    const program = await script('echo ran');
    const run = await runProcessTree(program, [], {
      signal: never,
      cwd: join(scripts.dir, 'no-such-folder'),
    });
    expect(run.spawnError?.message).toContain('ENOENT');
    expect(run.console).toBe('');
  });

  it('keeps apart the output of programs running at once, and of one program and the next', async () => {
    const program = await script('i=0; while [ $i -lt 300 ]; do echo "$1"; i=$((i+1)); done');
    for (let round = 0; round < 2; round++) {
      const runs = await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          runProcessTree(program, [`part-${round}-${index}`], { signal: never }),
        ),
      );
      runs.forEach((run, index) => {
        expect(run.exitCode).toBe(0);
        expect(run.console).toBe(`part-${round}-${index}\n`.repeat(300));
      });
    }
  });

  it('reports an exit status and the signal that killed a program', async () => {
    const failing = await runProcessTree(await script('echo bad >&2; exit 7'), [], {
      signal: never,
    });
    expect(failing).toMatchObject({ exitCode: 7, signal: null, console: 'bad\n' });
    const killed = await runProcessTree(await script('kill -ABRT $$'), [], { signal: never });
    expect(killed).toMatchObject({ exitCode: null, signal: 'SIGABRT' });
  });

  it('gives programs the environment as it is now, not as it was when the launcher started', async () => {
    const program = await script('echo "value $PARASCAD_TEST_VALUE"');
    try {
      process.env.PARASCAD_TEST_VALUE = 'one';
      expect((await runProcessTree(program, [], { signal: never })).console).toBe('value one\n');
      process.env.PARASCAD_TEST_VALUE = 'two';
      expect((await runProcessTree(program, [], { signal: never })).console).toBe('value two\n');
    } finally {
      delete process.env.PARASCAD_TEST_VALUE;
    }
  });

  it('when the launcher dies under a running program, kills it, reports it killed, and starts the next with a new one', async () => {
    const pids = join(scripts.dir, 'orphaned.pids');
    const program = await script(`echo $$ >> ${pids}\nexec sleep 1000`);
    const running = runProcessTree(program, [], { signal: never });
    expect(
      await eventually(async () => (await readFile(pids, 'utf8').catch(() => '')) !== ''),
    ).toBe(true);
    const pid = Number((await readFile(pids, 'utf8')).trim());
    const launcher = Number(
      readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1],
    );
    expect(readFileSync(`/proc/${launcher}/comm`, 'utf8').trim()).toBe('bash');
    const fifoFolder = readFileSync(`/proc/${launcher}/cmdline`, 'utf8').split('\0').at(-2) ?? '';
    expect(fifoFolder).toContain('parascad-launcher-');
    process.kill(launcher, 'SIGKILL');
    const run = await running;
    expect(run.signal).toBe('SIGKILL');
    expect(await eventually(() => !isRunning(pid))).toBe(true);
    // Bash removes its FIFO folder when it ends; killed, parascad does.
    await expect(readdir(fifoFolder)).rejects.toThrow();
    const next = await runProcessTree(await script('echo next'), [], { signal: never });
    expect(next).toMatchObject({ exitCode: 0, console: 'next\n' });
  });
});
