import { stat } from 'node:fs/promises';

/** Whether a regular file exists at this path (a folder or a missing path is not one). */
export async function isFileOnDisk(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
