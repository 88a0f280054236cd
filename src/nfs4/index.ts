export { NFS4_PROGRAM, NFS4_VERSION, NFS4_CALLBACK_PROGRAM, Nfs4Proc, Op, CbOp, opName, cbOpName, type OpName, type OpCode } from './constants.js';
export { NFS4_STATUS, NFS4_OK, nfsStatus, nfsStatusName, nfsRetryClass, nfsStatusError, type Nfs4StatusRow, type RetryClass } from './status.js';
export { describeNfs4, type Nfs4Fields, type Nfs4Context } from './describe.js';
export { OP_CODECS, type OpCodec } from './ops/index.js';
