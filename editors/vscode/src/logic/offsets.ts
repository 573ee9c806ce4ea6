/**
 * The server reports instruction ranges in UTF-8 bytes of the text that ran; VS Code wants
 * (line, UTF-16 column). Pure conversion over the document text.
 */

export interface Pos {
  line: number;
  character: number;
}

/** Converts UTF-8 byte offsets to positions, in one pass for many offsets. */
export class ByteIndex {
  /** Byte offset at which each line starts. */
  private readonly lineBytes: number[] = [0];
  private readonly lines: string[];

  constructor(text: string) {
    this.lines = text.split('\n');
    let bytes = 0;
    for (let i = 0; i < this.lines.length - 1; i++) {
      bytes += Buffer.byteLength(this.lines[i], 'utf8') + 1;
      this.lineBytes.push(bytes);
    }
  }

  /** The position of byte `offset` (clamped to the text). */
  position(offset: number): Pos {
    let lo = 0;
    let hi = this.lineBytes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineBytes[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    const line = lo;
    let remaining = Math.max(0, offset - this.lineBytes[line]);
    const text = this.lines[line];
    let character = 0;
    for (const ch of text) {
      if (remaining <= 0) {
        break;
      }
      remaining -= Buffer.byteLength(ch, 'utf8');
      character += ch.length;
    }
    return { line, character };
  }
}
