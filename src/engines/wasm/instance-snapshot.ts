import { posix } from 'node:path';
import type { EmscriptenFs, OpenScadModule } from './load-openscad-factory.js';

/** Folders of the Emscripten runtime that are devices, not files a part writes. */
const deviceFolders = new Set(['/dev', '/proc']);

/**
 * An OpenSCAD instance as it was before its first part, to which it can be put back, so that the
 * next part runs in the same state as in a fresh instance without paying for one (measured on
 * one-cube parts: ~12 ms of instantiation and C++ start-up a part, and the garbage collection of
 * the instances thrown away, against ~2 ms for a reset).
 *
 * All of OpenSCAD's state is in the instance's memory (its C++ globals, caches, heap and stack),
 * except the C stack pointer and the file system, which the glue keeps in JavaScript. A reset
 * copies the memory back, restores the stack pointer, removes every file and folder created since
 * (so a part sees only the files it was given, as in a fresh instance), closes the files left
 * open and goes back to the first current folder. An instance whose memory grew is not reset: a copy would leave the grown memory dirty and
 * resident, and its size is how a part's peak memory is measured.
 */
export class InstanceSnapshot {
  private readonly memory: Uint8Array;
  private readonly stackPointer: number;
  private readonly paths: ReadonlyMap<string, number>;
  private readonly openFiles: number;
  private readonly folder: string;

  /** Takes the snapshot: call it after the instance started, before a part's files are written. */
  constructor(private readonly instance: OpenScadModule) {
    this.memory = instance.HEAPU8.slice();
    this.stackPointer = instance.stackSave();
    this.paths = listFiles(instance.FS);
    this.openFiles = instance.FS.streams.length;
    this.folder = instance.FS.cwd();
  }

  /**
   * Puts the instance back as it was when the snapshot was taken. Returns false, changing
   * nothing, when that is not possible (its memory grew, or a file of the snapshot was changed or
   * removed): the instance must then be thrown away.
   */
  restore(): boolean {
    const { instance } = this;
    const fs = instance.FS;
    if (instance.HEAPU8.length !== this.memory.length) return false;
    const now = listFiles(fs);
    for (const [path, modified] of this.paths) {
      if (now.get(path) !== modified) return false;
    }
    fs.streams.forEach((stream, descriptor) => {
      if (stream !== null && stream !== undefined && descriptor >= this.openFiles) fs.close(stream);
    });
    // Out of the part's folder first: the current folder cannot be removed.
    fs.chdir(this.folder);
    // Deepest first: a folder is empty once its files are gone.
    const created = [...now.keys()].filter((path) => !this.paths.has(path)).reverse();
    for (const path of created) {
      if (now.get(path) === -1) fs.rmdir(path);
      else fs.unlink(path);
    }
    instance.HEAPU8.set(this.memory);
    instance.stackRestore(this.stackPointer);
    return true;
  }
}

/**
 * Every file and folder below `/` (devices left out), parents before children, with the time a
 * file was last written (folders: -1, as writing a part's files into an existing folder such as
 * `/tmp` changes the folder's time but nothing a later part would see).
 */
function listFiles(fs: EmscriptenFs): Map<string, number> {
  const files = new Map<string, number>();
  const visit = (folder: string): void => {
    for (const name of fs.readdir(folder)) {
      if (name === '.' || name === '..') continue;
      const path = posix.join(folder, name);
      if (deviceFolders.has(path)) continue;
      const { mode, mtime } = fs.lstat(path);
      const isFolder = fs.isDir(mode);
      files.set(path, isFolder ? -1 : mtime.getTime());
      if (isFolder) visit(path);
    }
  };
  visit('/');
  return files;
}
