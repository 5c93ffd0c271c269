import { dedupeRepresentations, expandEntities } from './entity-dedupe';

describe('entity representation de-duplication', () => {
  const a = { __typename: 'Customer', id: 'a' };
  const b = { __typename: 'Customer', id: 'b' };

  it('sends each distinct representation once and answers every original position', () => {
    const d = dedupeRepresentations([a, b, { ...a }, b, a])!;
    expect(d.representations).toEqual([a, b]);
    expect(d.positions).toEqual([0, 1, 0, 1, 0]);
    const data = {
      _entities: [
        { id: 'a', tags: ['x'] },
        { id: 'b', tags: [] },
      ],
    };
    expect(expandEntities(data, undefined, d.positions)).toEqual({});
    expect(data._entities.map((e) => e.id)).toEqual(['a', 'b', 'a', 'b', 'a']);
  });

  it('leaves distinct representations alone', () => {
    expect(dedupeRepresentations([a, b])).toBeUndefined();
  });

  it("puts an entity's error at every position that asked for it, others unchanged", () => {
    const d = dedupeRepresentations([a, b, a])!;
    const { errors } = expandEntities(
      { _entities: [null, { id: 'b' }] },
      [
        { message: 'denied', path: ['_entities', 0, 'tags'] },
        { message: 'other', path: ['somewhere'] },
      ],
      d.positions,
    );
    expect(errors).toEqual([
      { message: 'denied', path: ['_entities', 0, 'tags'] },
      { message: 'denied', path: ['_entities', 2, 'tags'] },
      { message: 'other', path: ['somewhere'] },
    ]);
  });
});
