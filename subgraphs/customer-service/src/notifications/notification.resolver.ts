import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { Notification } from './notification.entity';
import type { CustomerServiceContext } from '../context';

@Resolver(() => Notification)
export class NotificationResolver {
  @Authorized()
  @Query(() => [Notification], { description: 'Your notifications (escalated complaints, actions assigned to you), newest first, at most 100.' })
  myNotifications(@Arg('unreadOnly', { defaultValue: false }) unreadOnly: boolean, @Ctx() ctx: CustomerServiceContext): Promise<Notification[]> {
    return ctx.services.notifications.mine(requireViewer(ctx), unreadOnly);
  }

  @Authorized()
  @Mutation(() => Int, { description: 'Marks your notifications read (ids of others are ignored); returns how many changed.' })
  markNotificationsRead(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: CustomerServiceContext): Promise<number> {
    return ctx.services.notifications.markRead(requireViewer(ctx), ids);
  }
}
