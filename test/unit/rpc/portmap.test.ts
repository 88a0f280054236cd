import { afterEach, describe, expect, it } from 'vitest';
import { RpcClient } from '../../../src/rpc/client.js';
import { IPPROTO, pmapGetPort, PMAP_PROGRAM, PMAP_VERSION, PmapProc } from '../../../src/rpc/portmap.js';
import { ProtocolError } from '../../../src/errors.js';
import { tcpConnector } from '../../../src/transport/connector.js';
import { seededEntropy } from '../../../src/transport/entropy.js';
import { TestRpcServer, type ServerCall } from './rpc-server.js';

/** prog/vers/prot -> port, as rpcbind would hold it. */
const REGISTERED = new Map([
  ['100003/4/6', 2049],
  ['100005/3/6', 20048],
  ['100005/3/17', 20049],
]);

let server: TestRpcServer | undefined;
let client: RpcClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = server = undefined;
});

async function portmapper(answer: (call: ServerCall) => void): Promise<{ srv: TestRpcServer; pm: RpcClient }> {
  const srv = (server = await TestRpcServer.start(answer));
  const pm = (client = await RpcClient.open(tcpConnector, { host: '127.0.0.1', port: srv.port, timeoutMs: 5000, entropy: seededEntropy('pmap') }));
  return { srv, pm };
}

function rpcbind(call: ServerCall): void {
  const [prog, vers, prot, port] = [call.args.uint(), call.args.uint(), call.args.uint(), call.args.uint()];
  expect(port).toBe(0);
  call.succeed((w) => w.uint(REGISTERED.get(`${prog}/${vers}/${prot}`) ?? 0));
}

describe('PMAPPROC_GETPORT (RFC 1833 3.2)', () => {
  it('asks program 100000 version 2 procedure 3 with AUTH_NONE, and reads the port', async () => {
    const { srv, pm } = await portmapper(rpcbind);
    expect(await pmapGetPort(pm, 100003, 4)).toBe(2049);
    expect(await pmapGetPort(pm, 100005, 3, 'udp')).toBe(20049);
    expect(await pmapGetPort(pm, 100005, 1)).toBe(0);
    const first = srv.calls[0].call;
    expect(first).toMatchObject({ prog: PMAP_PROGRAM, vers: PMAP_VERSION, proc: PmapProc.GETPORT, cred: { flavor: 0 } });
    expect(srv.calls[1].args.reader.buf.subarray(-16).toString('hex')).toBe('000186a5' + '00000003' + '00000011' + '00000000');
    expect(IPPROTO.udp).toBe(17);
  });

  it('rejects a port number over 65535 as a ProtocolError', async () => {
    const { pm } = await portmapper((c) => c.succeed((w) => w.uint(70000)));
    await expect(pmapGetPort(pm, 100003, 4)).rejects.toBeInstanceOf(ProtocolError);
    await expect(pmapGetPort(pm, 100003, 4)).rejects.toMatchObject({ code: 'EPROTO', message: expect.stringContaining('PMAP GETPORT answered port 70000') });
  });

  it('rejects results cut short as a ProtocolError', async () => {
    const { pm } = await portmapper((c) => c.succeed());
    await expect(pmapGetPort(pm, 100003, 4)).rejects.toMatchObject({ name: 'ProtocolError', code: 'EPROTO' });
  });

  it('names the call in a timeout', async () => {
    const { pm } = await portmapper(() => undefined);
    await expect(pmapGetPort(pm, 100003, 4, 'tcp', { timeoutMs: 50 })).rejects.toMatchObject({ code: 'ETIMEDOUT', detail: 'PMAP GETPORT: no reply within 50 ms' });
  });
});
