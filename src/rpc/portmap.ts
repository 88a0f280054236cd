// The portmapper, program 100000 version 2 (RFC 1833 3): enough to find the port of a
// program (MOUNT, NFSv3 for the benchmarks' anchors) on a host running rpcbind.
import { ProtocolError } from '../errors.js';
import { DecodeError } from '../wire/errors.js';
import type { Reader } from '../wire/reader.js';
import { AUTH_NONE } from './auth.js';
import type { CallOptions, RpcClient } from './client.js';
import { XdrReader } from './xdr.js';

export const PMAP_PROGRAM = 100000;
export const PMAP_VERSION = 2;
/** The well-known port of the portmapper (and rpcbind). */
export const PMAP_PORT = 111;
/** PMAPPROC_* (RFC 1833 3.2) */
export const PmapProc = { NULL: 0, SET: 1, UNSET: 2, GETPORT: 3, DUMP: 4, CALLIT: 5 } as const;
/** mapping.prot */
export const IPPROTO = { tcp: 6, udp: 17 } as const;

/**
 * PMAPPROC_GETPORT: the port on which `prog` version `vers` listens over `protocol`, or 0
 * when it is not registered.
 */
export async function pmapGetPort(client: RpcClient, prog: number, vers: number, protocol: keyof typeof IPPROTO = 'tcp', opts: CallOptions = {}): Promise<number> {
  const results = await client.call(
    PMAP_PROGRAM,
    PMAP_VERSION,
    PmapProc.GETPORT,
    AUTH_NONE,
    (w) => w.uint(prog).uint(vers).uint(IPPROTO[protocol]).uint(0),
    { what: 'PMAP GETPORT', ...opts },
  );
  try {
    return decodeGetPortResult(results);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    throw new ProtocolError(`bad PMAP GETPORT reply from ${client.where}: ${e.message}`, e.offset, { protocol: 'rpc' });
  }
}

/** GETPORT's result: an unsigned int that must be a port number. */
export function decodeGetPortResult(results: Reader): number {
  const at = results.absolute;
  const port = new XdrReader(results).uint();
  if (port > 0xffff) throw new DecodeError(`PMAP GETPORT answered port ${port}`, at);
  return port;
}
