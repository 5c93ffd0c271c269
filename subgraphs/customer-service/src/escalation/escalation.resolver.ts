import { Authorized, Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { forbidden, requireViewer, Role } from '@group/shared';
import type { CustomerServiceContext } from '../context';

@ObjectType({ description: 'Outcome of one run of the escalation job.' })
export class EscalationRunResult {
  @Field()
  at: Date;

  @Field(() => Int, { description: 'Open complaints whose SLA state called for a higher level.' })
  candidates: number;

  @Field(() => Int, { description: 'Complaints escalated by this run (a concurrent run may have done the others).' })
  escalated: number;
}

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
    if (!JOB_ROLES.has(viewer.role)) throw forbidden('ROLE_FORBIDDEN', `Role ${viewer.role} cannot run the escalation job`);
    return ctx.services.escalation.run();
  }
}
