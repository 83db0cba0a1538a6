import { randomBytes } from 'node:crypto';

/** The environment variable that marks every process a parascad run starts, and their descendants. */
export const runMarkName = 'PARASCAD_RUN';
/** The environment variable that marks the processes of one part. */
export const partMarkName = 'PARASCAD_PART';

let runMark: string | undefined;

/** This parascad process's mark, the same for every part it starts. */
export function currentRunMark(): string {
  runMark ??= `${process.pid}-${randomBytes(6).toString('hex')}`;
  return runMark;
}

/** A fresh mark for one part's processes. */
export function newPartMark(): string {
  return randomBytes(8).toString('hex');
}
