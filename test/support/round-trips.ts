// Round trips as a client counts them (DESIGN.md, "Round trips"): each message sent is one.

/** A client that counts the messages it sends (Smb2FileSystem, Nfs4FileSystem). */
export interface CountsMessages {
  readonly messagesSent: number;
}

/** Runs op and says how many messages fs sent meanwhile. */
export async function countMessages<T>(fs: CountsMessages, op: () => Promise<T>): Promise<{ value: T; messages: number }> {
  const before = fs.messagesSent;
  const value = await op();
  return { value, messages: fs.messagesSent - before };
}
