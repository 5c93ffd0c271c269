import { canReadSegment, Capability, hasCapability, Role, Viewer } from '@group/shared';

/**
 * The group marketing department operator (集团公司市场营销部, domain.md
 * §3.1.1/§3.1.2): a capability organization signs into the token, on top of
 * the account's role. Where domain.md makes the department the owner (tag
 * rules and tier rules MKT-R23, competitor intelligence MKT-R23, campaigns
 * and audiences as group programmes, KEY_ACCOUNT tiers G-23), the operator
 * may act in addition to the roles allowed today. Visibility still comes from
 * the one shared rule (readableSegments): an operator writes segment data only
 * in segments it can read.
 */
export const isMarketingOperator = (viewer: Viewer) => hasCapability(viewer, Capability.MARKETING_OPERATOR);

/** The viewer has one of `roles`, or is the marketing department operator. */
export const roleOrOperator = (roles: ReadonlySet<Role>, viewer: Viewer) => roles.has(viewer.role) || isMarketingOperator(viewer);

/** A segment the viewer may write segment data of: its own, or, for the operator, any it can read. */
export const canWriteSegment = (viewer: Viewer, segmentId: string) => viewer.segmentIds.includes(segmentId) || (isMarketingOperator(viewer) && canReadSegment(viewer, segmentId));
