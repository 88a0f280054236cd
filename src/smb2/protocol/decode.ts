import { DecodeError, type Reader } from '../../wire/index.js';
import { peekStructureSize } from './body.js';
import { decodeCancelRequest } from './cancel.js';
import { decodeChangeNotifyRequest, decodeChangeNotifyResponse } from './change-notify.js';
import { decodeCloseRequest, decodeCloseResponse } from './close.js';
import { Smb2Command } from './constants.js';
import { decodeCreateRequest, decodeCreateResponse } from './create.js';
import { decodeEchoRequest, decodeEchoResponse } from './echo.js';
import { decodeErrorResponse, ERROR_RESPONSE_STRUCTURE_SIZE } from './error.js';
import { decodeFlushRequest, decodeFlushResponse } from './flush.js';
import { isResponse, readHeader, SMB2_HEADER_SIZE, type Smb2Header } from './header.js';
import { decodeIoctlRequest, decodeIoctlResponse } from './ioctl.js';
import { decodeLockRequest, decodeLockResponse } from './lock.js';
import { decodeLogoffRequest, decodeLogoffResponse } from './logoff.js';
import { decodeNegotiateRequest, decodeNegotiateResponse } from './negotiate.js';
import { decodeOplockBreakRequest, decodeOplockBreakResponse } from './oplock-break.js';
import { decodeQueryDirectoryRequest, decodeQueryDirectoryResponse } from './query-directory.js';
import { decodeQueryInfoRequest, decodeQueryInfoResponse } from './query-info.js';
import { decodeReadRequest, decodeReadResponse } from './read.js';
import { decodeServerToClientNotification } from './server-notification.js';
import { decodeSessionSetupRequest, decodeSessionSetupResponse } from './session-setup.js';
import { decodeSetInfoRequest, decodeSetInfoResponse } from './set-info.js';
import { Smb2FramingStatus } from './status.js';
import { decodeTreeConnectRequest, decodeTreeConnectResponse } from './tree-connect.js';
import { decodeTreeDisconnectRequest, decodeTreeDisconnectResponse } from './tree-disconnect.js';
import { decodeWriteRequest, decodeWriteResponse } from './write.js';

type BodyDecoder = (r: Reader) => unknown;

const C = Smb2Command;

/** Client-to-server bodies by command. */
const REQUEST_DECODERS: ReadonlyMap<number, BodyDecoder> = new Map<number, BodyDecoder>([
  [C.NEGOTIATE, decodeNegotiateRequest],
  [C.SESSION_SETUP, decodeSessionSetupRequest],
  [C.LOGOFF, decodeLogoffRequest],
  [C.TREE_CONNECT, decodeTreeConnectRequest],
  [C.TREE_DISCONNECT, decodeTreeDisconnectRequest],
  [C.CREATE, decodeCreateRequest],
  [C.CLOSE, decodeCloseRequest],
  [C.FLUSH, decodeFlushRequest],
  [C.READ, decodeReadRequest],
  [C.WRITE, decodeWriteRequest],
  [C.LOCK, decodeLockRequest],
  [C.IOCTL, decodeIoctlRequest],
  [C.CANCEL, decodeCancelRequest],
  [C.ECHO, decodeEchoRequest],
  [C.QUERY_DIRECTORY, decodeQueryDirectoryRequest],
  [C.CHANGE_NOTIFY, decodeChangeNotifyRequest],
  [C.QUERY_INFO, decodeQueryInfoRequest],
  [C.SET_INFO, decodeSetInfoRequest],
  [C.OPLOCK_BREAK, decodeOplockBreakRequest],
]);

/** Server-to-client bodies by command (successful, or with a status that keeps the normal body). */
const RESPONSE_DECODERS: ReadonlyMap<number, BodyDecoder> = new Map<number, BodyDecoder>([
  [C.NEGOTIATE, decodeNegotiateResponse],
  [C.SESSION_SETUP, decodeSessionSetupResponse],
  [C.LOGOFF, decodeLogoffResponse],
  [C.TREE_CONNECT, decodeTreeConnectResponse],
  [C.TREE_DISCONNECT, decodeTreeDisconnectResponse],
  [C.CREATE, decodeCreateResponse],
  [C.CLOSE, decodeCloseResponse],
  [C.FLUSH, decodeFlushResponse],
  [C.READ, decodeReadResponse],
  [C.WRITE, decodeWriteResponse],
  [C.LOCK, decodeLockResponse],
  [C.IOCTL, decodeIoctlResponse],
  [C.ECHO, decodeEchoResponse],
  [C.QUERY_DIRECTORY, decodeQueryDirectoryResponse],
  [C.CHANGE_NOTIFY, decodeChangeNotifyResponse],
  [C.QUERY_INFO, decodeQueryInfoResponse],
  [C.SET_INFO, decodeSetInfoResponse],
  [C.OPLOCK_BREAK, decodeOplockBreakResponse],
  [C.SERVER_TO_CLIENT_NOTIFICATION, decodeServerToClientNotification],
]);

const S = Smb2FramingStatus;

/**
 * MS-SMB2 3.3.4.4: statuses that are not failures for a command, so the response keeps
 * its normal body. Only matters where that body's StructureSize is also 9.
 */
const NORMAL_BODY_STATUS: ReadonlyArray<readonly [number, number]> = [
  [C.SESSION_SETUP, S.STATUS_MORE_PROCESSING_REQUIRED],
  [C.QUERY_INFO, S.STATUS_BUFFER_OVERFLOW],
  [C.READ, S.STATUS_BUFFER_OVERFLOW],
  [C.IOCTL, S.STATUS_BUFFER_OVERFLOW],
  [C.IOCTL, S.STATUS_INVALID_PARAMETER],
  [C.CHANGE_NOTIFY, S.STATUS_NOTIFY_ENUM_DIR],
];

/** True when a response body is the 2.2.2 ERROR response (incl. interim STATUS_PENDING). */
export function isErrorResponseBody(h: Smb2Header, structureSize: number): boolean {
  if (!isResponse(h) || h.status === S.STATUS_SUCCESS || structureSize !== ERROR_RESPONSE_STRUCTURE_SIZE) return false;
  return !NORMAL_BODY_STATUS.some(([command, status]) => command === h.command && status === h.status);
}

export type Smb2BodyKind = 'request' | 'response' | 'error' | 'unknown' | 'malformed';

export interface Smb2Description {
  header: Smb2Header;
  /**
   * 'error' for an ERROR response body; 'unknown' for a command MS-SMB2 does not define in
   * that direction (body is { raw }); 'malformed' when the header's StructureSize is not 64
   * or the body does not decode (body is undefined, error says why).
   */
  kind: Smb2BodyKind;
  body: unknown;
  error?: DecodeError;
}

function decodeBody(element: Reader, header: Smb2Header): Pick<Smb2Description, 'kind' | 'body'> {
  const response = isResponse(header);
  if (response && isErrorResponseBody(header, peekStructureSize(element))) {
    return { kind: 'error', body: decodeErrorResponse(element, header.status) };
  }
  const decoder = (response ? RESPONSE_DECODERS : REQUEST_DECODERS).get(header.command);
  if (!decoder) return { kind: 'unknown', body: { raw: element.rest() } };
  return { kind: response ? 'response' : 'request', body: decoder(element) };
}

/**
 * Decodes one compound element (a Reader whose base is the element's header, as
 * splitCompound returns): the header, then the body by command and direction. Throws
 * DecodeError only when there is no SMB2 header to report (wrong ProtocolId, fewer than
 * 64 bytes); a damaged header field or body is reported as 'malformed', as tshark still
 * lists such a PDU.
 */
export function describeSmb2(element: Reader): Smb2Description {
  element.seek(0);
  const header = readHeader(element, false);
  const structureSize = element.at(4, 2).u16le();
  if (structureSize !== SMB2_HEADER_SIZE) {
    return { header, kind: 'malformed', body: undefined, error: new DecodeError(`SMB2 header StructureSize ${structureSize}, expected 64`, element.start + 4) };
  }
  try {
    return { header, ...decodeBody(element, header) };
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err;
    return { header, kind: 'malformed', body: undefined, error: err };
  }
}
