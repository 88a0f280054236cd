// One read or write of a FileHandle split into requests of at most `max` bytes, all sent at
// once (the protocol's credits or slots pace them), for the protocols' handles.

/** Reads length bytes as pieces of at most max; the count read, which stops at the first short piece (end of file). */
export async function readInPieces(length: number, max: number, piece: (done: number, n: number) => Promise<number>): Promise<number> {
  const pieces: Promise<number>[] = [];
  for (let done = 0; done < length; done += max) pieces.push(piece(done, Math.min(max, length - done)));
  const counts = await Promise.all(pieces);
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    total += counts[i];
    if (counts[i] < Math.min(max, length - i * max)) break; // a short read ends the data
  }
  return total;
}

/** Writes data as pieces of at most max (an empty write is one empty piece). */
export async function writeInPieces(data: Buffer, max: number, piece: (chunk: Buffer, done: number) => Promise<void>): Promise<void> {
  const pieces: Promise<void>[] = [];
  for (let done = 0; done < data.length || done === 0; done += max) {
    pieces.push(piece(data.subarray(done, done + max), done));
    if (data.length === 0) break;
  }
  await Promise.all(pieces);
}
