import { badInput, conflict, notFound } from '@group/shared';

/** The stable error reasons of segment allocations (extensions.reason). */
export const allocationErrors = {
  notFound: (id: string) => notFound('SegmentAllocation', id),
  reasonRequired: () => badInput('ALLOCATION_REASON_REQUIRED', 'Say why the record moves to another segment'),
  requestReasonRequired: () => badInput('ALLOCATION_REASON_REQUIRED', 'Say why the record should move to another segment'),
  requestLeadHasCustomer: () => conflict('ALLOCATION_LEAD_HAS_CUSTOMER', 'This lead belongs to a customer: ask for the customer to be allocated (it takes its leads along)'),
  leadHasCustomer: () => conflict('ALLOCATION_LEAD_HAS_CUSTOMER', 'This lead belongs to a customer: allocate the customer (it takes its leads along)'),
  recordTypeInvalid: (type: string) => badInput('ALLOCATION_RECORD_TYPE_INVALID', `Unknown record type ${type}`),
  sameSegment: (what: 'record' | 'customer' | 'lead') => conflict('ALLOCATION_SAME_SEGMENT', `The ${what} is already in that segment`),
  noteRequired: () => badInput('ALLOCATION_NOTE_REQUIRED', 'Say why the request is rejected'),
  alreadyDecided: (status: string) => conflict('ALLOCATION_ALREADY_DECIDED', `The request is already ${status}`),
  recordMoved: () => conflict('ALLOCATION_RECORD_MOVED', 'The record changed segment since the request; reject it and ask again'),
  segmentRequired: () => badInput('ALLOCATION_SEGMENT_REQUIRED', 'Give the target segment'),
};
