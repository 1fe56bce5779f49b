/**
 * A stream for cucumber's console formatter that masks secrets line by line before they reach the real
 * console, so error messages printed by `progress` cannot show a password or a token.
 */
import { Writable } from 'node:stream';

export class MaskingStream extends Writable {
  private pending = '';

  constructor(
    private readonly target: NodeJS.WritableStream,
    private readonly mask: (text: string) => string,
  ) {
    super({ decodeStrings: false });
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    const end = this.pending.lastIndexOf('\n');
    if (end >= 0) {
      // Whole lines only: a secret split across two writes is still seen in one piece.
      this.target.write(this.mask(this.pending.slice(0, end + 1)));
      this.pending = this.pending.slice(end + 1);
    }
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.flushPending();
    callback();
  }

  /** Writes what is left without a trailing newline (cucumber does not end its stdout stream). */
  flushPending(): void {
    if (this.pending) this.target.write(this.mask(this.pending));
    this.pending = '';
  }
}
