import { spawnSync } from 'node:child_process';

/**
 * Says once, at the top of the test run, when the tests that need the native `openscad` will be
 * skipped, so that a green run without it is not mistaken for a full one.
 */
export default function announceNativeOpenScad(): void {
  const probe = spawnSync('openscad', ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.status === 0) return;
  const required = process.env['PARASCAD_REQUIRE_NATIVE'] === '1';
  process.stderr.write(
    required
      ? '\nparascad tests: PARASCAD_REQUIRE_NATIVE=1 but the native openscad does not run: its tests will fail.\n\n'
      : '\nparascad tests: no native openscad on PATH — the tests that need it are SKIPPED (their names say so).\n' +
          'Install it (Debian: apt-get install openscad openscad-mcad) or set PARASCAD_REQUIRE_NATIVE=1 to make them fail.\n\n',
  );
}
