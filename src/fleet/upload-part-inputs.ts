import { readFile } from 'node:fs/promises';
import type { PartJob } from '../job/part-job.js';
import { blobDigest, type BlobStore } from './blob-store.js';
import { hostInputPath } from './host-input-path.js';

export interface UploadPartInputsOptions {
  readonly blobs: BlobStore;
  readonly root: string;
  readonly libraryPaths: readonly string[];
  /** Uploads of this run by digest: many parts share their includes, sent once. */
  readonly uploaded: Map<string, Promise<void>>;
}

/**
 * Puts a part's input files into the fleet's blob store (a content the store already holds is
 * not sent again). A file whose content no longer matches the digest the job was built with
 * changed during the run: that is an error, not something to render from.
 */
export async function uploadPartInputs(
  work: PartJob,
  options: UploadPartInputsOptions,
): Promise<void> {
  await Promise.all(
    Object.entries(work.inputs).map(([path, digest]) => {
      if (digest === null) return Promise.resolve();
      let upload = options.uploaded.get(digest);
      if (upload === undefined) {
        upload = (async () => {
          const file = hostInputPath(options.root, options.libraryPaths, path);
          const bytes = await readFile(file);
          if (blobDigest(bytes) !== digest) {
            throw new Error(`${file} changed while the run was being prepared; run again`);
          }
          await options.blobs.put(bytes);
        })();
        // A failed upload is tried again by the next part that needs it.
        upload.catch(() => options.uploaded.delete(digest));
        options.uploaded.set(digest, upload);
      }
      return upload;
    }),
  );
}
