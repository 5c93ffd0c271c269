import 'reflect-metadata';
import { graphql } from 'graphql';
import { Max } from 'class-validator';
import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { buildFederatedSchema } from './federation';

@ObjectType('FederationTestThing')
class Thing {
  @Field()
  plain: string;

  @Field()
  @Authorized()
  guarded: string;

  @Field()
  @UseMiddleware(async (_data, next) => `wrapped ${await next()}`)
  wrapped: string;

  @Field({ name: 'renamed' })
  property: string;
}

@ArgsType()
class ThingArgs {
  @Field(() => Int)
  @Max(10)
  first: number;
}

@Resolver(() => Thing)
class ThingResolver {
  @Query(() => Thing)
  federationTestThing(@Args() args: ThingArgs, @Ctx() ctx: unknown): Thing {
    void ctx; // a parameter decorator beside @Args: validation must still find the args
    return Object.assign(new Thing(), { plain: `p${args.first}`, guarded: 'g', wrapped: 'w', property: 'r' });
  }

  @FieldResolver(() => String)
  computed(@Root() t: Thing): string {
    return `c-${t.plain}`;
  }
}

const run = async (query: string, viewer: unknown) =>
  graphql({ schema: await buildFederatedSchema({ resolvers: [ThingResolver], audit: 'federationTest' }), source: query, contextValue: { viewer } });

describe('buildFederatedSchema', () => {
  it('lets graphql-js read plain fields directly, and keeps the resolvers of fields with auth, middleware, a resolver or another property name', async () => {
    const schema = await buildFederatedSchema({ resolvers: [ThingResolver], audit: 'federationTest' });
    const fields = (schema.getType('FederationTestThing') as import('graphql').GraphQLObjectType).getFields();
    expect(fields.plain.resolve).toBeUndefined();
    for (const f of ['guarded', 'wrapped', 'renamed', 'computed']) expect(fields[f].resolve).toBeDefined();
  });

  it('still applies field auth and middleware, and reads renamed properties', async () => {
    const viewer = { accountId: 'a', role: 'EXECUTIVE' };
    const ok = await run('{ federationTestThing(first: 3) { plain guarded wrapped renamed computed } }', viewer);
    expect(ok.errors).toBeUndefined();
    expect(ok.data).toEqual({ federationTestThing: { plain: 'p3', guarded: 'g', wrapped: 'wrapped w', renamed: 'r', computed: 'c-p3' } });
    const anonymous = await run('{ federationTestThing(first: 3) { plain guarded } }', null);
    expect(anonymous.errors?.[0].path).toEqual(['federationTestThing', 'guarded']);
  });

  it('validates arguments as type-graphql does: BAD_USER_INPUT with the validation errors', async () => {
    const result = await run('{ federationTestThing(first: 11) { plain } }', null);
    expect(result.errors?.[0].message).toBe('Argument Validation Error');
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      validationErrors: [expect.objectContaining({ property: 'first', constraints: { max: expect.any(String) } })],
    });
  });
});
