// pNFS operations: LAYOUTGET (RFC 8881 18.43), GETDEVICEINFO (18.40), LAYOUTRETURN (18.44).
import type { XdrReader } from '../../rpc/xdr.js';
import { Op } from '../constants.js';
import { NFS4_DEVICEID4_SIZE, NFS4_OPAQUE_LIMIT, okOnly, readBitmap, readStateId, type OpCodec } from './common.js';

const NFS4ERR_TOOSMALL = 10005;
const NFS4ERR_LAYOUTTRYLATER = 10058;
const LAYOUTRETURN4_FILE = 1;

/** layout4 (3.3.17) */
function readLayout(x: XdrReader): unknown {
  return { offset: x.uhyper(), length: x.uhyper(), iomode: x.uint(), content: { type: x.uint(), body: x.opaque() } };
}

export const PNFS_CODECS: ReadonlyArray<readonly [number, OpCodec]> = [
  [
    Op.LAYOUTGET,
    {
      args: (x) => ({
        signalLayoutAvail: x.bool(),
        layoutType: x.uint(),
        iomode: x.uint(),
        offset: x.uhyper(),
        length: x.uhyper(),
        minlength: x.uhyper(),
        stateid: readStateId(x),
        maxcount: x.uint(),
      }),
      res: (x, status) => {
        if (status === 0) return { returnOnClose: x.bool(), stateid: readStateId(x), layout: x.array(NFS4_OPAQUE_LIMIT, readLayout, 32, 'layout4') };
        if (status === NFS4ERR_LAYOUTTRYLATER) return { willSignalLayoutAvail: x.bool() };
        return undefined;
      },
    },
  ],
  [
    Op.GETDEVICEINFO,
    {
      args: (x) => ({ deviceid: x.opaqueFixed(NFS4_DEVICEID4_SIZE), layoutType: x.uint(), maxcount: x.uint(), notifyTypes: readBitmap(x) }),
      res: (x, status) => {
        if (status === 0) return { deviceAddr: { layoutType: x.uint(), body: x.opaque() }, notification: readBitmap(x) };
        if (status === NFS4ERR_TOOSMALL) return { mincount: x.uint() };
        return undefined;
      },
    },
  ],
  [
    Op.LAYOUTRETURN,
    {
      args: (x) => {
        const head = { reclaim: x.bool(), layoutType: x.uint(), iomode: x.uint(), returnType: x.uint() };
        if (head.returnType !== LAYOUTRETURN4_FILE) return head;
        return { ...head, offset: x.uhyper(), length: x.uhyper(), stateid: readStateId(x), body: x.opaque() };
      },
      res: okOnly((x) => ({ stateid: x.optional(readStateId) })),
    },
  ],
];
