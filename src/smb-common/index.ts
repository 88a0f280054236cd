// What SMB1 (cifs/) and SMB2 (smb2/) share.
export * from './utf16.js';
export * from './filetime.js';
export * from './ntstatus.js';
export * from './ntlmssp/index.js';
export * from './spnego/index.js';
export * from './fscc/index.js';
export * from './security/index.js';
