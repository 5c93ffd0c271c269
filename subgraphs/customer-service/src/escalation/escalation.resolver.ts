import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Complaint } from '../complaints/complaint.entity';
import { requireViewer, Role } from '@group/shared';
import type { CustomerServiceContext } from '../context';
import { EscalateComplaintInput } from './dto/escalation.inputs';
import { EscalationRunResult } from './dto/escalation.outputs';
import { escalationErrors as errors } from './escalation.errors';

/** Roles allowed to trigger the job by hand (it normally runs from the CLI / a scheduler: `jobs/run-escalation.ts`). */
const JOB_ROLES = new Set<Role>([Role.SYSTEM_ADMIN, Role.GROUP_EXECUTIVE]);

@Resolver()
export class EscalationResolver {
  @Authorized()
  @Mutation(() => EscalationRunResult, {
    description: 'Runs the SLA escalation job now (system administrators and group executives). Idempotent; safe alongside scheduled runs.',
  })
  runEscalation(@Ctx() ctx: CustomerServiceContext): Promise<EscalationRunResult> {
    const viewer = requireViewer(ctx);
    if (!JOB_ROLES.has(viewer.role)) throw errors.jobRoleForbidden(viewer.role);
    return ctx.services.escalation.run();
  }

  @Authorized()
  @Mutation(() => Complaint, {
    description:
      'Raises a complaint one escalation level now, up its chain of command (responsible department -> its superior departments -> company -> group Customer Service Center, CS-R03), without waiting for an SLA breach. ' +
      'Errors: FORBIDDEN ROLE_FORBIDDEN, NOT_FOUND, BAD_USER_INPUT COMPLAINT_NOT_OPEN / ALREADY_AT_TOP_LEVEL, CONFLICT STALE_VERSION / ESCALATED_MEANWHILE.',
  })
  escalateComplaint(@Arg('input', () => EscalateComplaintInput) input: EscalateComplaintInput, @Ctx() ctx: CustomerServiceContext): Promise<Complaint> {
    return ctx.services.escalation.escalateManually(requireViewer(ctx), input);
  }
}
