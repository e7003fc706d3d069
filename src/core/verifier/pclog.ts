// The instructions a path processed, one Int32 each: the part of the path tree that is kept for
// every step, however long the verification (4 bytes a step, against some 600 for a recorded
// state), so that visit counts and the shape of every path are known even where states are not.

export class PcLog {
  private buf = new Int32Array(16);
  length = 0;

  push(pc: number): void {
    if (this.length === this.buf.length) {
      const next = new Int32Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = pc;
  }

  /** The pcs so far, in a buffer of exactly that length (a copy). */
  toArray(): Int32Array {
    return this.buf.slice(0, this.length);
  }
}
