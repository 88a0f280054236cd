// Every operation netfs can decode, by nfs_opnum4.
import { Op } from '../constants.js';
import { ATTR_CODECS } from './attr.js';
import { CLIENT_CODECS } from './client.js';
import { statusOnly, type OpCodec } from './common.js';
import { DIR_CODECS } from './dir.js';
import { FH_CODECS } from './fh.js';
import { IO_CODECS } from './io.js';
import { LOCK_CODECS } from './lock.js';
import { OPEN_CODECS } from './open.js';
import { PNFS_CODECS } from './pnfs.js';
import { V42_CODECS } from './v42.js';

export const OP_CODECS: ReadonlyMap<number, OpCodec> = new Map<number, OpCodec>([
  ...FH_CODECS,
  ...ATTR_CODECS,
  ...DIR_CODECS,
  ...IO_CODECS,
  ...OPEN_CODECS,
  ...LOCK_CODECS,
  ...CLIENT_CODECS,
  ...PNFS_CODECS,
  ...V42_CODECS,
  // ILLEGAL4args is void and ILLEGAL4res only its status (RFC 8881 18.52).
  [Op.ILLEGAL, { args: () => undefined, res: statusOnly }],
]);

export type { OpCodec } from './common.js';
