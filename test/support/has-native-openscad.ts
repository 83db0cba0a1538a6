import { spawnSync } from 'node:child_process';

/** Why the native `openscad` cannot be used, or undefined when it can. */
function probeNativeOpenScad(): string | undefined {
  const probe = spawnSync('openscad', ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.error !== undefined) {
    return (probe.error as NodeJS.ErrnoException).code === 'ENOENT'
      ? '`openscad` is not on PATH'
      : `\`openscad --version\` failed: ${probe.error.message}`;
  }
  if (probe.status !== 0) {
    return `\`openscad --version\` exited with ${probe.status ?? probe.signal ?? 'nothing'}`;
  }
  return undefined;
}

const problem = probeNativeOpenScad();

if (problem !== undefined && process.env.PARASCAD_REQUIRE_NATIVE === '1') {
  // Loading this module fails every test file that needs the native binary, instead of skipping it.
  throw new Error(`PARASCAD_REQUIRE_NATIVE=1, but the native OpenSCAD is unusable: ${problem}`);
}

/**
 * Whether tests can run the native `openscad` binary, checked once, synchronously, when the module
 * loads, so that `describe.skipIf(!hasNativeOpenScad)` can use it. With
 * `PARASCAD_REQUIRE_NATIVE=1` an unusable binary makes loading this module throw, so those tests
 * fail instead of being skipped.
 */
export const hasNativeOpenScad: boolean = problem === undefined;

/**
 * Why native tests are skipped, ready to append to a test or suite name (`"(skipped: `openscad` is
 * not on PATH)"`); empty when the binary is usable.
 */
export const nativeSkipReason: string = problem === undefined ? '' : `(skipped: ${problem})`;
