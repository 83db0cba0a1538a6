/** Why a part was cancelled, for reports that show the status already (a card, `<skipped>`). */
export const whyCancelled =
  'the run stopped before this part finished (Ctrl-C, or --fail-fast at a failure)';
