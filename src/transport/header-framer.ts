// The loop both stream framers share: a 4-byte big-endian header, then as many bytes as it
// announces, gathered across chunks into one buffer. NetBIOS (RFC 1002 4.3.1) and ONC RPC
// record marking (RFC 5531 11) differ only in what the header means and what a body ends.

export abstract class HeaderFramer {
  private readonly head = Buffer.alloc(4);
  private headFill = 0;
  /** The body being filled, or null while a header is awaited. */
  private body: Buffer | null = null;
  private bodyFill = 0;
  /** Bytes taken from the stream so far (DecodeError offsets). */
  protected offset = 0;

  /** The buffer for the body a header announces (its length is the body's); may throw DecodeError. */
  protected abstract begin(header: number, firstByte: number): Buffer;
  /** A body is complete. */
  protected abstract end(body: Buffer): void;

  push(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.body === null) {
        const n = Math.min(4 - this.headFill, chunk.length - i);
        chunk.copy(this.head, this.headFill, i, i + n);
        this.headFill += n;
        i += n;
        this.offset += n;
        if (this.headFill < 4) return;
        this.headFill = 0;
        this.body = this.begin(this.head.readUInt32BE(0), this.head[0]);
        this.bodyFill = 0;
        if (this.body.length === 0) this.complete();
        continue;
      }
      const n = Math.min(this.body.length - this.bodyFill, chunk.length - i);
      chunk.copy(this.body, this.bodyFill, i, i + n);
      this.bodyFill += n;
      i += n;
      this.offset += n;
      if (this.bodyFill === this.body.length) this.complete();
    }
  }

  /** No header or body is half read. */
  protected get between(): boolean {
    return this.body === null && this.headFill === 0;
  }

  private complete(): void {
    const body = this.body as Buffer;
    this.body = null;
    this.end(body);
  }
}
