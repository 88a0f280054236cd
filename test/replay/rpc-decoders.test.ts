// Runs every ONC RPC record of the NFSv4 captures through src/rpc: each is cut out by the
// record-marking framer and described without throwing; calls and replies are counted and
// compared with tshark 4.0 (`tshark -r F -d tcp.port==20490,rpc --disable-protocol dlep -Y rpc
// -T json -J rpc`, tallied by msgtyp, program, version, procedure, auth flavor, gss
// procedure and service, reply_stat and accept_stat), and each record's frame, xid and
// msg_type in order (as a digest); every reply answers a call of the capture. Then every record is cut short and has bits flipped: decoding may only ever fail
// with DecodeError.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { framedMessages, loadCapture, tcpStreams, type FramedMessage } from '../../src/capture/index.js';
import { describeRpc, type RpcDescription } from '../../src/rpc/describe.js';
import { RecordMarkingFramer } from '../../src/transport/record-marking.js';
import { DecodeError } from '../../src/wire/errors.js';
import { CAPTURES_DIR } from '../support/shared.js';
import { xorshift } from '../support/xorshift.js';

interface Expected {
  /**
   * sha256 of tshark's records in order, one "FRAME XID MSGTYP" line each (`-T fields -e
   * frame.number -e rpc.xid -e rpc.msgtyp`, a frame's several records on lines of their own,
   * joined by newlines): the framer must cut each record at the frame tshark does.
   */
  sequence: string;
  /** Per key "call PROG/VERS/PROC auth=F[ gss=P/S]" or "reply R/A": how many. */
  tally: Record<string, number>;
  calls: number;
  replies: number;
}

/** tshark 4.0.17's view of each capture (see the header comment). */
const TSHARK: Record<string, Expected> = {
  'public/nfs4/nfstrace__eth-ipv4-tcp-nfsv41.pcap': {
    sequence: '4c54cd43323eb3d5d863b241841cfbb27e2c75333a3da6a8d52e19858af54d8d',
    calls: 527,
    replies: 527,
    tally: { 'call 100003/4/0 auth=0': 1, 'call 100003/4/1 auth=1': 525, 'call 1073741824/1/0 auth=1': 1, 'reply 0/0': 527 },
  },
  'public/nfs4/suricata-verify__nfs4-01.pcap': {
    sequence: '95ebbe6823ae8d2c397faf9bdd57a12c65dba63b537c1b938f37f858e0c993f3',
    calls: 33,
    replies: 33,
    tally: { 'call 100003/4/0 auth=0': 1, 'call 100003/4/1 auth=1': 31, 'call 1073741824/1/0 auth=1': 1, 'reply 0/0': 33 },
  },
  'public/nfs4/suricata-verify__nfs4-response-readdir_input.pcap': {
    sequence: '6f1ffb18a1b313371ed9c9286a01bd2e39ed6de6a2b76735646f327097aa1959',
    calls: 1,
    replies: 1,
    tally: { 'call 100003/4/1 auth=6 gss=0/1': 1, 'reply 0/0': 1 },
  },
  'public/nfs4/suricata-verify__nfs4-setclientid_input.pcap': {
    sequence: 'ca741855637c759751c7106950919a1bad4b4ec3b01f63003dd1ebedeede3bb1',
    calls: 37,
    replies: 37,
    tally: {
      'call 100003/4/0 auth=0': 1,
      'call 100003/4/0 auth=6 gss=1/1': 3,
      'call 100003/4/1 auth=6 gss=0/1': 29,
      'call 100003/4/1 auth=6 gss=0/2': 4,
      'reply 0/0': 37,
    },
  },
  'reference/nfs40-libnfs-basic.pcapng': {
    sequence: '28c3bbd9e6ee1bd3edb04f1c40106ef6eac6df794f5d5f2886c6225a944bf39f',
    calls: 23,
    replies: 23,
    tally: { 'call 100003/4/0 auth=1': 3, 'call 100003/4/1 auth=1': 20, 'reply 0/0': 23 },
  },
};
const FILES = Object.keys(TSHARK);

function recordsOf(path: string): FramedMessage[] {
  const abandoned: string[] = [];
  const records = framedMessages(tcpStreams(loadCapture(`${CAPTURES_DIR}${path}`)), (cb) => new RecordMarkingFramer(cb), {
    onAbandon: (run) => abandoned.push(`stream ${run.stream} frame ${run.frame}: ${run.error.message}`),
  });
  expect(abandoned, 'runs the framer gave up on').toEqual([]);
  return records;
}

function keyOf(d: RpcDescription): string {
  const f = d.fields;
  if (f.msg === 'reply') return `reply ${f.reply_stat}/${f.accept_stat ?? f.reject_stat}`;
  const gss = f.gss_proc === undefined ? '' : ` gss=${f.gss_proc}/${f.gss_service}`;
  return `call ${f.program}/${f.version}/${f.procedure} auth=${f.auth}${gss}`;
}

/** A small deterministic generator (xorshift32), so failures reproduce. */

/** What describeRpc threw on data, if anything; a body is read to its end too. */
function failure(data: Buffer): unknown {
  try {
    const d = describeRpc(data);
    d.body.rest();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('RPC decoders over the NFSv4 captures', () => {
  for (const path of FILES) {
    it(`${path}: every record is described; counts match tshark; every reply has its call`, () => {
      const expected = TSHARK[path];
      const tally: Record<string, number> = {};
      let calls = 0;
      let replies = 0;
      const sequence: string[] = [];
      const callsSeen = new Set<string>();
      const unanswered: string[] = [];
      for (const m of recordsOf(path)) {
        const d = describeRpc(m.data);
        tally[keyOf(d)] = (tally[keyOf(d)] ?? 0) + 1;
        sequence.push(`${m.frame} ${d.fields.xid} ${d.fields.msg === 'call' ? 0 : 1}`);
        // A call goes one way and its reply the other (the NFSv4.1 backchannel calls from the server).
        const caller = d.fields.msg === 'call' ? m.fromClient : !m.fromClient;
        const key = `stream ${m.stream} ${caller ? 'client' : 'server'} calls ${d.fields.xid}`;
        if (d.fields.msg === 'call') {
          calls++;
          callsSeen.add(key);
          // Only NULL goes without arguments, unless it carries an RPCSEC_GSS context token (INIT, CONTINUE_INIT).
          const hasArgs = d.fields.procedure !== 0 || d.fields.gss_proc === 1 || d.fields.gss_proc === 2;
          expect(d.body.length > 0, `${key}: arguments`).toBe(hasArgs);
        } else {
          replies++;
          if (!callsSeen.has(key)) unanswered.push(`frame ${m.frame}: ${key}`);
        }
      }
      expect({ calls, replies }).toEqual({ calls: expected.calls, replies: expected.replies });
      expect(tally).toEqual(expected.tally);
      expect(createHash('sha256').update(sequence.join('\n')).digest('hex'), 'frame, xid and msg_type of every record, in order').toBe(expected.sequence);
      expect(unanswered, 'replies without their call').toEqual([]);
    });
  }

  for (const path of FILES) {
    it(`${path}: cut and flipped records only ever fail with DecodeError`, () => {
      const records = recordsOf(path);
      let tried = 0;
      let failed = 0;
      records.forEach((m, index) => {
        const next = xorshift(0x9e3779b9 ^ index);
        const len = m.data.length;
        const cuts = new Set([0, 1, 4, 7, 8, 12, 24, 28, 40, len >> 1, len - 4, len - 1, next() % len].filter((c) => c >= 0 && c < len));
        for (const cut of cuts) {
          const err = failure(Buffer.from(m.data.subarray(0, cut)));
          if (err !== undefined) {
            expect(err, `${path} frame ${m.frame} cut at ${cut}`).toBeInstanceOf(DecodeError);
            failed++;
          }
          tried++;
        }
        for (let round = 0; round < 8; round++) {
          const copy = Buffer.from(m.data);
          // The RPC header is the first 40-odd bytes: flip there half the time.
          const span = round % 2 === 0 ? Math.min(len, 48) : len;
          const flips = 1 + (next() % 3);
          for (let i = 0; i < flips; i++) copy[next() % span] ^= 1 << next() % 8;
          const err = failure(copy);
          if (err !== undefined) {
            expect(err, `${path} frame ${m.frame} flip round ${round}`).toBeInstanceOf(DecodeError);
            failed++;
          }
          tried++;
        }
      });
      expect(tried).toBeGreaterThanOrEqual(records.length * 9);
      // The cuts inside the header must fail: the corpus exercises the error paths.
      expect(failed).toBeGreaterThanOrEqual(records.length * 5);
    });
  }
});
