/**
 * Real traffic, recorded for these tests on 2026-11-23: Samba 4.22.6 smbd and smbclient 4.22.6 on
 * loopback, user WORKGROUP\\tester, password `secret`; from each session one signed message or
 * one encrypted TREE_DISCONNECT exchange. Session keys are the NTLMSSP session keys
 * tshark 4.0.17 recovers from the password (`-o ntlmssp.nt_password:secret`); preauth hashes are
 * SHA-512 chains over each session's NEGOTIATE and SESSION_SETUP messages. The signatures and
 * AEAD tags were made by Samba, so a key or algorithm that is wrong here cannot verify.
 * Golden bytes: one header field per line.
 */

const golden = (text: string): string => text.replace(/--[^\n]*/g, '').replace(/\s+/g, '');

/** SMB 2.1, HMAC-SHA256: a TREE_DISCONNECT request signed by smbclient (signing key = session key). */
export const SAMBA_SMB21_HMAC = {
  sessionKey: 'BCCF4D123E5539B4C74E2BAEB8443B65',
  message: golden(`
      FE534D42                          -- ProtocolId
      4000                              -- StructureSize
      0100                              -- CreditCharge
      00000000                          -- Status/ChannelSequence
      0400                              -- Command
      0100                              -- CreditRequest/Response
      08000000                          -- Flags
      00000000                          -- NextCommand
      0600000000000000                  -- MessageId
      00000000                          -- Reserved (ProcessId)
      DEAB932A                          -- TreeId
      702C948600000000                  -- SessionId
      F05C3741E5356F90F7A26C702A569073  -- Signature
      04000000                          -- body
  `),
} as const;

/** SMB 3.1.1 without AES-GMAC (client offered only AES-128-CMAC): the final SESSION_SETUP response, signed by smbd. */
export const SAMBA_SMB311_CMAC = {
  sessionKey: 'C1E7AC689F29E439BC0CB368F3D7C7B2',
  preauthHash: `F0575DD2D6C232334CFC8428119C0C0741CA51EDF625B26830A0792071B1A186
    A86BD18777F10C5C7B3ECC18BC2EB9510ED14CD9D21175D39F6BC2D87E447ECD`,
  message: golden(`
      FE534D42                          -- ProtocolId
      4000                              -- StructureSize
      0100                              -- CreditCharge
      00000000                          -- Status/ChannelSequence
      0100                              -- Command
      0020                              -- CreditRequest/Response
      19000000                          -- Flags
      00000000                          -- NextCommand
      0200000000000000                  -- MessageId
      00000000                          -- Reserved (ProcessId)
      00000000                          -- TreeId
      9E42D81F00000000                  -- SessionId
      237EEEED7C5AB33CF1DB757747A7C457  -- Signature
      0900040048001D00A11B3019A0030A0100A312041001000000F602C346952ABA2900000000 -- body
  `),
} as const;

/** SMB 3.1.1, AES-128-CCM: an encrypted TREE_DISCONNECT request (smbclient) and its response (smbd). */
export const SAMBA_SMB311_AES128CCM = {
  sessionKey: '0E6BF2F284EDB9C881A03D23A082C3E5',
  preauthHash: `8437E7F853DCF54A95D39BC71422DB07B4EA02B55AC1E884685F84D20E2C8002
    91F65366FFF9D8CCAEED928A889E7BDDA9BB3743637FDE63F4AA90DD71D07D9E`,
  request: golden(`
      FD534D42                          -- ProtocolId
      0E2F2BCDEE92A8CF3339C0EBB6B6525B  -- Signature
      03000000000000001279010000000000  -- Nonce
      44000000                          -- OriginalMessageSize
      0000                              -- Reserved
      0100                              -- Flags
      B7B5B64800000000                  -- SessionId
      1454D34349836B104BB8EAA62C6E12A376B66F2F24EDB266F3CE25514957EB89C0C52AD9AC80AF475C8514B589AD84BDCC96F8806EF4EAE0A24B30178D65BC162F8C4A0D
                                        -- encrypted message
  `),
  requestPlaintext: golden(`
      FE534D42                          -- ProtocolId
      4000                              -- StructureSize
      0100                              -- CreditCharge
      00000000                          -- Status/ChannelSequence
      0400                              -- Command
      0100                              -- CreditRequest/Response
      10000000                          -- Flags
      00000000                          -- NextCommand
      0500000000000000                  -- MessageId
      00000000                          -- Reserved (ProcessId)
      AE8EEFE8                          -- TreeId
      B7B5B64800000000                  -- SessionId
      00000000000000000000000000000000  -- Signature
      04000000                          -- body
  `),
  response: golden(`
      FD534D42                          -- ProtocolId
      D210523900EA38C1470DF1B9F3166F12  -- Signature
      0300000000000000F3D4FB0000000000  -- Nonce
      44000000                          -- OriginalMessageSize
      0000                              -- Reserved
      0100                              -- Flags
      B7B5B64800000000                  -- SessionId
      4EDB99BC0AA16E6795194D3FBB95420B9D51AAAAA0884B24DD4555BED87035400D063AE411E46CAB237DBD275E49251DA68FF2FEB0A6F8757989A7F46D5499A84DA6650F
                                        -- encrypted message
  `),
  responsePlaintext: golden(`
      FE534D42                          -- ProtocolId
      4000                              -- StructureSize
      0100                              -- CreditCharge
      00000000                          -- Status/ChannelSequence
      0400                              -- Command
      0100                              -- CreditRequest/Response
      11000000                          -- Flags
      00000000                          -- NextCommand
      0500000000000000                  -- MessageId
      00000000                          -- Reserved (ProcessId)
      AE8EEFE8                          -- TreeId
      B7B5B64800000000                  -- SessionId
      00000000000000000000000000000000  -- Signature
      04000000                          -- body
  `),
} as const;

/** SMB 3.1.1, AES-256-GCM, AES-GMAC signing: an encrypted TREE_DISCONNECT request (smbclient) and its response (smbd). */
export const SAMBA_SMB311_AES256GCM = {
  sessionKey: '37AD2C06541B498B8F31FE4BB5DA817D',
  preauthHash: `644ACBECF89DA9ED5FF4F51B8B8E6DDB2631B5E82C7EFF9C58216CE802BF6DB0
    9BC5C955DA7627FCE75A507112246D3915191327A755D01B1FF59A8A8FE07B71`,
  /** The final SESSION_SETUP response, signed by smbd with AES-GMAC. */
  signedMessage: golden(`
      FE534D42                          -- ProtocolId
      4000                              -- StructureSize
      0100                              -- CreditCharge
      00000000                          -- Status/ChannelSequence
      0100                              -- Command
      0020                              -- CreditRequest/Response
      19000000                          -- Flags
      00000000                          -- NextCommand
      0200000000000000                  -- MessageId
      00000000                          -- Reserved (ProcessId)
      00000000                          -- TreeId
      F8BA365300000000                  -- SessionId
      55BA4D4835CD399FF93579FE9D6FA814  -- Signature
      0900040048001D00A11B3019A0030A0100A312041001000000E14308F190A9E3F800000000 -- body
  `),
  request: golden(`
      FD534D42                          -- ProtocolId
      D4015DE1BBAC930EA0171E8BE776198E  -- Signature
      0300000000000000BFC2DA6B00000000  -- Nonce
      44000000                          -- OriginalMessageSize
      0000                              -- Reserved
      0100                              -- Flags
      F8BA365300000000                  -- SessionId
      74C0268DA5ED7BA29A17DB8D9F1BA2BB9BE69127507638ACFA61DDE0E743F7280085E4748D023E73E9E49FC7252AEF1DD2FB3332C0215CA8F38DC8B980F9F816DAB17442
                                        -- encrypted message
  `),
  requestPlaintext: golden(`
      FE534D42                          -- ProtocolId
      4000                              -- StructureSize
      0100                              -- CreditCharge
      00000000                          -- Status/ChannelSequence
      0400                              -- Command
      0100                              -- CreditRequest/Response
      10000000                          -- Flags
      00000000                          -- NextCommand
      0500000000000000                  -- MessageId
      00000000                          -- Reserved (ProcessId)
      60DB6FDC                          -- TreeId
      F8BA365300000000                  -- SessionId
      00000000000000000000000000000000  -- Signature
      04000000                          -- body
  `),
  response: golden(`
      FD534D42                          -- ProtocolId
      3AFF9031D381B4C90DF1A545D0C12C43  -- Signature
      03000000000000008CB0688F00000000  -- Nonce
      44000000                          -- OriginalMessageSize
      0000                              -- Reserved
      0100                              -- Flags
      F8BA365300000000                  -- SessionId
      476EE61A10AC34E02C5227D581D8572E5030B77C61B2D713AC5BEBFF43811C2E0301D0B1CFF17B0802B244902A79E9709C5FACB3BE9763E2C175B86DB6DD4375E5AB6832
                                        -- encrypted message
  `),
  responsePlaintext: golden(`
      FE534D42                          -- ProtocolId
      4000                              -- StructureSize
      0100                              -- CreditCharge
      00000000                          -- Status/ChannelSequence
      0400                              -- Command
      0100                              -- CreditRequest/Response
      11000000                          -- Flags
      00000000                          -- NextCommand
      0500000000000000                  -- MessageId
      00000000                          -- Reserved (ProcessId)
      60DB6FDC                          -- TreeId
      F8BA365300000000                  -- SessionId
      00000000000000000000000000000000  -- Signature
      04000000                          -- body
  `),
} as const;

/** SMB 3.1.1, AES-256-CCM: an encrypted TREE_DISCONNECT request (smbclient) and its response (smbd). */
export const SAMBA_SMB311_AES256CCM = {
  sessionKey: 'F588011FFD8F167020D36012FD498ABC',
  preauthHash: `FD48750C4ACFA5BB005E225398B73DDB29443F4A905FDD90EEC7B9A8796C01EB
    E0CAAB1E7D83DD0CEC800518E495146A56744D29106D9BEA4279A11D54C6F844`,
  request: golden(`
      FD534D42                          -- ProtocolId
      A0DA642F7BC69321B21100BE5370E206  -- Signature
      0300000000000000B0DB2B0000000000  -- Nonce
      44000000                          -- OriginalMessageSize
      0000                              -- Reserved
      0100                              -- Flags
      0E2B5EF900000000                  -- SessionId
      9643B7E573C38AE4224D5B69F9711EC01AA83271F572A82329E1543EED7BDDFF48BD706DC5F1F803948B65DBB61DE87CD0A750513DE620E8754C6ABB969AC7FC0B504079
                                        -- encrypted message
  `),
  requestPlaintext: golden(`
      FE534D42                          -- ProtocolId
      4000                              -- StructureSize
      0100                              -- CreditCharge
      00000000                          -- Status/ChannelSequence
      0400                              -- Command
      0100                              -- CreditRequest/Response
      10000000                          -- Flags
      00000000                          -- NextCommand
      0500000000000000                  -- MessageId
      00000000                          -- Reserved (ProcessId)
      BD91636D                          -- TreeId
      0E2B5EF900000000                  -- SessionId
      00000000000000000000000000000000  -- Signature
      04000000                          -- body
  `),
  response: golden(`
      FD534D42                          -- ProtocolId
      D127C8ADBDAABDE27B3FD9051AF314C9  -- Signature
      030000000000000007FC160000000000  -- Nonce
      44000000                          -- OriginalMessageSize
      0000                              -- Reserved
      0100                              -- Flags
      0E2B5EF900000000                  -- SessionId
      09D9159F24CCBCC52F5C3194B75A454211F0E7CD4B9F3292C4BDA16E1740777CFA3681FD0ABA806B0632CEADAAC75A3414E0B30C6CA310C5E0EADABA6215AAFFB17928EA
                                        -- encrypted message
  `),
  responsePlaintext: golden(`
      FE534D42                          -- ProtocolId
      4000                              -- StructureSize
      0100                              -- CreditCharge
      00000000                          -- Status/ChannelSequence
      0400                              -- Command
      0100                              -- CreditRequest/Response
      11000000                          -- Flags
      00000000                          -- NextCommand
      0500000000000000                  -- MessageId
      00000000                          -- Reserved (ProcessId)
      BD91636D                          -- TreeId
      0E2B5EF900000000                  -- SessionId
      00000000000000000000000000000000  -- Signature
      04000000                          -- body
  `),
} as const;
