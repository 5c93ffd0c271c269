import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { requireViewer } from '@group/shared';
import { TagRule, TagRuleRun } from './tag-rule.entity';
import { SaveTagRuleInput } from './dto/tag-rules.input';
import { Tag } from '../tags/tag.entity';
import type { MarketingContext } from '../context';

@Resolver(() => TagRule)
export class TagRuleResolver {
  @Authorized()
  @Mutation(() => TagRule, {
    description:
      'Saves a new version of a RULE tag’s rule (the group marketing department and group executives). Errors: FORBIDDEN TAG_RULE_FORBIDDEN, NOT_FOUND TAG_NOT_FOUND, ' +
      'BAD_USER_INPUT TAG_NOT_RULE_BASED / RULE_EXPRESSION_INVALID, CONFLICT STALE_VERSION.',
  })
  saveTagRule(@Arg('input', () => SaveTagRuleInput) input: SaveTagRuleInput, @Ctx() ctx: MarketingContext): Promise<TagRule> {
    return ctx.services.tagRules.save(requireViewer(ctx), input);
  }

  @Authorized()
  @Mutation(() => TagRuleRun, {
    description:
      'Re-evaluates the tag’s current rule over all customers (set-based, incremental, safe to re-run). The group marketing department, group executives and the scheduler. ' +
      'Errors: FORBIDDEN TAG_RULE_RUN_FORBIDDEN, NOT_FOUND TAG_NOT_FOUND / TAG_RULE_NOT_FOUND, BAD_USER_INPUT TAG_NOT_RULE_BASED / TAG_NOT_VALID.',
  })
  runTagRule(@Arg('tagId', () => ID) tagId: string, @Ctx() ctx: MarketingContext): Promise<TagRuleRun> {
    return ctx.services.tagRules.runAs(requireViewer(ctx), tagId);
  }

  @FieldResolver(() => TagRuleRun, { nullable: true, description: 'The latest run of this version.' })
  lastRun(@Root() r: TagRule, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.tagRuleRunByRuleId.load(r.id);
  }
}

@Resolver(() => Tag)
export class TagRuleFieldsResolver {
  @FieldResolver(() => TagRule, { nullable: true, description: 'The current rule of a RULE tag (null for MANUAL tags and rule tags not yet defined).' })
  rule(@Root() t: Tag, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.tagRuleByTagId.load(t.id);
  }

  @FieldResolver(() => [TagRule], { description: 'Every version of the tag’s rule, newest first.' })
  ruleVersions(@Root() t: Tag, @Ctx() ctx: MarketingContext) {
    return ctx.loaders.tagRuleVersionsByTagId.load(t.id);
  }
}
