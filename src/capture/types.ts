/** One record of a capture file, whatever its format. */
export interface CapturedPacket {
  /** 1-based, numbered as tshark numbers frames (every packet record, in file order). */
  frame: number;
  /** Nanoseconds since the Unix epoch (0n where the format carries no timestamp, as in a pcapng SPB). */
  timestampNs: bigint;
  /** LINKTYPE_* value of the interface the packet was captured on (see link-types.ts). */
  linkType: number;
  /** The captured bytes (a view of the file's buffer: no copy). */
  data: Buffer;
  /** Length of the packet on the wire; larger than data.length when the snap length cut it. */
  origLength: number;
}
