import { bytes, utf16 } from '../golden.js';

// MS-NLMP 4.2.4.3: the NTLMv2 example CHALLENGE_MESSAGE (User "User", UserDom "Domain",
// Passwd "Password", server "Server", workstation "COMPUTER").
export const SPEC_CHALLENGE = bytes(
  '4e544c4d53535000', // Signature 'NTLMSSP\0'
  '02000000', // MessageType CHALLENGE
  '0c00', // TargetNameLen 12
  '0c00', // TargetNameMaxLen
  '38000000', // TargetNameBufferOffset 56
  '33828ae2', // NegotiateFlags 0xe28a8233
  '0123456789abcdef', // ServerChallenge
  '0000000000000000', // Reserved
  '2400', // TargetInfoLen 36
  '2400', // TargetInfoMaxLen
  '44000000', // TargetInfoBufferOffset 68
  '06007017', // Version: 6.0, build 6000
  '0000000f', // Reserved, NTLMRevisionCurrent 15
  utf16('Server'), // TargetName
  '0200', // AvId MsvAvNbDomainName
  '0c00', // AvLen
  utf16('Domain'), // Value
  '0100', // AvId MsvAvNbComputerName
  '0c00', // AvLen
  utf16('Server'), // Value
  '0000', // AvId MsvAvEOL
  '0000', // AvLen
);

// MS-NLMP 4.2.4.3: the matching AUTHENTICATE_MESSAGE (client challenge aa*8, time 0,
// RandomSessionKey 55*16).
export const SPEC_AUTHENTICATE = bytes(
  '4e544c4d53535000', // Signature
  '03000000', // MessageType AUTHENTICATE
  '1800', '1800', '6c000000', // LmChallengeResponseFields: 24 bytes at 108
  '5400', '5400', '84000000', // NtChallengeResponseFields: 84 bytes at 132
  '0c00', '0c00', '48000000', // DomainNameFields: 12 bytes at 72
  '0800', '0800', '54000000', // UserNameFields: 8 bytes at 84
  '1000', '1000', '5c000000', // WorkstationFields: 16 bytes at 92
  '1000', '1000', 'd8000000', // EncryptedRandomSessionKeyFields: 16 bytes at 216
  '358288e2', // NegotiateFlags 0xe2888235
  '0501280a', // Version: 5.1, build 2600
  '0000000f', // Reserved, NTLMRevisionCurrent 15
  utf16('Domain'), // DomainName
  utf16('User'), // UserName
  utf16('COMPUTER'), // Workstation
  '86c35097ac9cec102554764a57cccc19', // LMv2 Response
  'aaaaaaaaaaaaaaaa', // LMv2 ChallengeFromClient
  '68cd0ab851e51c96aabc927bebef6a1c', // NTProofStr
  '01', '01', '0000', '00000000', // RespType, HiRespType, Reserved1, Reserved2
  '0000000000000000', // TimeStamp
  'aaaaaaaaaaaaaaaa', // ChallengeFromClient
  '00000000', // Reserved3
  '02000c00', utf16('Domain'), // MsvAvNbDomainName
  '01000c00', utf16('Server'), // MsvAvNbComputerName
  '00000000', // MsvAvEOL
  '00000000', // Z(4)
  'c5dad2544fc9799094ce1ce90bc9d03e', // EncryptedRandomSessionKey
);

// Samba 4.22 smbclient -> smbd, /work/shared/captures/reference/smb311-smbclient-basic.pcapng
// frames 8-11 (user tester, domain WORKGROUP, password secret): the NTLMSSP tokens inside SPNEGO.
export const CAPTURE_NEGOTIATE = Buffer.from('4e544c4d53535000010000001582086200000000280000000000000028000000060100000000000f', 'hex');
export const CAPTURE_CHALLENGE = Buffer.from(
  '4e544c4d5353500002000000040004003800000015828a621ef7acf02143ac6300000000000000002c002c003c000000060100000000000f' +
    '56004d000200040056004d000100040056004d00040000000300040076006d00070008005c25617db47add0100000000',
  'hex',
);
export const CAPTURE_AUTHENTICATE = Buffer.from(
  '4e544c4d53535000030000001800180058000000c800c8007000000012001200380100000c000c004a0100000400040056010000' +
    '100010005a01000015820862060100000000000ffd4e2c016d1c4e59790260b89cac86df0000000000000000000000000000000000' +
    '00000000000000b1aa23b9627905bbb76706fab0ba09b901010000000000005c25617db47add01d80a5f01a2e96da50000000002' +
    '00040056004d000100040056004d00040000000300040076006d00070008005c25617db47add0106000400020000000800300030' +
    '000000000000000000000000000000b352b4e28cffbf14a6a5cb98ecb4a9b0ca4f8cc2e5179d405af71baa4316253a0a00100000' +
    '00000000000000000000000000000009001c0063006900660073002f003100320037002e0030002e0030002e0031000000000057' +
    '004f0052004b00470052004f005500500074006500730074006500720056004d007488ef128bbc27ca4cf1ab3167c7f28c',
  'hex',
);
/** The SPNEGO mechListMICs of the same session: client (frame 10) and server (frame 11). */
export const CAPTURE_CLIENT_MECHLISTMIC = Buffer.from('010000008992d0962295430800000000', 'hex');
export const CAPTURE_SERVER_MECHLISTMIC = Buffer.from('01000000d69eead76207b0c300000000', 'hex');
