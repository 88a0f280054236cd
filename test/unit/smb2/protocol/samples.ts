import type { Reader, Writer } from '../../../../src/wire/index.js';
import * as p from '../../../../src/smb2/protocol/index.js';
import { encodeFileGetEaInformation } from '../../../../src/smb-common/fscc/index.js';
import { parseSidString } from '../../../../src/smb-common/security/index.js';

const C = p.Smb2Command;

/** One encoded body of one command and direction, with the value it must decode back to. */
export interface Sample {
  name: string;
  command: number;
  response: boolean;
  status: number;
  /** What describeSmb2 reports. */
  kind: 'request' | 'response' | 'error';
  encode: (w: Writer) => void;
  decode: (r: Reader) => unknown;
  value: unknown;
}

function sample<T>(
  name: string,
  command: number,
  response: boolean,
  encode: (w: Writer, v: T) => void,
  decode: (r: Reader) => T,
  value: T,
  status = 0,
): Sample {
  return { name, command, response, status, kind: response ? 'response' : 'request', encode: (w) => encode(w, value), decode, value };
}

function errorSample(name: string, command: number, status: number, value: p.ErrorResponse): Sample {
  return { name, command, response: true, status, kind: 'error', encode: (w) => p.encodeErrorResponse(w, value), decode: (r) => p.decodeErrorResponse(r, status), value };
}

const fileId = { persistent: 0x0102030405060708n, volatile: 0x1112131415161718n };
const guid = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
const lease = Buffer.from('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff', 'hex');
const symlink: p.SymbolicLinkErrorResponse = { unparsedPathLength: 6, substituteName: '..\\target', printName: '..\\target', flags: p.SymbolicLinkFlags.SYMLINK_FLAG_RELATIVE };

/** The sample as a whole message: a header (response flag and status as the sample says) and its body. */
export function encodeSample(s: Sample): Buffer {
  return p.encodeMessage({ command: s.command, messageId: 1n, status: s.status, flags: s.response ? p.Smb2HeaderFlags.SERVER_TO_REDIR : 0 }, s.encode);
}

/**
 * Every command in each direction it exists, with the variable parts non-empty so that a
 * copy cut short anywhere cannot decode.
 */
export const SAMPLES: Sample[] = [
  sample('NEGOTIATE request', C.NEGOTIATE, false, p.encodeNegotiateRequest, p.decodeNegotiateRequest, {
    securityMode: 1,
    capabilities: 0x7f,
    clientGuid: guid,
    dialects: [0x0202, 0x0210, 0x0300, 0x0302, 0x0311],
    negotiateContexts: [
      { type: 'PREAUTH_INTEGRITY_CAPABILITIES', hashAlgorithms: [1], salt: Buffer.alloc(32, 3) },
      { type: 'ENCRYPTION_CAPABILITIES', ciphers: [2, 1] },
      { type: 'SIGNING_CAPABILITIES', signingAlgorithms: [2, 1, 0] },
      { type: 'POSIX_EXTENSIONS_AVAILABLE', data: p.SMB3_POSIX_GUID },
    ],
  }),
  sample('NEGOTIATE request, 2.x only', C.NEGOTIATE, false, p.encodeNegotiateRequest, p.decodeNegotiateRequest, {
    securityMode: 1,
    capabilities: 0,
    clientGuid: guid,
    dialects: [0x0202, 0x0210],
    negotiateContexts: [],
  }),
  sample('NEGOTIATE response', C.NEGOTIATE, true, p.encodeNegotiateResponse, p.decodeNegotiateResponse, {
    securityMode: 1,
    dialectRevision: 0x0311,
    serverGuid: guid,
    capabilities: 0x2f,
    maxTransactSize: 8388608,
    maxReadSize: 8388608,
    maxWriteSize: 8388608,
    systemTime: 0x01dd7ab47d606cb6n,
    serverStartTime: 0n,
    securityBuffer: Buffer.from('604806062b0601050502a03e', 'hex'),
    negotiateContexts: [
      { type: 'PREAUTH_INTEGRITY_CAPABILITIES', hashAlgorithms: [1], salt: Buffer.alloc(32, 4) },
      { type: 'ENCRYPTION_CAPABILITIES', ciphers: [2] },
      { type: 'COMPRESSION_CAPABILITIES', compressionAlgorithms: [1], flags: 0 },
      { type: 'RDMA_TRANSFORM_CAPABILITIES', rdmaTransformIds: [0] },
      { type: 'TRANSPORT_CAPABILITIES', flags: 1 },
      { type: 'NETNAME_NEGOTIATE_CONTEXT_ID', netName: 'server' },
      { type: 'UNKNOWN', contextType: 0x77, data: Buffer.from('0102', 'hex') },
    ],
  }),
  sample('SESSION_SETUP request', C.SESSION_SETUP, false, p.encodeSessionSetupRequest, p.decodeSessionSetupRequest, {
    flags: 0,
    securityMode: 1,
    capabilities: 1,
    channel: 0,
    securityBuffer: Buffer.from('604006062b0601050502a036', 'hex'),
    previousSessionId: 0n,
  }),
  sample('SESSION_SETUP response', C.SESSION_SETUP, true, p.encodeSessionSetupResponse, p.decodeSessionSetupResponse, { sessionFlags: 0, securityBuffer: Buffer.from('a1073005a0030a0100', 'hex') }, p.Smb2FramingStatus.STATUS_MORE_PROCESSING_REQUIRED),
  sample('LOGOFF request', C.LOGOFF, false, p.encodeLogoffRequest, p.decodeLogoffRequest, {}),
  sample('LOGOFF response', C.LOGOFF, true, p.encodeLogoffResponse, p.decodeLogoffResponse, {}),
  sample('TREE_CONNECT request', C.TREE_CONNECT, false, p.encodeTreeConnectRequest, p.decodeTreeConnectRequest, { flags: 0, path: '\\\\127.0.0.1\\share' }),
  sample('TREE_CONNECT request with extension', C.TREE_CONNECT, false, p.encodeTreeConnectRequest, p.decodeTreeConnectRequest, {
    flags: p.TreeConnectFlags.SMB2_TREE_CONNECT_FLAG_EXTENSION_PRESENT,
    path: '\\\\srv\\share',
    treeConnectContexts: [{ contextType: 1, data: Buffer.from('0a0b0c', 'hex') }],
  }),
  sample('TREE_CONNECT response', C.TREE_CONNECT, true, p.encodeTreeConnectResponse, p.decodeTreeConnectResponse, { shareType: 1, shareFlags: 0x800, capabilities: 0, maximalAccess: 0x001f01ff }),
  sample('TREE_DISCONNECT request', C.TREE_DISCONNECT, false, p.encodeTreeDisconnectRequest, p.decodeTreeDisconnectRequest, {}),
  sample('TREE_DISCONNECT response', C.TREE_DISCONNECT, true, p.encodeTreeDisconnectResponse, p.decodeTreeDisconnectResponse, {}),
  sample('CREATE request', C.CREATE, false, p.encodeCreateRequest, p.decodeCreateRequest, {
    securityFlags: 0,
    requestedOplockLevel: p.Smb2OplockLevel.LEASE,
    impersonationLevel: 2,
    smbCreateFlags: 0n,
    desiredAccess: 0x00120089,
    fileAttributes: 0,
    shareAccess: 7,
    createDisposition: 1,
    createOptions: 0x40,
    name: 'dir\\file.txt',
    createContexts: [{ type: 'MxAc' }, { type: 'RqLs', lease: { version: 1, leaseKey: lease, leaseState: 7, leaseFlags: 0, leaseDuration: 0n } }, { type: 'POSIX', mode: 0o600 }],
  }),
  sample('CREATE response', C.CREATE, true, p.encodeCreateResponse, p.decodeCreateResponse, {
    oplockLevel: 0,
    flags: 0,
    createAction: 2,
    creationTime: 10n,
    lastAccessTime: 11n,
    lastWriteTime: 12n,
    changeTime: 13n,
    allocationSize: 0n,
    endOfFile: 0n,
    fileAttributes: 0x20,
    fileId,
    createContexts: [
      { type: 'QFid', diskFileId: 99n, volumeId: 98n },
      { type: 'POSIX', nlink: 2, reparseTag: 0, posixPerms: 0o755, owner: parseSidString('S-1-5-21-1-2-3-1000'), group: parseSidString('S-1-22-2-100') },
    ],
  }),
  sample('CLOSE request', C.CLOSE, false, p.encodeCloseRequest, p.decodeCloseRequest, { flags: p.CloseFlags.SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB, fileId }),
  sample('CLOSE response', C.CLOSE, true, p.encodeCloseResponse, p.decodeCloseResponse, {
    flags: 1,
    creationTime: 1n,
    lastAccessTime: 2n,
    lastWriteTime: 3n,
    changeTime: 4n,
    allocationSize: 4096n,
    endOfFile: 100n,
    fileAttributes: 0x20,
  }),
  sample('FLUSH request', C.FLUSH, false, p.encodeFlushRequest, p.decodeFlushRequest, { fileId }),
  sample('FLUSH response', C.FLUSH, true, p.encodeFlushResponse, p.decodeFlushResponse, {}),
  sample('READ request', C.READ, false, p.encodeReadRequest, p.decodeReadRequest, {
    padding: 0x50,
    flags: 0,
    length: 65536,
    offset: 1n << 33n,
    fileId,
    minimumCount: 1,
    channel: 1,
    remainingBytes: 0,
    readChannelInfo: Buffer.from('00112233445566778899aabbccddeeff', 'hex'),
  }),
  sample('READ response', C.READ, true, p.encodeReadResponse, p.decodeReadResponse, { dataOffset: 0x50, data: Buffer.from('hello, world'), dataRemaining: 0, flags: 0 }),
  sample('WRITE request', C.WRITE, false, p.encodeWriteRequest, p.decodeWriteRequest, {
    offset: 4096n,
    fileId,
    channel: 0,
    remainingBytes: 0,
    flags: p.WriteFlags.SMB2_WRITEFLAG_WRITE_THROUGH,
    writeChannelInfo: Buffer.alloc(0),
    data: Buffer.from('payload'),
  }),
  sample('WRITE response', C.WRITE, true, p.encodeWriteResponse, p.decodeWriteResponse, { count: 7, remaining: 0 }),
  sample('LOCK request', C.LOCK, false, p.encodeLockRequest, p.decodeLockRequest, {
    lockSequenceNumber: 3,
    lockSequenceIndex: 17,
    fileId,
    locks: [
      { offset: 0n, length: 10n, flags: p.LockFlags.SMB2_LOCKFLAG_EXCLUSIVE_LOCK | p.LockFlags.SMB2_LOCKFLAG_FAIL_IMMEDIATELY },
      { offset: 100n, length: 1n, flags: p.LockFlags.SMB2_LOCKFLAG_SHARED_LOCK },
    ],
  }),
  sample('LOCK response', C.LOCK, true, p.encodeLockResponse, p.decodeLockResponse, {}),
  sample('IOCTL request', C.IOCTL, false, p.encodeIoctlRequest, p.decodeIoctlRequest, {
    ctlCode: p.FsctlCode.FSCTL_VALIDATE_NEGOTIATE_INFO,
    fileId: p.RELATED_FILE_ID,
    input: p.encodeValidateNegotiateInfoRequest({ capabilities: 0x7f, guid, securityMode: 1, dialects: [0x0300, 0x0302] }),
    maxInputResponse: 0,
    output: Buffer.from('ab', 'hex'),
    maxOutputResponse: 24,
    flags: p.IoctlFlags.SMB2_0_IOCTL_IS_FSCTL,
  }),
  sample('IOCTL response', C.IOCTL, true, p.encodeIoctlResponse, p.decodeIoctlResponse, {
    ctlCode: p.FsctlCode.FSCTL_DFS_GET_REFERRALS,
    fileId: p.RELATED_FILE_ID,
    input: Buffer.from('0300', 'hex'),
    output: Buffer.from('0000010002000000', 'hex'),
    flags: 1,
  }),
  sample('CANCEL request', C.CANCEL, false, p.encodeCancelRequest, p.decodeCancelRequest, {}),
  sample('ECHO request', C.ECHO, false, p.encodeEchoRequest, p.decodeEchoRequest, {}),
  sample('ECHO response', C.ECHO, true, p.encodeEchoResponse, p.decodeEchoResponse, {}),
  sample('QUERY_DIRECTORY request', C.QUERY_DIRECTORY, false, p.encodeQueryDirectoryRequest, p.decodeQueryDirectoryRequest, {
    fileInformationClass: p.QueryDirectoryInformationClass.FileIdBothDirectoryInformation,
    flags: p.QueryDirectoryFlags.SMB2_RESTART_SCANS,
    fileIndex: 0,
    fileId,
    fileName: '*.txt',
    outputBufferLength: 65536,
  }),
  sample('QUERY_DIRECTORY response', C.QUERY_DIRECTORY, true, p.encodeQueryDirectoryResponse, p.decodeQueryDirectoryResponse, { outputBuffer: Buffer.alloc(104, 0x61) }),
  sample('CHANGE_NOTIFY request', C.CHANGE_NOTIFY, false, p.encodeChangeNotifyRequest, p.decodeChangeNotifyRequest, {
    flags: p.ChangeNotifyFlags.SMB2_WATCH_TREE,
    outputBufferLength: 4096,
    fileId,
    completionFilter: p.CompletionFilter.FILE_NOTIFY_CHANGE_FILE_NAME | p.CompletionFilter.FILE_NOTIFY_CHANGE_DIR_NAME,
  }),
  sample('CHANGE_NOTIFY response', C.CHANGE_NOTIFY, true, p.encodeChangeNotifyResponse, p.decodeChangeNotifyResponse, { outputBuffer: Buffer.from('000000000100000008000000610062006300', 'hex') }),
  sample('QUERY_INFO request', C.QUERY_INFO, false, p.encodeQueryInfoRequest, p.decodeQueryInfoRequest, {
    infoType: p.Smb2InfoType.SMB2_0_INFO_FILE,
    fileInfoClass: 15,
    outputBufferLength: 65536,
    inputBuffer: encodeFileGetEaInformation(['user.a', 'user.bb']),
    additionalInformation: 0,
    flags: p.QueryInfoFlags.SL_RESTART_SCAN,
    fileId,
  }),
  sample('QUERY_INFO response', C.QUERY_INFO, true, p.encodeQueryInfoResponse, p.decodeQueryInfoResponse, { outputBuffer: Buffer.alloc(100, 0x42) }, p.Smb2FramingStatus.STATUS_BUFFER_OVERFLOW),
  sample('SET_INFO request', C.SET_INFO, false, p.encodeSetInfoRequest, p.decodeSetInfoRequest, {
    infoType: p.Smb2InfoType.SMB2_0_INFO_FILE,
    fileInfoClass: 0x14,
    buffer: Buffer.from('0010000000000000', 'hex'),
    additionalInformation: 0,
    fileId,
  }),
  sample('SET_INFO response', C.SET_INFO, true, p.encodeSetInfoResponse, p.decodeSetInfoResponse, {}),
  sample('OPLOCK_BREAK acknowledgment', C.OPLOCK_BREAK, false, p.encodeOplockBreakRequest, p.decodeOplockBreakRequest, { type: 'OPLOCK_BREAK', oplockLevel: p.Smb2OplockLevel.II, fileId }),
  sample('OPLOCK_BREAK lease acknowledgment', C.OPLOCK_BREAK, false, p.encodeOplockBreakRequest, p.decodeOplockBreakRequest, {
    type: 'LEASE_BREAK_ACK',
    flags: 0,
    leaseKey: lease,
    leaseState: p.Smb2LeaseState.READ_CACHING,
    leaseDuration: 0n,
  }),
  sample('OPLOCK_BREAK notification', C.OPLOCK_BREAK, true, p.encodeOplockBreakResponse, p.decodeOplockBreakResponse, { type: 'OPLOCK_BREAK', oplockLevel: p.Smb2OplockLevel.NONE, fileId }),
  sample('OPLOCK_BREAK lease break notification', C.OPLOCK_BREAK, true, p.encodeOplockBreakResponse, p.decodeOplockBreakResponse, {
    type: 'LEASE_BREAK_NOTIFICATION',
    newEpoch: 2,
    flags: p.LeaseBreakNotificationFlags.SMB2_NOTIFY_BREAK_LEASE_FLAG_ACK_REQUIRED,
    leaseKey: lease,
    currentLeaseState: 7,
    newLeaseState: 1,
    breakReason: 0,
    accessMaskHint: 0,
    shareMaskHint: 0,
  }),
  sample('OPLOCK_BREAK lease break response', C.OPLOCK_BREAK, true, p.encodeOplockBreakResponse, p.decodeOplockBreakResponse, {
    type: 'LEASE_BREAK_ACK',
    flags: 0,
    leaseKey: lease,
    leaseState: 1,
    leaseDuration: 0n,
  }),
  sample('SERVER_TO_CLIENT_NOTIFICATION', C.SERVER_TO_CLIENT_NOTIFICATION, true, p.encodeServerToClientNotification, p.decodeServerToClientNotification, {
    notificationType: p.Smb2NotificationType.SMB2_NOTIFY_SESSION_CLOSED,
    notification: Buffer.alloc(4),
  }),
  errorSample('ERROR response (STATUS_STOPPED_ON_SYMLINK)', C.CREATE, p.Smb2FramingStatus.STATUS_STOPPED_ON_SYMLINK, {
    errorContextCount: 0,
    errorData: p.encodeSymbolicLinkErrorResponse(symlink),
    symbolicLink: symlink,
  }),
  errorSample('ERROR response with contexts (3.1.1)', C.CREATE, p.Smb2FramingStatus.STATUS_STOPPED_ON_SYMLINK, {
    errorContextCount: 1,
    errorData: p.encodeErrorContexts([{ errorId: p.Smb2ErrorId.SMB2_ERROR_ID_DEFAULT, errorContextData: p.encodeSymbolicLinkErrorResponse(symlink) }]),
    errorContexts: [{ errorId: p.Smb2ErrorId.SMB2_ERROR_ID_DEFAULT, errorContextData: p.encodeSymbolicLinkErrorResponse(symlink) }],
    symbolicLink: symlink,
  }),
  errorSample('ERROR response (STATUS_BUFFER_TOO_SMALL)', C.QUERY_INFO, p.Smb2FramingStatus.STATUS_BUFFER_TOO_SMALL, {
    errorContextCount: 0,
    errorData: Buffer.from('18000000', 'hex'),
    requiredBufferLength: 24,
  }),
];
