/** The process exit codes parascad promises. */
export const exitCodes = {
  /** Every part rendered. */
  ok: 0,
  /** At least one part failed or was cancelled. */
  partsFailed: 1,
  /** Bad usage or configuration: nothing was rendered. */
  usage: 2,
  /** Interrupted with Ctrl-C (128 + SIGINT). */
  interrupted: 130,
} as const;
