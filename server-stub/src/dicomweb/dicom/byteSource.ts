import { open, type FileHandle } from 'node:fs/promises';

/** Random access to the bytes of one stored file, so nothing needs the whole file in memory. */
export interface ByteSource {
  readonly size: number;
  /** Exactly `length` bytes from `offset`; throws if the source is shorter. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

export function memoryByteSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.byteLength,
    async read(offset, length) {
      if (offset < 0 || offset + length > bytes.byteLength) throw new RangeError('read past the end of the data');
      return bytes.subarray(offset, offset + length);
    },
  };
}

export interface FileByteSource extends ByteSource {
  close(): Promise<void>;
}

export async function openFileByteSource(path: string): Promise<FileByteSource> {
  const handle: FileHandle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    async read(offset, length) {
      if (offset < 0 || offset + length > size) throw new RangeError('read past the end of the file');
      const buffer = Buffer.allocUnsafe(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
        if (bytesRead === 0) throw new RangeError('file shrank while reading');
        done += bytesRead;
      }
      return buffer;
    },
    close: () => handle.close(),
  };
}
