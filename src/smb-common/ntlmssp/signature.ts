import type { Reader } from '../../wire/index.js';
import { NTLMSSP_SIGNATURE } from './constants.js';

/** Reads and checks the Signature and MessageType common to every NTLM message (MS-NLMP 2.2.1). */
export function readSignature(msg: Reader, expectedType: number): void {
  const sig = msg.bytes(8);
  if (!sig.equals(NTLMSSP_SIGNATURE)) msg.fail('not an NTLMSSP message (bad signature)');
  const type = msg.u32le();
  if (type !== expectedType) msg.fail(`NTLMSSP MessageType ${type}, expected ${expectedType}`);
}
