import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionShape, requireViewer } from '@group/shared';
import { Complaint } from './complaint.entity';
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

  @FieldResolver(() => Customer)
  async customer(@Root() p: Complaint, @Ctx() ctx: CustomerServiceContext): Promise<Customer> {
    // A visible complaint has a visible customer: both carry the same segment.
    const customer = await loadersOf(ctx).customerById.load(p.customerId);
    if (!customer) throw new Error(`complaint ${p.id} refers to customer ${p.customerId}, which is not readable`);
    return customer;
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
