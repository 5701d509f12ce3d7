import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { assertSafeKey, ObjectStorage } from './object-storage';

/** The default: files under a data folder, written atomically (temp file + rename). */
export class LocalDiskStorage extends ObjectStorage {
  constructor(private readonly root: string) {
    super();
  }

  private file(key: string): string {
    assertSafeKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, body: Buffer): Promise<void> {
    const target = this.file(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await fs.writeFile(tmp, body, { mode: 0o640 });
    await fs.rename(tmp, target);
  }

  get(key: string): Promise<Buffer> {
    return fs.readFile(this.file(key));
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.file(key), { force: true });
  }
}
