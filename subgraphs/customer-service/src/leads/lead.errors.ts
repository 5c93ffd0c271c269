import { badInput, conflict, forbidden, notFound } from '@group/shared';

/** The stable error reasons of leads (extensions.reason). */
export const leadErrors = {
  notFound: (id: string) => notFound('Lead', id),
  nameBlank: () => badInput('LEAD_NAME_BLANK', 'The lead name must not be blank'),
  sourceInvalid: (value: string) => badInput('LEAD_SOURCE_INVALID', `Unknown value ${value}`),
  statusInvalid: (value: string) => badInput('LEAD_STATUS_INVALID', `Unknown value ${value}`),
  newCustomerKindInvalid: (value: string) => badInput('CUSTOMER_KIND_INVALID', `Unknown value ${value}`),
  closed: (code: string, status: string) => conflict('LEAD_CLOSED', `Lead ${code} is ${status}`),
  convertWithConvertLead: () => badInput('LEAD_CONVERT_WITH_CONVERT_LEAD', 'Use convertLead to convert a lead'),
  reasonRequired: (status: string) => badInput('LEAD_REASON_REQUIRED', `Say why the lead is ${status}`),
  ownerAssignmentForbidden: () => forbidden('OWNER_ASSIGNMENT_FORBIDDEN', 'Only a segment head can give a lead to another owner'),
  customerRequired: () => badInput('LEAD_CUSTOMER_REQUIRED', 'Give an existing customer (customerId) or the new customer to create (newCustomer)'),
};
