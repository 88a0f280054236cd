import { Smb2Dialects } from '../protocol/constants.js';

/** A dialect a session runs on (MS-SMB2 2.2.3): any revision but the 0x02FF wildcard. */
export type SessionDialect = Exclude<(typeof Smb2Dialects)[keyof typeof Smb2Dialects], typeof Smb2Dialects.SMB_2_WILDCARD>;

const SESSION_DIALECTS: ReadonlySet<number> = new Set<number>([
  Smb2Dialects.SMB_2_0_2,
  Smb2Dialects.SMB_2_1,
  Smb2Dialects.SMB_3_0,
  Smb2Dialects.SMB_3_0_2,
  Smb2Dialects.SMB_3_1_1,
]);

/** Throws RangeError unless the dialect is one a session can run. */
export function assertDialect(dialect: number): asserts dialect is SessionDialect {
  if (!SESSION_DIALECTS.has(dialect)) throw new RangeError(`not an SMB2 session dialect: 0x${dialect.toString(16).padStart(4, '0')}`);
}

/** True for 3.0, 3.0.2 and 3.1.1 (MS-SMB2 "SMB 3.x dialect family"). */
export function isSmb3(dialect: SessionDialect): boolean {
  return dialect >= Smb2Dialects.SMB_3_0;
}
