import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A pod's block written out of memory: where it lies in the spill file. */
export interface SpilledBlock {
  readonly at: number;
  readonly bytes: number;
}

/**
 * The blocks of a report past a budget, written to a temporary file as they come and read back
 * when the report is put in order. A fleet's report is ranked worst first, so nothing can be
 * printed before the last pod is diagnosed: held in memory, 200,000 pods' JSON blocks are about
 * half a gigabyte besides everything else the replay holds. The file is removed as soon as it
 * is opened where the system allows it (it lives on through its descriptor), else when closed.
 */
export class BlockSpill {
  private fd: number | null = null;
  private path: string | null = null;
  private end = 0;
  private held = 0;

  constructor(
    /** Characters of blocks kept in memory before blocks go to the file. */
    private readonly budget: number,
  ) {}

  /** The block itself while the budget allows, else where it was written. */
  keep(block: string): string | SpilledBlock {
    if (this.held + block.length <= this.budget) {
      this.held += block.length;
      return block;
    }
    const bytes = Buffer.from(block, 'utf8');
    const fd = this.fd ?? this.open();
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written, this.end + written);
    const spilled = { at: this.end, bytes: bytes.length };
    this.end += bytes.length;
    return spilled;
  }

  read(block: string | SpilledBlock): string {
    if (typeof block === 'string') return block;
    const bytes = Buffer.allocUnsafe(block.bytes);
    let read = 0;
    while (read < block.bytes) {
      const got = readSync(this.fd as number, bytes, read, block.bytes - read, block.at + read);
      if (got === 0) throw new Error('the report spill file was cut short while it was read back');
      read += got;
    }
    return bytes.toString('utf8');
  }

  /** Closes and removes the file; the spilled blocks cannot be read after. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    if (this.path) rmSync(this.path, { recursive: true, force: true });
    this.fd = null;
    this.path = null;
  }

  private open(): number {
    const dir = mkdtempSync(join(tmpdir(), 'podmortem-report-'));
    const file = join(dir, 'blocks');
    this.fd = openSync(file, 'w+', 0o600);
    try {
      rmSync(dir, { recursive: true });
    } catch {
      // Windows keeps an open file: it goes when the spill is closed.
      this.path = dir;
    }
    return this.fd;
  }
}
