import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rm, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { openFileByteSource, type FileByteSource } from '../../dicomweb/dicom/byteSource.js';

/** A file being received: bytes go to a temporary file, hashed on the way. */
export interface TempFile {
  readonly path: string;
  write(chunk: Uint8Array): Promise<void>;
  /** Flushes to disk (fsync) and closes; the file can then be read or committed. */
  finish(): Promise<{ sha256: string; size: number }>;
  /** Deletes the temporary file (safe to call at any point, more than once). */
  discard(): Promise<void>;
}

/**
 * Part 10 files, byte for byte, content-addressed by SHA-256 under `objects/`. Files arrive in
 * `tmp/`, are fsynced, then renamed into place, so a crash never leaves a half file where a
 * reader could find it. Identical bytes land on the same key, which makes re-storing idempotent.
 */
export interface DicomFileStore {
  createTemp(): Promise<TempFile>;
  /** Moves a finished temp file into the store; returns its key. */
  commit(temp: TempFile, sha256: string): Promise<string>;
  remove(key: string): Promise<void>;
  /** Reads a finished temp file (to validate it before commit). */
  openTemp(temp: TempFile): Promise<FileByteSource>;
  openSource(key: string): Promise<FileByteSource>;
  createReadStream(key: string, range?: { start: number; end: number }): ReadStream;
}

export async function createDicomFileStore(root: string): Promise<DicomFileStore> {
  const tmpDir = join(root, 'tmp');
  // Leftovers of interrupted uploads are never referenced by the index.
  await rm(tmpDir, { recursive: true, force: true });
  await mkdir(tmpDir, { recursive: true });
  await mkdir(join(root, 'objects'), { recursive: true });
  const pathOf = (key: string) => {
    if (!/^objects\/[0-9a-f]{2}\/[0-9a-f]{64}\.dcm$/.test(key)) throw new Error('invalid storage key');
    return join(root, key);
  };

  return {
    async createTemp() {
      const path = join(tmpDir, `${randomUUID()}.part`);
      const handle = await open(path, 'wx');
      const hash = createHash('sha256');
      let size = 0;
      let closed = false;
      const close = async () => {
        if (!closed) {
          closed = true;
          await handle.close();
        }
      };
      return {
        path,
        async write(chunk) {
          hash.update(chunk);
          size += chunk.byteLength;
          let done = 0;
          while (done < chunk.byteLength) done += (await handle.write(chunk, done, chunk.byteLength - done)).bytesWritten;
        },
        async finish() {
          await handle.sync();
          await close();
          return { sha256: hash.digest('hex'), size };
        },
        async discard() {
          await close().catch(() => undefined);
          await rm(path, { force: true });
        },
      };
    },
    async commit(temp, sha256) {
      const key = `objects/${sha256.slice(0, 2)}/${sha256}.dcm`;
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      // Same name means same bytes, so replacing an existing file is harmless.
      await rename(temp.path, target);
      await syncDirectory(dirname(target));
      return key;
    },
    async remove(key) {
      await unlink(pathOf(key)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    },
    openTemp: temp => openFileByteSource(temp.path),
    openSource: key => openFileByteSource(pathOf(key)),
    createReadStream: (key, range) => createReadStream(pathOf(key), range),
  };
}

/** Makes a rename durable: the directory entry itself must reach the disk. */
async function syncDirectory(path: string) {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
