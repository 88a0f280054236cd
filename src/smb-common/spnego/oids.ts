// Object identifiers of the mechanisms SPNEGO negotiates (MS-SPNG 2.2, RFC 4178 4.1).

/** SPNEGO itself, the thisMech of the GSS-API InitialContextToken (RFC 4178 3.2). */
export const OID_SPNEGO = '1.3.6.1.5.5.2';
/** Microsoft NTLM Security Support Provider (MS-NLMP). */
export const OID_NTLMSSP = '1.3.6.1.4.1.311.2.2.10';
/** Kerberos V5 (RFC 4121). */
export const OID_KRB5 = '1.2.840.113554.1.2.2';
/** Kerberos V5 with Microsoft's legacy OID (MS-KILE 3.1.5.11). */
export const OID_MS_KRB5 = '1.2.840.48018.1.2.2';
/** NEGOEX (MS-NEGOEX). */
export const OID_NEGOEX = '1.3.6.1.4.1.311.2.2.30';
