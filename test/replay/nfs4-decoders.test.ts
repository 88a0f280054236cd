// Runs every NFSv4 record of the NFSv4 captures through src/nfs4/describe: each COMPOUND
// call and reply decodes every operation's arguments or results to the record's end, and
// the operations counted over calls and replies equal tshark's (SOURCES.md for the public
// captures; `tshark -r F -d tcp.port==20490,rpc --disable-protocol dlep -Y nfs -T fields
// -e nfs.opcode` for the reference one), and so do the operations frame by frame (as a
// digest). Then every record is cut short and has bits
// flipped: decoding may only ever fail with DecodeError.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { framedMessages, loadCapture, tcpStreams, type FramedMessage } from '../../src/capture/index.js';
import { describeNfs4, type Nfs4Context, type Nfs4Fields } from '../../src/nfs4/describe.js';
import { describeRpc } from '../../src/rpc/describe.js';
import { RecordMarkingFramer } from '../../src/transport/record-marking.js';
import { DecodeError } from '../../src/wire/errors.js';
import { CAPTURES_DIR } from '../support/shared.js';
import { xorshift } from '../support/xorshift.js';

interface Expected {
  /**
   * sha256 of the operation codes frame by frame: one "OP,OP,...;" per frame that carries
   * NFSv4 operations, a frame's several COMPOUNDs joined in byte order (tshark's `-T fields
   * -e frame.number -e nfs.opcode`, frames without opcodes left out, each line + ";").
   */
  sequence: string;
  /** COMPOUND calls and replies (NULL procedures not counted). */
  compounds: number;
  /** Operations over calls and replies, by name. */
  ops: Record<string, number>;
  /**
   * Non-zero nfsstat4 values over the replies' COMPOUND and operation statuses (tshark:
   * `-T fields -e nfs.nfsstat4`, zeros left out; its nested statuses are all zero here).
   */
  failures: Record<number, number>;
}

const EXPECTED: Record<string, Expected> = {
  'public/nfs4/nfstrace__eth-ipv4-tcp-nfsv41.pcap': {
    failures: { 2: 52 },
    sequence: 'e95b0e804552dcbce2c6533741cb3c93abee3dfcdc44622aed24f154ba517186',
    compounds: 1050,
    ops: {
      SEQUENCE: 1042, PUTFH: 1040, GETATTR: 922, ACCESS: 110, GETFH: 72, OPEN: 54, SETATTR: 54, LOOKUP: 50, READDIR: 46, CLOSE: 38, REMOVE: 28, WRITE: 20,
      CREATE: 12, DELEGRETURN: 12, READ: 10, SAVEFH: 6, PUTROOTFH: 4, RENAME: 4, EXCHANGE_ID: 2, CREATE_SESSION: 2, RECLAIM_COMPLETE: 2, SECINFO_NO_NAME: 2,
      LINK: 2, RESTOREFH: 2, DESTROY_SESSION: 2, DESTROY_CLIENTID: 2,
    },
  },
  'public/nfs4/suricata-verify__nfs4-01.pcap': {
    failures: {},
    sequence: 'd8edf74290b96e0e354b0c0944aec7fd14e60824496a743c17918385b1c674d7',
    compounds: 62,
    ops: {
      SEQUENCE: 54, PUTFH: 46, GETATTR: 40, GETFH: 8, ACCESS: 6, PUTROOTFH: 4, LOOKUP: 4, EXCHANGE_ID: 2, CREATE_SESSION: 2, RECLAIM_COMPLETE: 2,
      SECINFO_NO_NAME: 2, OPEN: 2, LAYOUTGET: 2, GETDEVICEINFO: 2, WRITE: 2, CLOSE: 2, DELEGRETURN: 2, LAYOUTRETURN: 2, DESTROY_SESSION: 2, DESTROY_CLIENTID: 2,
    },
  },
  'public/nfs4/suricata-verify__nfs4-response-readdir_input.pcap': { failures: {}, sequence: 'b4d6fbe2f5c6db544486b2a7298b9ad9b95c77c4af1e12054f1776817edfa3d1', compounds: 2, ops: { PUTFH: 2, READDIR: 2 } },
  'public/nfs4/suricata-verify__nfs4-setclientid_input.pcap': {
    failures: {},
    sequence: '030a046f379d7b0ea0d18f9cac1ea445eeddeb58c52adeeb2d2d7e505a0aea6f',
    compounds: 66,
    ops: {
      PUTFH: 56, GETATTR: 50, GETFH: 8, ACCESS: 8, READDIR: 8, SETCLIENTID: 4, SETCLIENTID_CONFIRM: 4, LOOKUP: 4, PUTROOTFH: 2, OPEN: 2, SETATTR: 2, CLOSE: 2,
    },
  },
  'reference/nfs40-libnfs-basic.pcapng': {
    failures: {},
    sequence: '095df75ccfa6511a65dab69db7744b4244590301f86b7c2597c6012a24325600',
    compounds: 40,
    ops: {
      PUTFH: 22, GETATTR: 14, GETFH: 12, LOOKUP: 6, PUTROOTFH: 6, SETCLIENTID: 6, SETCLIENTID_CONFIRM: 6, ACCESS: 4, CLOSE: 4, OPEN: 4, OPEN_CONFIRM: 4,
      COMMIT: 2, READ: 2, READDIR: 2, SETATTR: 2, WRITE: 2,
    },
  },
};
const FILES = Object.keys(EXPECTED);

interface Nfs4Record {
  message: FramedMessage;
  /** What the reply needs from its call; undefined for calls. */
  context?: Nfs4Context;
}

/** The program 100003 version 4 records of a capture; replies are paired with their calls. */
function nfs4RecordsOf(path: string): Nfs4Record[] {
  const records = framedMessages(tcpStreams(loadCapture(`${CAPTURES_DIR}${path}`)), (cb) => new RecordMarkingFramer(cb));
  const calls = new Map<string, Nfs4Context>();
  const out: Nfs4Record[] = [];
  for (const m of records) {
    const d = describeRpc(m.data);
    const caller = d.fields.msg === 'call' ? m.fromClient : !m.fromClient;
    const key = `${m.stream} ${caller} ${d.fields.xid}`;
    if (d.fields.msg === 'call') {
      if (d.fields.program !== 100003 || d.fields.version !== 4) continue;
      calls.set(key, { procedure: d.fields.procedure ?? -1, gssService: d.fields.gss_proc === 0 ? d.fields.gss_service : undefined });
      out.push({ message: m });
    } else {
      const context = calls.get(key);
      if (context) out.push({ message: m, context });
    }
  }
  return out;
}

function decode(data: Buffer, context: Nfs4Context | undefined): Nfs4Fields {
  return describeNfs4(describeRpc(data), context);
}

describe('NFSv4 decoders over the captures', () => {
  for (const path of FILES) {
    it(`${path}: every COMPOUND decodes; operation counts match tshark`, () => {
      const ops: Record<string, number> = {};
      let compounds = 0;
      const byFrame = new Map<number, number[]>();
      const failures: Record<number, number> = {};
      for (const r of nfs4RecordsOf(path)) {
        const f = decode(r.message.data, r.context);
        if (f.ops === undefined) continue;
        compounds++;
        expect(f.op_codes?.length, `frame ${r.message.frame}`).toBe(f.ops.length);
        if (r.context) {
          expect(f.status, `frame ${r.message.frame}: status`).toBeTypeOf('number');
          expect(f.op_status?.length, `frame ${r.message.frame}: op_status`).toBe(f.ops.length);
          // A reply stops at its first failing operation, whose status is the COMPOUND's.
          const failing = (f.op_status ?? []).findIndex((s) => s !== 0);
          if (failing >= 0) expect([failing, f.op_status?.[failing]]).toEqual([f.ops.length - 1, f.status]);
          else expect(f.status).toBe(0);
          for (const status of [f.status ?? 0, ...(f.op_status ?? [])]) if (status !== 0) failures[status] = (failures[status] ?? 0) + 1;
        } else {
          expect(f.minorversion, `frame ${r.message.frame}: minorversion`).toBeTypeOf('number');
        }
        for (const name of f.ops) ops[name] = (ops[name] ?? 0) + 1;
        const inFrame = byFrame.get(r.message.frame) ?? [];
        inFrame.push(...(f.op_codes ?? []));
        byFrame.set(r.message.frame, inFrame);
      }
      const sequence = [...byFrame.entries()]
        .filter(([, codes]) => codes.length > 0)
        .sort((a, b) => a[0] - b[0])
        .map(([, codes]) => `${codes.join(',')};`)
        .join('');
      expect(compounds).toBe(EXPECTED[path].compounds);
      expect(ops).toEqual(EXPECTED[path].ops);
      expect(failures, 'non-zero nfsstat4 values').toEqual(EXPECTED[path].failures);
      expect(createHash('sha256').update(sequence).digest('hex'), 'operations frame by frame').toBe(EXPECTED[path].sequence);
    });
  }

  for (const path of FILES) {
    it(`${path}: cut and flipped records only ever fail with DecodeError`, () => {
      const records = nfs4RecordsOf(path);
      let tried = 0;
      let failed = 0;
      const attempt = (data: Buffer, context: Nfs4Context | undefined, what: string): void => {
        tried++;
        try {
          decode(data, context);
        } catch (err) {
          expect(err, what).toBeInstanceOf(DecodeError);
          failed++;
        }
      };
      records.forEach((r, index) => {
        const m = r.message;
        const next = xorshift(0x51ed270b ^ index);
        const len = m.data.length;
        const cuts = new Set([28, 40, len >> 1, len - 4, len - 1, next() % len].filter((c) => c >= 0 && c < len));
        for (const cut of cuts) attempt(Buffer.from(m.data.subarray(0, cut)), r.context, `frame ${m.frame} cut at ${cut}`);
        for (let round = 0; round < 6; round++) {
          const copy = Buffer.from(m.data);
          const flips = 1 + (next() % 3);
          for (let i = 0; i < flips; i++) copy[next() % len] ^= 1 << next() % 8;
          attempt(copy, r.context, `frame ${m.frame} flip round ${round}`);
        }
      });
      expect(tried).toBeGreaterThanOrEqual(records.length * 7);
      expect(failed).toBeGreaterThan(0);
    });
  }
});
