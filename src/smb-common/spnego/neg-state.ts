// RFC 4178 4.2.2 negState ENUMERATED.
export const NegState = {
  ACCEPT_COMPLETED: 0,
  ACCEPT_INCOMPLETE: 1,
  REJECT: 2,
  REQUEST_MIC: 3,
} as const;

export type NegStateValue = (typeof NegState)[keyof typeof NegState];

export function isNegState(v: unknown): v is NegStateValue {
  return v === 0 || v === 1 || v === 2 || v === 3;
}
