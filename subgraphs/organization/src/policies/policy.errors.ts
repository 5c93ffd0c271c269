import { badInput, conflict, forbidden, notFound } from '@group/shared';

/** The policies aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const policyErrors = {
  authorizerLacksPower: (title: string, matter: string) => forbidden('AUTHORIZER_LACKS_POWER', `The authorizer holds no power to approve 《${title}》 (${matter})`),
  authorizerNotActive: (name: string) => conflict('AUTHORIZER_NOT_ACTIVE', `${name} is not active and cannot sign`),
  authorizerNotEmployee: () => forbidden('AUTHORIZER_NOT_EMPLOYEE', 'Only a person signs a version: sign in with an account linked to the authorizer'),
  authorizerNotSelf: () => forbidden('AUTHORIZER_NOT_SELF', 'The authorizer signs in as themselves; a version is not approved on behalf of another person'),
  changeRecordRequired: () => badInput('CHANGE_RECORD_REQUIRED', 'A version needs its change record (修改记录)'),
  documentNumberRequired: () => badInput('DOCUMENT_NUMBER_REQUIRED', 'A standard carries its document number (编号)'),
  invalidVersionTransition: (versionNumber: string, status: string, from: string) =>
    conflict('INVALID_VERSION_TRANSITION', `Version ${versionNumber} is ${status}, not ${from}`, { status }),
  openVersionExists: () => conflict('OPEN_VERSION_EXISTS', 'The document already has a version in progress; publish or withdraw it first'),
  ownerBodyOtherCompany: () => badInput('OWNER_BODY_OTHER_COMPANY', 'The owning body belongs to another company'),
  policyDocumentNotFound: (id: string) => notFound('PolicyDocument', id),
  policyVersionNotFound: (id: string) => notFound('PolicyVersion', id),
  publishNeedsApproval: (versionNumber: string, status: string) =>
    conflict('PUBLISH_NEEDS_APPROVAL', `Version ${versionNumber} is ${status}: only a version signed by its approver is published`),
  versionDateRequired: () => badInput('VERSION_DATE_REQUIRED', 'A version needs its date (日期)'),
  versionExists: (versionNumber: string) => conflict('VERSION_EXISTS', `Version ${versionNumber} already exists`),
  versionImmutable: (versionNumber: string, status: string) => conflict('VERSION_IMMUTABLE', `Version ${versionNumber} is ${status}: draft a new version to change it`),
  versionLabelRequired: () => badInput('VERSION_LABEL_REQUIRED', 'A version needs its version number (版本)'),
  versionNotDraft: (versionNumber: string, status: string) => conflict('VERSION_NOT_DRAFT', `Version ${versionNumber} is ${status}; only a draft is edited`),
};
