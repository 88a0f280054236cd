import { describe, expect, it } from 'vitest';
import {
  AvId,
  decodeAuthenticateMessage,
  decodeAvPairs,
  decodeChallengeMessage,
  decodeNegotiateMessage,
  describeAvPairs,
  encodeAuthenticateMessage,
  encodeAvPairs,
  encodeNegotiateMessage,
  NegotiateFlags,
} from '../../../../src/smb-common/ntlmssp/index.js';
import { DecodeError } from '../../../../src/wire/index.js';
import { bytes, utf16 } from '../golden.js';
import { expectEveryTruncationThrows } from '../truncation.js';
import { CAPTURE_AUTHENTICATE, CAPTURE_CHALLENGE, CAPTURE_NEGOTIATE, SPEC_AUTHENTICATE, SPEC_CHALLENGE } from './fixtures.js';

describe('NEGOTIATE_MESSAGE (MS-NLMP 2.2.1.1)', () => {
  it('encodes the default client message', () => {
    expect(encodeNegotiateMessage()).toEqual(
      bytes(
        '4e544c4d53535000', // Signature
        '01000000', // MessageType NEGOTIATE
        '158208e2', // NegotiateFlags: UNICODE REQUEST_TARGET SIGN NTLM ALWAYS_SIGN ESS VERSION 128 KEY_EXCH 56
        '0000', '0000', '28000000', // DomainNameFields: empty, offset 40
        '0000', '0000', '28000000', // WorkstationFields: empty, offset 40
        '0601', '0000', '000000', '0f', // Version 6.1, build 0, reserved, revision 15
      ),
    );
  });

  it("reproduces Samba's smbclient NEGOTIATE_MESSAGE byte for byte with its flags", () => {
    expect(encodeNegotiateMessage({ flags: 0x62088215 })).toEqual(CAPTURE_NEGOTIATE);
  });

  it('sends OEM domain and workstation with their SUPPLIED flags, and decodes them back', () => {
    const msg = encodeNegotiateMessage({ domainName: 'DOM', workstation: 'WS', flags: NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE });
    expect(msg).toEqual(
      bytes(
        '4e544c4d53535000', // Signature
        '01000000', // MessageType
        '01300000', // NegotiateFlags: UNICODE | OEM_DOMAIN_SUPPLIED | OEM_WORKSTATION_SUPPLIED
        '0300', '0300', '20000000', // DomainNameFields: 3 bytes at 32 (no Version field)
        '0200', '0200', '23000000', // WorkstationFields: 2 bytes at 35
        '444f4d', // 'DOM'
        '5753', // 'WS'
      ),
    );
    expect(decodeNegotiateMessage(msg)).toEqual({ flags: 0x3001, domainName: 'DOM', workstation: 'WS' });
  });

  it('decodes the captured message, and every truncation throws DecodeError', () => {
    expect(decodeNegotiateMessage(CAPTURE_NEGOTIATE)).toEqual({
      flags: 0x62088215,
      domainName: '',
      workstation: '',
      version: { major: 6, minor: 1, build: 0, revision: 15 },
    });
    expectEveryTruncationThrows(CAPTURE_NEGOTIATE.subarray(0, 32), decodeNegotiateMessage);
  });

  it('rejects a wrong signature or message type', () => {
    const bad = Buffer.from(CAPTURE_NEGOTIATE);
    bad[0] = 0x4f;
    expect(() => decodeNegotiateMessage(bad)).toThrow(DecodeError);
    expect(() => decodeNegotiateMessage(SPEC_CHALLENGE)).toThrow(DecodeError);
  });
});

describe('CHALLENGE_MESSAGE (MS-NLMP 2.2.1.2)', () => {
  it('decodes the MS-NLMP 4.2.4.3 example', () => {
    const c = decodeChallengeMessage(SPEC_CHALLENGE);
    expect(c.flags).toBe(0xe28a8233);
    expect(c.serverChallenge.toString('hex')).toBe('0123456789abcdef');
    expect(c.targetName).toBe('Server');
    expect(c.version).toEqual({ major: 6, minor: 0, build: 6000, revision: 15 });
    expect(c.targetInfo.toString('hex')).toBe(SPEC_CHALLENGE.subarray(68).toString('hex'));
    expect(c.avPairs.map((p) => p.id)).toEqual([AvId.MsvAvNbDomainName, AvId.MsvAvNbComputerName]);
    expect(c.info).toEqual({ nbDomainName: 'Domain', nbComputerName: 'Server' });
    expect(c.raw).toBe(SPEC_CHALLENGE);
  });

  it("decodes Samba's challenge with its MsvAvTimestamp", () => {
    const c = decodeChallengeMessage(CAPTURE_CHALLENGE);
    expect(c.targetName).toBe('VM');
    expect(c.info).toEqual({ nbDomainName: 'VM', nbComputerName: 'VM', dnsDomainName: '', dnsComputerName: 'vm', timestamp: 0x01dd7ab47d61255cn });
  });

  it('every truncation throws DecodeError', () => {
    expectEveryTruncationThrows(SPEC_CHALLENGE, decodeChallengeMessage);
    expectEveryTruncationThrows(CAPTURE_CHALLENGE, decodeChallengeMessage);
  });

  it('rejects a TargetInfo field pointing outside the message', () => {
    const bad = Buffer.from(SPEC_CHALLENGE);
    bad.writeUInt32LE(200, 44); // TargetInfoBufferOffset
    expect(() => decodeChallengeMessage(bad)).toThrow(DecodeError);
  });
});

describe('AUTHENTICATE_MESSAGE (MS-NLMP 2.2.1.3)', () => {
  it('encodes the MS-NLMP 4.2.4.3 example byte for byte (no MIC)', () => {
    const d = decodeAuthenticateMessage(SPEC_AUTHENTICATE);
    const { message, micOffset } = encodeAuthenticateMessage({ ...d, withMic: false });
    expect(micOffset).toBeUndefined();
    expect(message).toEqual(SPEC_AUTHENTICATE);
  });

  it('decodes the MS-NLMP 4.2.4.3 example', () => {
    const d = decodeAuthenticateMessage(SPEC_AUTHENTICATE);
    expect(d.flags).toBe(0xe2888235);
    expect(d.domainName).toBe('Domain');
    expect(d.userName).toBe('User');
    expect(d.workstation).toBe('COMPUTER');
    expect(d.version).toEqual({ major: 5, minor: 1, build: 2600, revision: 15 });
    expect(d.lmChallengeResponse.toString('hex')).toBe('86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa');
    expect(d.ntChallengeResponse.subarray(0, 16).toString('hex')).toBe('68cd0ab851e51c96aabc927bebef6a1c');
    expect(d.encryptedRandomSessionKey.toString('hex')).toBe('c5dad2544fc9799094ce1ce90bc9d03e');
    expect(d.mic).toBeUndefined();
  });

  it("decodes Samba's message with a MIC", () => {
    const d = decodeAuthenticateMessage(CAPTURE_AUTHENTICATE);
    expect([d.userName, d.domainName, d.workstation]).toEqual(['tester', 'WORKGROUP', 'VM']);
    expect(d.micOffset).toBe(72);
    expect(d.mic?.toString('hex')).toBe('fd4e2c016d1c4e59790260b89cac86df');
    expect(d.lmChallengeResponse).toEqual(Buffer.alloc(24));
    expect(d.ntChallengeResponse.length).toBe(200);
  });

  it('lays out Version and a zeroed MIC when asked for one', () => {
    const { message, micOffset } = encodeAuthenticateMessage({
      flags: NegotiateFlags.NTLMSSP_NEGOTIATE_UNICODE,
      lmChallengeResponse: Buffer.alloc(0),
      ntChallengeResponse: Buffer.alloc(0),
      domainName: 'D',
      userName: 'U',
      workstation: '',
      encryptedRandomSessionKey: Buffer.alloc(0),
      withMic: true,
    });
    expect(micOffset).toBe(72);
    expect(message).toEqual(
      bytes(
        '4e544c4d53535000', // Signature
        '03000000', // MessageType
        '0000', '0000', '5c000000', // LmChallengeResponseFields: empty at 92
        '0000', '0000', '5c000000', // NtChallengeResponseFields: empty at 92
        '0200', '0200', '58000000', // DomainNameFields: 2 bytes at 88
        '0200', '0200', '5a000000', // UserNameFields: 2 bytes at 90
        '0000', '0000', '5c000000', // WorkstationFields: empty at 92
        '0000', '0000', '5c000000', // EncryptedRandomSessionKeyFields: empty at 92
        '01000000', // NegotiateFlags: UNICODE (no VERSION: the Version field is zero)
        '0000000000000000', // Version
        '00000000000000000000000000000000', // MIC, filled in later
        utf16('D'), // DomainName
        utf16('U'), // UserName
      ),
    );
  });

  it('every truncation throws DecodeError', () => {
    expectEveryTruncationThrows(SPEC_AUTHENTICATE, decodeAuthenticateMessage);
    expectEveryTruncationThrows(CAPTURE_AUTHENTICATE, decodeAuthenticateMessage);
  });
});

describe('AV_PAIR lists (MS-NLMP 2.2.2.1)', () => {
  it('encodes with a terminating MsvAvEOL and describes the values', () => {
    const ts = Buffer.alloc(8);
    ts.writeBigUInt64LE(0x01dd7ab47d61255cn);
    const flags = Buffer.from('02000000', 'hex');
    const list = encodeAvPairs([
      { id: AvId.MsvAvNbComputerName, value: Buffer.from('SRV', 'utf16le') },
      { id: AvId.MsvAvTimestamp, value: ts },
      { id: AvId.MsvAvFlags, value: flags },
    ]);
    expect(list).toEqual(
      bytes(
        '0100', '0600', utf16('SRV'), // MsvAvNbComputerName
        '0700', '0800', '5c25617db47add01', // MsvAvTimestamp
        '0600', '0400', '02000000', // MsvAvFlags: MIC present
        '0000', '0000', // MsvAvEOL
      ),
    );
    expect(describeAvPairs(decodeAvPairs(list))).toEqual({ nbComputerName: 'SRV', timestamp: 0x01dd7ab47d61255cn, flags: 2 });
  });

  it('stops at MsvAvEOL, and a pair running past the end throws DecodeError', () => {
    expect(decodeAvPairs(bytes('0000', '0000', '0100', '0200', '4100'))).toEqual([]);
    expect(() => decodeAvPairs(bytes('0100', '0400', '4100'))).toThrow(DecodeError);
    expect(() => describeAvPairs([{ id: AvId.MsvAvTimestamp, value: Buffer.alloc(4) }])).toThrow(DecodeError);
  });
});

describe('flag tables', () => {
  it('DEFAULT_CLIENT_FLAGS is an unsigned 32-bit value', async () => {
    const { DEFAULT_CLIENT_FLAGS } = await import('../../../../src/smb-common/ntlmssp/index.js');
    expect(DEFAULT_CLIENT_FLAGS).toBe(0xe2088215);
  });
});
