/**
 * netfs: a network filesystem client in TypeScript.
 *
 *   import { connect, readFile } from 'netfs';
 *   const fs = await connect('smb://user:pass@host/share');
 *   const data = await readFile(fs, '/dir/file.txt');
 *   await fs.close();
 */
export { connect, resolveUrl, type ConnectOptions, type UrlTarget } from './connect.js';
export * from './vfs/index.js';
export { parseUrl, redact, type NetfsUrl } from './vfs/url.js';
export { systemEntropy, seededEntropy, type Entropy } from './transport/entropy.js';
export { tcpConnector, type Connector, type ConnectTarget } from './transport/connector.js';
export { replayConnector, traceConnector } from './capture/index.js';
export { DecodeError } from './wire/errors.js';
