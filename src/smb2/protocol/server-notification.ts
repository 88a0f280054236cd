import type { Reader, Writer } from '../../wire/index.js';
import { expectStructureSize } from './body.js';

export const SERVER_TO_CLIENT_NOTIFICATION_STRUCTURE_SIZE = 4;

/** MS-SMB2 2.2.44.1 SMB_NOTIFICATION_ID. */
export const Smb2NotificationType = { SMB2_NOTIFY_SESSION_CLOSED: 0x00000000 } as const;
/** MS-SMB2 2.2.44.2 SMB2_NOTIFY_SESSION_CLOSED: Reserved (4 bytes). */
const SESSION_CLOSED_SIZE = 4;

// MS-SMB2 2.2.44 SMB2 SERVER_TO_CLIENT_NOTIFICATION (server to client only; 2.2.44.2 SMB2_NOTIFY_SESSION_CLOSED carries 4 reserved bytes).
export interface ServerToClientNotification {
  notificationType: number;
  /** The Notification structure, raw (4 reserved bytes for SMB2_NOTIFY_SESSION_CLOSED). */
  notification: Buffer;
}

export function encodeServerToClientNotification(w: Writer, n: ServerToClientNotification): void {
  w.u16le(SERVER_TO_CLIENT_NOTIFICATION_STRUCTURE_SIZE).u16le(0).u32le(n.notificationType).bytes(n.notification);
}

export function decodeServerToClientNotification(r: Reader): ServerToClientNotification {
  expectStructureSize(r, SERVER_TO_CLIENT_NOTIFICATION_STRUCTURE_SIZE, 'SERVER_TO_CLIENT_NOTIFICATION');
  r.skip(2);
  const notificationType = r.u32le();
  const notification = notificationType === Smb2NotificationType.SMB2_NOTIFY_SESSION_CLOSED ? r.bytes(SESSION_CLOSED_SIZE) : r.rest();
  return { notificationType, notification };
}
