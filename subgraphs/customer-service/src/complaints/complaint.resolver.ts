import { Sensitive, SensitiveData, ConnectionShape, requireViewer, fieldReads } from '@group/shared';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Complaint, ResponseTier } from './complaint.entity';
import { ComplaintEvent } from './complaint-event.entity';
import { ComplaintAction } from './complaint-workflow';
import { ComplaintEventConnection, ComplaintEventsArgs } from './dto/complaint-events.args';
import { TransitionComplaintInput } from './dto/transition-complaint.input';
import { SlaPolicy } from '../sla/sla-policy.entity';
import { ServiceBranch } from '../branches/service-branch.entity';
import { ComplaintCompensation } from './complaint-compensation.entity';
import { ComplaintAttachment } from './complaint-attachment.entity';
import { ComplaintAttachmentConnection, ComplaintAttachmentsArgs } from './dto/complaint-attachment.input';
import { ComplaintCompensationConnection, ComplaintCompensationsArgs, RecordCompensationInput, UpdateComplaintRiskInput } from './dto/complaint-risk.input';
import { ComplaintConnection, ComplaintsArgs } from './dto/complaints.args';
import { CreateComplaintInput } from './dto/create-complaint.input';
import { Customer } from '../customers/customer.entity';
import { Department } from '../federated/department';
import { Employee } from '../federated/employee';
import { stub } from '../federated/stub';
import { loadersOf, type CustomerServiceContext } from '../context';

@Resolver(() => Complaint)
export class ComplaintResolver {
  @Authorized()
  @Query(() => ComplaintConnection, { description: 'Complaints of the segments you can read; newest first by default.' })
  complaints(@Args() args: ComplaintsArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<Complaint>> {
    return ctx.services.complaints.list(requireViewer(ctx), args.filter ?? {}, args, args.sort());
  }

  @Authorized()
  @Query(() => Complaint, { nullable: true, description: 'Null when missing or in a segment you cannot read.' })
  complaint(@Arg('id', () => ID) id: string, @Ctx() ctx: CustomerServiceContext): Promise<Complaint | null> {
    return loadersOf(ctx).complaintById.load(id);
  }

  @Authorized()
  @Mutation(() => Complaint, { description: 'Registers a complaint (status RECEIVED) for a customer of one of your segments.' })
  createComplaint(@Arg('input', () => CreateComplaintInput) input: CreateComplaintInput, @Ctx() ctx: CustomerServiceContext): Promise<Complaint> {
    return ctx.services.complaints.create(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Complaint, {
    description:
      'Moves a complaint along its handling workflow (ACCEPT, ASSIGN, START, WAIT_FOR_CUSTOMER, CUSTOMER_REPLIED, RESOLVE, REVISIT, CLOSE, REOPEN, REJECT). Illegal transitions are refused with CONFLICT and a stable reason; every step is recorded in the timeline.',
  })
  transitionComplaint(@Arg('input', () => TransitionComplaintInput) input: TransitionComplaintInput, @Ctx() ctx: CustomerServiceContext): Promise<Complaint> {
    return ctx.services.complaints.transition(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => Complaint, { description: 'Sets the risk level and legal-case flag; flagging a legal case escalates the complaint to the legal function and the group centre.' })
  updateComplaintRisk(@Arg('input', () => UpdateComplaintRiskInput) input: UpdateComplaintRiskInput, @Ctx() ctx: CustomerServiceContext): Promise<Complaint> {
    return ctx.services.risk.updateRisk(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => ComplaintCompensation, { description: 'Records a compensation granted for a complaint (bumps the complaint version).' })
  recordCompensation(@Arg('input', () => RecordCompensationInput) input: RecordCompensationInput, @Ctx() ctx: CustomerServiceContext): Promise<ComplaintCompensation> {
    return ctx.services.risk.recordCompensation(requireViewer(ctx), input);
  }

  @FieldResolver(() => ComplaintCompensationConnection, { description: 'Compensations granted, oldest first.' })
  compensations(@Root() p: Complaint, @Args() args: ComplaintCompensationsArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<ComplaintCompensation>> {
    return loadersOf(ctx).compensationPagesByComplaintId.load(p.id, args);
  }

  @FieldResolver(() => ComplaintAttachmentConnection, { description: 'Files attached at registration, oldest first.' })
  attachments(@Root() p: Complaint, @Args() args: ComplaintAttachmentsArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<ComplaintAttachment>> {
    return loadersOf(ctx).attachmentPagesByComplaintId.load(p.id, args);
  }

  @Sensitive(SensitiveData.LEGAL_CASE)
  @FieldResolver(() => Department, { nullable: true, description: 'Legal department handling the legal case. Sensitive (legal case).' })
  legalDepartment(@Root() p: Complaint): Department | null {
    return stub(p.legalDepartmentId);
  }

  @Authorized()
  @Query(() => [SlaPolicy], { description: 'SLA targets per severity (four rows; configured in the database).' })
  slaPolicies(@Ctx() ctx: CustomerServiceContext): Promise<SlaPolicy[]> {
    return ctx.services.complaints.policies();
  }

  @FieldResolver(() => ComplaintEventConnection, { description: 'Every step of the handling (who, when, from, to, note), oldest first.' })
  timeline(@Root() p: Complaint, @Args() args: ComplaintEventsArgs, @Ctx() ctx: CustomerServiceContext): Promise<ConnectionShape<ComplaintEvent>> {
    return loadersOf(ctx).complaintEventPagesByComplaintId.load(p.id, args);
  }

  @FieldResolver(() => [ComplaintAction], { description: 'Transitions allowed from the current status.' })
  availableActions(@Root() p: Complaint, @Ctx() ctx: CustomerServiceContext): ComplaintAction[] {
    return ctx.services.complaints.availableActions(p);
  }

  @FieldResolver(() => ResponseTier, {
    description:
      "Level of the multi-level rapid response currently owning the complaint (CS-R03: up the responsible department's chain of command, then the company, then the group centre).",
  })
  responseTier(@Root() p: Complaint): ResponseTier {
    return p.responseTier;
  }

  @FieldResolver(() => Department, {
    nullable: true,
    description:
      'The department answering for the complaint now: the responsible department until it is escalated, then the superior department of the chain of command it reached; null at COMPANY and GROUP_CENTER.',
  })
  respondingDepartment(@Root() p: Complaint): Department | null {
    return stub(p.responseDepartmentId);
  }

  @FieldResolver(() => Boolean, { description: 'First response later than its target, or still missing after it.' })
  firstResponseBreached(@Root() p: Complaint, @Ctx() ctx: CustomerServiceContext): boolean {
    return ctx.services.complaints.slaState(p).firstResponseBreached;
  }

  @FieldResolver(() => Boolean, { description: 'Resolution later than its target, or still missing after it (time waiting on the customer excluded).' })
  resolutionBreached(@Root() p: Complaint, @Ctx() ctx: CustomerServiceContext): boolean {
    return ctx.services.complaints.slaState(p).resolutionBreached;
  }

  @FieldResolver(() => Boolean, { description: 'True while waiting on the customer: the SLA clock is stopped.' })
  slaPaused(@Root() p: Complaint): boolean {
    return !!p.slaPausedAt;
  }

  @FieldResolver(() => Customer)
  async customer(@Root() p: Complaint, @Ctx() ctx: CustomerServiceContext): Promise<Customer> {
    // Same segment as the complaint: normally visible through segment isolation. Branch and centre staff
    // who see the complaint through their branch also see its customer (they must contact them).
    const customer = (await loadersOf(ctx).customerById.load(p.customerId)) ?? (await loadersOf(ctx).customerOfVisibleComplaintById.load(p.customerId));
    if (!customer) throw new Error(`complaint ${p.id} refers to customer ${p.customerId}, which is not readable`);
    return customer;
  }

  @FieldResolver(() => ServiceBranch, { nullable: true, description: 'Customer-service branch (客户服务分部) handling the complaint.' })
  branch(@Root() p: Complaint, @Ctx() ctx: CustomerServiceContext): Promise<ServiceBranch | null> | null {
    return p.branchId ? loadersOf(ctx).serviceBranchById.load(p.branchId) : null;
  }

  @FieldResolver(() => Department, { nullable: true, description: 'Department the complaint is attributed to.' })
  responsibleDepartment(@Root() p: Complaint): Department | null {
    return stub(p.responsibleDepartmentId);
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'Employee handling the complaint.' })
  handler(@Root() p: Complaint): Employee | null {
    return stub(p.handlerId);
  }
}

// The root columns these field resolvers read, so that nested complaint lists read only what is selected
// (projection.ts). availableActions and the breach flags read the whole complaint: not declared.
fieldReads(Complaint, {
  compensations: ['id'],
  attachments: ['id'],
  timeline: ['id'],
  legalDepartment: ['legalDepartmentId'],
  responseTier: ['responseTier'],
  respondingDepartment: ['responseDepartmentId'],
  slaPaused: ['slaPausedAt'],
  customer: ['id', 'customerId'],
  branch: ['branchId'],
  responsibleDepartment: ['responsibleDepartmentId'],
  handler: ['handlerId'],
});

@Resolver(() => ComplaintEvent)
export class ComplaintEventResolver {
  @FieldResolver(() => Employee, { nullable: true, description: 'Employee who made the change; null for the system or an account without an employee.' })
  actor(@Root() e: ComplaintEvent): Employee | null {
    return stub(e.actorEmployeeId);
  }
}
