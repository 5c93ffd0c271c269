import { badInput } from '@group/shared';

/** The duty catalogue aggregate's error reasons (docs/errors.md lists them with the operations that raise them). */
export const dutyErrors = {
  dutyTextRequired: () => badInput('DUTY_TEXT_REQUIRED', 'Every duty needs its text'),
  roleDutiesAreReferenceData: () => badInput('ROLE_DUTIES_ARE_REFERENCE_DATA', 'Duties of a kind of unit or role are loaded with their source catalogue, not set here'),
  sourceDocumentInvalid: () => badInput('SOURCE_DOCUMENT_INVALID', "The source must be a document of the holder's company or of the group"),
};
