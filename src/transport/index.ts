export { tcpConnector, connectionError, connectionLost, type Connector, type ConnectTarget } from './connector.js';
export { NetbiosFramer, netbiosHeader } from './netbios.js';
export { RecordMarkingFramer, recordMarkingHeader, encodeRecord, DEFAULT_MAX_RECORD, type RecordMarkingOptions } from './record-marking.js';
export { Multiplexer, type WaitOptions } from './multiplexer.js';
export { systemEntropy, seededEntropy, type Entropy } from './entropy.js';
export { BufferPool } from './buffer-pool.js';
