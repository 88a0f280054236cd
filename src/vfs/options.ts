import type { Connector } from '../transport/connector.js';
import type { Entropy } from '../transport/entropy.js';

/** What every protocol's connect understands; each protocol adds its own options. */
export interface CommonConnectOptions {
  /** Password when the URL has none. */
  password?: string;
  /** Per-request timeout in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Opens the byte stream; default TCP. Tests hand in a replay. */
  connector?: Connector;
  /** Random and time inputs; default the system's. A seeded one makes a session reproducible. */
  entropy?: Entropy;
  signal?: AbortSignal;
  /** Owner, group and permission bits to report where the server has no Unix ones (as mount.cifs uid=, gid=, file_mode=, dir_mode=). */
  uid?: number;
  gid?: number;
  fileMode?: number;
  dirMode?: number;
}
