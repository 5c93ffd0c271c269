import { badInput, conflict, forbidden, notFound } from '@group/shared';

/** The stable error reasons of customers, their contacts and merges (extensions.reason). */
export const customerErrors = {
  notFound: (id: string) => notFound('Customer', id),
  nameBlank: () => badInput('CUSTOMER_NAME_BLANK', 'The customer name must not be blank'),
  kindInvalid: (kind: string) => badInput('CUSTOMER_KIND_INVALID', `Unknown customer kind ${kind}`),
  ownerAssignmentForbidden: () => forbidden('OWNER_ASSIGNMENT_FORBIDDEN', 'Only a segment head can give a customer to another owner'),
  contactNotFound: (id: string) => notFound('CustomerContact', id),
  contactNameBlank: () => badInput('CONTACT_NAME_BLANK', 'The contact name must not be blank'),
  contactEmailInvalid: () => badInput('CONTACT_EMAIL_INVALID', 'Not an e-mail address'),
  mergeSameCustomer: () => badInput('MERGE_SAME_CUSTOMER', 'A customer cannot be merged into itself'),
  mergeSegmentHeadOnly: () => forbidden('MERGE_SEGMENT_HEAD_ONLY', 'Only a segment head can merge customers'),
  mergeAcrossSegments: () => conflict('MERGE_ACROSS_SEGMENTS', 'Customers of different segments cannot be merged; the group marketing department must allocate one first (CS-R36)'),
};
