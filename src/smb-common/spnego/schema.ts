import { AsnArray, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';

// RFC 4178 4.2 and MS-SPNG 2.2.1 ASN.1 types (the SPNEGO module uses EXPLICIT TAGS), declared with
// @peculiar/asn1-schema's decorator functions called directly (tsconfig has no experimentalDecorators).

/** MechTypeList ::= SEQUENCE OF MechType (RFC 4178 4.1). */
export class MechTypeList extends AsnArray<string> {
  constructor(items?: string[]) {
    super(items);
    Object.setPrototypeOf(this, MechTypeList.prototype);
  }
}
AsnType({ type: AsnTypeTypes.Sequence, itemType: AsnPropTypes.ObjectIdentifier })(MechTypeList);

/** NegTokenInit ::= SEQUENCE { mechTypes [0], reqFlags [1], mechToken [2], mechListMIC [3] } (RFC 4178 4.2.1). */
export class NegTokenInitAsn {
  mechTypes = new MechTypeList();
  declare reqFlags?: ArrayBuffer;
  declare mechToken?: ArrayBuffer;
  declare mechListMIC?: ArrayBuffer;
}
AsnType({ type: AsnTypeTypes.Sequence })(NegTokenInitAsn);
AsnProp({ type: MechTypeList, context: 0 })(NegTokenInitAsn.prototype, 'mechTypes');
AsnProp({ type: AsnPropTypes.BitString, context: 1, optional: true })(NegTokenInitAsn.prototype, 'reqFlags');
AsnProp({ type: AsnPropTypes.OctetString, context: 2, optional: true })(NegTokenInitAsn.prototype, 'mechToken');
AsnProp({ type: AsnPropTypes.OctetString, context: 3, optional: true })(NegTokenInitAsn.prototype, 'mechListMIC');

/** NegHints ::= SEQUENCE { hintName [0] GeneralString, hintAddress [1] OCTET STRING } (MS-SPNG 2.2.1). */
export class NegHintsAsn {
  declare hintName?: string;
  declare hintAddress?: ArrayBuffer;
}
AsnType({ type: AsnTypeTypes.Sequence })(NegHintsAsn);
AsnProp({ type: AsnPropTypes.GeneralString, context: 0, optional: true })(NegHintsAsn.prototype, 'hintName');
AsnProp({ type: AsnPropTypes.OctetString, context: 1, optional: true })(NegHintsAsn.prototype, 'hintAddress');

/** NegTokenInit2 ::= SEQUENCE { mechTypes [0], reqFlags [1], mechToken [2], negHints [3], mechListMIC [4] } (MS-SPNG 2.2.1). */
export class NegTokenInit2Asn {
  declare mechTypes?: MechTypeList;
  declare reqFlags?: ArrayBuffer;
  declare mechToken?: ArrayBuffer;
  declare negHints?: NegHintsAsn;
  declare mechListMIC?: ArrayBuffer;
}
AsnType({ type: AsnTypeTypes.Sequence })(NegTokenInit2Asn);
AsnProp({ type: MechTypeList, context: 0, optional: true })(NegTokenInit2Asn.prototype, 'mechTypes');
AsnProp({ type: AsnPropTypes.BitString, context: 1, optional: true })(NegTokenInit2Asn.prototype, 'reqFlags');
AsnProp({ type: AsnPropTypes.OctetString, context: 2, optional: true })(NegTokenInit2Asn.prototype, 'mechToken');
AsnProp({ type: NegHintsAsn, context: 3, optional: true })(NegTokenInit2Asn.prototype, 'negHints');
AsnProp({ type: AsnPropTypes.OctetString, context: 4, optional: true })(NegTokenInit2Asn.prototype, 'mechListMIC');

/** NegTokenResp ::= SEQUENCE { negState [0] ENUMERATED, supportedMech [1], responseToken [2], mechListMIC [3] } (RFC 4178 4.2.2). */
export class NegTokenRespAsn {
  declare negState?: number;
  declare supportedMech?: string;
  declare responseToken?: ArrayBuffer;
  declare mechListMIC?: ArrayBuffer;
}
AsnType({ type: AsnTypeTypes.Sequence })(NegTokenRespAsn);
AsnProp({ type: AsnPropTypes.Enumerated, context: 0, optional: true })(NegTokenRespAsn.prototype, 'negState');
AsnProp({ type: AsnPropTypes.ObjectIdentifier, context: 1, optional: true })(NegTokenRespAsn.prototype, 'supportedMech');
AsnProp({ type: AsnPropTypes.OctetString, context: 2, optional: true })(NegTokenRespAsn.prototype, 'responseToken');
AsnProp({ type: AsnPropTypes.OctetString, context: 3, optional: true })(NegTokenRespAsn.prototype, 'mechListMIC');

/** NegotiationToken ::= CHOICE { negTokenInit [0], negTokenResp [1] } (RFC 4178 4.2). */
export class NegotiationTokenAsn {
  declare negTokenInit?: NegTokenInitAsn;
  declare negTokenResp?: NegTokenRespAsn;
}
AsnType({ type: AsnTypeTypes.Choice })(NegotiationTokenAsn);
AsnProp({ type: NegTokenInitAsn, context: 0 })(NegotiationTokenAsn.prototype, 'negTokenInit');
AsnProp({ type: NegTokenRespAsn, context: 1 })(NegotiationTokenAsn.prototype, 'negTokenResp');

/** The same CHOICE with the server's NegTokenInit2 in place of NegTokenInit (MS-SPNG 2.2.1). */
export class NegotiationToken2Asn {
  declare negTokenInit?: NegTokenInit2Asn;
}
AsnType({ type: AsnTypeTypes.Choice })(NegotiationToken2Asn);
AsnProp({ type: NegTokenInit2Asn, context: 0 })(NegotiationToken2Asn.prototype, 'negTokenInit');
