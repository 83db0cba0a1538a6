/** Whether parascad runs in a GitHub Actions job (which sets `GITHUB_ACTIONS=true`). */
export function inGithubActions(env: NodeJS.ProcessEnv): boolean {
  return env['GITHUB_ACTIONS'] === 'true';
}
