import { buildSchema, defaultFieldResolver, execute, parse, validate, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { appSyncInfo, selectionSetGraphQL, selectionSetList } from '../../../../local/graphql/resolve-info';

/** Executes a valid document and returns every resolver call's info, keyed `Type.field`. */
async function capture(schema: GraphQLSchema, source: string, rootValue: unknown, variableValues: Record<string, unknown> = {}) {
  const document = parse(source);
  const invalid = validate(schema, document);
  if (invalid.length > 0) throw new Error(invalid.map((e) => e.message).join('\n'));
  const infos = new Map<string, GraphQLResolveInfo[]>();
  const result = await execute({
    schema,
    document,
    rootValue,
    variableValues,
    fieldResolver: (value, args, context, info) => {
      const key = `${info.parentType.name}.${info.fieldName}`;
      infos.set(key, [...(infos.get(key) ?? []), info]);
      return defaultFieldResolver(value, args, context, info);
    },
  });
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  const one = (key: string): GraphQLResolveInfo => {
    const calls = infos.get(key);
    if (!calls) throw new Error(`${key} was not resolved`);
    return calls[0];
  };
  return { infos, one };
}

// https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference-js.html#aws-appsync-resolver-context-reference-info-js
describe("AWS's documented examples", () => {
  const schema = buildSchema(`
    type Query { getPost(id: ID!): Post }
    type Post { postId: ID title: String content: String author(id: ID): Author secondAuthor(id: ID): Author comments: [Comment] }
    type Author { authorId: ID name: String }
    type Comment { id: ID }
  `);
  const post = { postId: '123', title: 't', content: 'c', author: { authorId: '456', name: 'n' }, secondAuthor: { authorId: '789' }, comments: [{ id: 'c1' }] };
  // The docs' query, made valid: `inlineFrag: comments: {` is not GraphQL (the docs' own
  // selectionSetGraphQL prints it as `inlineFrag: comments {`), and the variables are declared.
  const query = `query ($postId: ID!, $authorId: ID) {
    getPost(id: $postId) {
      postId
      title
      secondTitle: title
      content
      author(id: $authorId) {
        authorId
        name
      }
      secondAuthor(id: "789") {
        authorId
      }
      ... on Post {
        inlineFrag: comments {
          id
        }
      }
      ... postFrag
    }
  }

  fragment postFrag on Post {
    postFrag: comments {
      id
    }
  }`;
  // The docs' selectionSetGraphQL, verbatim (JSON-decoded).
  const documentedGraphQL = '{\n  getPost(id: $postId) {\n    postId\n    title\n    secondTitle: title\n    content\n    author(id: $authorId) {\n      authorId\n      name\n    }\n    secondAuthor(id: "789") {\n      authorId\n    }\n    ... on Post {\n      inlineFrag: comments {\n        id\n      }\n    }\n    ... postFrag\n  }\n}';

  it('getPost: fieldName, parentTypeName, variables and the selection set list (aliases by alias, fragments expanded)', async () => {
    const { one } = await capture(schema, query, { getPost: post }, { postId: '123', authorId: '456' });
    const info = appSyncInfo(one('Query.getPost'));
    expect(info.fieldName).toBe('getPost');
    expect(info.parentTypeName).toBe('Query');
    expect(info.variables).toEqual({ postId: '123', authorId: '456' });
    // The docs list `inlineFragComments`/`postFragComments`, names their query cannot produce;
    // the response keys it does produce are `inlineFrag` and `postFrag`.
    expect(info.selectionSetList).toEqual([
      'postId', 'title', 'secondTitle', 'content',
      'author', 'author/authorId', 'author/name',
      'secondAuthor', 'secondAuthor/authorId',
      'inlineFrag', 'inlineFrag/id',
      'postFrag', 'postFrag/id',
    ]);
  });

  it("getPost: selectionSetGraphQL is the docs' text inside the getPost field, spreads kept by name", async () => {
    const { one } = await capture(schema, query, { getPost: post }, { postId: '123', authorId: '456' });
    // The docs wrap the text in `{ getPost(...) { ... } }`; recorded AppSync events carry only the
    // field's own selection set ("{\n  title\n  id\n}"), which is what is produced here.
    const inner = documentedGraphQL
      .split('\n')
      .slice(2, -2)
      .map((line) => line.slice(2))
      .join('\n')
      .replace('... postFrag', '...postFrag');
    expect(selectionSetGraphQL(one('Query.getPost'))).toBe(`{\n${inner}\n}`);
    expect(selectionSetGraphQL(one('Query.getPost'))).toBe(
      '{\n  postId\n  title\n  secondTitle: title\n  content\n  author(id: $authorId) {\n    authorId\n    name\n  }\n  secondAuthor(id: "789") {\n    authorId\n  }\n  ... on Post {\n    inlineFrag: comments {\n      id\n    }\n  }\n  ...postFrag\n}',
    );
  });

  it('node: an interface field lists only the fields of the interface', async () => {
    const nodeSchema = buildSchema(`
      type Query { node(id: ID!): Node }
      interface Node { id: ID }
      type Post implements Node { id: ID title: String author: String }
      type Blog implements Node { id: ID title: String category: String }
    `);
    const { one } = await capture(
      nodeSchema,
      `query { node(id: "post1") { id ... on Post { title } ... on Blog { title } } }`,
      { node: { __typename: 'Post', id: 'post1', title: 'T' } },
    );
    expect(selectionSetList(one('Query.node'))).toEqual(['id']);
    expect(selectionSetGraphQL(one('Query.node'))).toBe('{\n  id\n  ... on Post {\n    title\n  }\n  ... on Blog {\n    title\n  }\n}');
  });
});

describe('recorded AppSync behaviour', () => {
  it('a plain selection prints as a recorded getTodo event shows it', async () => {
    const schema = buildSchema('type Query { getTodo(id: ID!): Todo } type Todo { id: ID title: String }');
    const { one } = await capture(schema, '{ getTodo(id: "1") { title id } }', { getTodo: { id: '1', title: 'x' } });
    expect(appSyncInfo(one('Query.getTodo'))).toEqual({
      fieldName: 'getTodo',
      parentTypeName: 'Query',
      variables: {},
      selectionSetList: ['title', 'id'],
      selectionSetGraphQL: '{\n  title\n  id\n}',
    });
  });

  it('named fragments: expanded in the list, kept as spreads without definitions in the text (aws-appsync-community#142)', async () => {
    const schema = buildSchema(`
      type Bar { someField(someArg: String): String }
      type Foo { bar: Bar buzz: String bizz: String }
      type Query { foo(arg: String): Foo }
    `);
    const { one } = await capture(
      schema,
      `query { foo(arg: "hi") { ...FooFrag bar { ...BarFrag } bizz } }
       fragment FooFrag on Foo { buzz }
       fragment BarFrag on Bar { someField(someArg: "hello") }`,
      { foo: { bar: { someField: 's' }, buzz: 'b', bizz: 'z' } },
    );
    const info = one('Query.foo');
    expect(selectionSetList(info)).toEqual(['buzz', 'bar', 'bar/someField', 'bizz']);
    expect(selectionSetGraphQL(info)).toBe('{\n  ...FooFrag\n  bar {\n    ...BarFrag\n  }\n  bizz\n}');
  });

  it('a union selected only through inline fragments gives an empty list (aws-appsync-community#358)', async () => {
    const schema = buildSchema(`
      type Post { id: ID! content: String! }
      type QueryError { message: String! }
      union QueryResult = Post | QueryError
      type Query { getPost(id: String!): QueryResult }
    `);
    const { one } = await capture(
      schema,
      `query GetPostQuery { getPost(id: "post-guid") { ... on Post { id content } ... on QueryError { message } } }`,
      { getPost: { __typename: 'Post', id: 'p', content: 'c' } },
    );
    expect(selectionSetList(one('Query.getPost'))).toEqual([]);
    expect(selectionSetGraphQL(one('Query.getPost'))).toBe('{\n  ... on Post {\n    id\n    content\n  }\n  ... on QueryError {\n    message\n  }\n}');
  });
});

const schema = buildSchema(`
  type Query { feed(first: Int): Feed search(text: String): [SearchResult!]! node(id: ID!): Node post(id: ID!): Post count: Int }
  type Feed { items: [[Post!]]! nextToken: String }
  interface Node { id: ID! }
  interface Titled { title: String }
  type Post implements Node & Titled { id: ID! title: String author: Author tags: [String] }
  type Author implements Node { id: ID! name: String posts: [Post] }
  union SearchResult = Post | Author
`);
const author = { __typename: 'Author', id: 'a1', name: 'Ann', posts: [] };
const posts = [
  { __typename: 'Post', id: 'p1', title: 'One', author, tags: ['x'] },
  { __typename: 'Post', id: 'p2', title: 'Two', author, tags: [] },
];
const root = { feed: { items: [posts], nextToken: null }, search: posts, node: posts[0], post: posts[0], count: 2 };

describe('selectionSetList', () => {
  it('walks nested lists (any wrapping) with /-separated paths, parents first', async () => {
    const { one } = await capture(schema, '{ feed(first: 2) { items { id author { name posts { title } } } nextToken } }', root);
    expect(selectionSetList(one('Query.feed'))).toEqual([
      'items', 'items/id', 'items/author', 'items/author/name', 'items/author/posts', 'items/author/posts/title', 'nextToken',
    ]);
  });

  it('uses aliases at every depth and keeps differently aliased copies of one field apart', async () => {
    const { one } = await capture(schema, '{ post(id: "p1") { first: title t2: title writer: author { n: name } title } }', root);
    expect(selectionSetList(one('Query.post'))).toEqual(['first', 't2', 'writer', 'writer/n', 'title']);
  });

  it('merges repeated response keys into one path with merged children, first position wins', async () => {
    const { one } = await capture(schema, '{ post(id: "p1") { author { name } id author { id name } } }', root);
    expect(selectionSetList(one('Query.post'))).toEqual(['author', 'author/name', 'author/id', 'id']);
  });

  it('lists __typename like any selected field', async () => {
    const { one } = await capture(schema, '{ post(id: "p1") { __typename id author { __typename } } }', root);
    expect(selectionSetList(one('Query.post'))).toEqual(['__typename', 'id', 'author', 'author/__typename']);
  });

  it('expands fragments on the object type, on an interface it implements and on a union containing it', async () => {
    const { one } = await capture(
      schema,
      `{ post(id: "p1") { ...OnPost ... on Titled { title } ... on SearchResult { ... on Post { tags } } ... on Node { id } } }
       fragment OnPost on Post { author { name } }`,
      root,
    );
    expect(selectionSetList(one('Query.post'))).toEqual(['author', 'author/name', 'title', 'tags', 'id']);
  });

  it('on an interface: keeps fragments on the interface itself, drops those on implementing types', async () => {
    const { one } = await capture(
      schema,
      `{ node(id: "p1") { ... on Node { id } ...NodeFields ... on Post { title } ...PostFields } }
       fragment NodeFields on Node { __typename }
       fragment PostFields on Post { tags }`,
      root,
    );
    expect(selectionSetList(one('Query.node'))).toEqual(['id', '__typename']);
  });

  it('on a union: only fields selected on the union itself (__typename)', async () => {
    const { one } = await capture(schema, '{ search(text: "o") { __typename ... on Post { id } ... on Author { name } } }', root);
    expect(selectionSetList(one('Query.search'))).toEqual(['__typename']);
  });

  it('a nested interface or union lists the same way under its path', async () => {
    const { one } = await capture(
      schema,
      `{ feed { items { author { ... on Node { id } ... on Author { name } } } } }`,
      root,
    );
    expect(selectionSetList(one('Query.feed'))).toEqual(['items', 'items/author', 'items/author/id', 'items/author/name']);
  });

  it('is empty for a leaf field', async () => {
    const { one } = await capture(schema, '{ count }', root);
    expect(selectionSetList(one('Query.count'))).toEqual([]);
    expect(selectionSetGraphQL(one('Query.count'))).toBe('');
  });

  it('honours @skip and @include on fields, inline fragments and fragment spreads, with variables and literals', async () => {
    const source = `query ($yes: Boolean!, $no: Boolean!) {
      post(id: "p1") {
        id @skip(if: $yes)
        title @include(if: $yes)
        tags @include(if: $no)
        ... on Post @skip(if: $no) { author { name @skip(if: true) id } }
        ...Extra @include(if: $no)
      }
    }
    fragment Extra on Post { __typename }`;
    const { one } = await capture(schema, source, root, { yes: true, no: false });
    expect(selectionSetList(one('Query.post'))).toEqual(['title', 'author', 'author/id']);
    // The text is the selection set as written: directives stay, nothing is dropped.
    expect(selectionSetGraphQL(one('Query.post'))).toContain('tags @include(if: $no)');
    expect(selectionSetGraphQL(one('Query.post'))).toContain('...Extra @include(if: $no)');
  });
});

describe('selectionSetGraphQL', () => {
  it('prints arguments, aliases, nested selections and directives as written', async () => {
    const { one } = await capture(
      schema,
      'query ($n: Int) { feed(first: $n) { items { i: id author @include(if: true) { name } } } }',
      root,
      { n: 1 },
    );
    expect(selectionSetGraphQL(one('Query.feed'))).toBe('{\n  items {\n    i: id\n    author @include(if: true) {\n      name\n    }\n  }\n}');
    // Nested resolvers get their own selection set, not the whole operation's.
    expect(selectionSetGraphQL(one('Feed.items'))).toBe('{\n  i: id\n  author @include(if: true) {\n    name\n  }\n}');
    expect(selectionSetList(one('Feed.items'))).toEqual(['i', 'author', 'author/name']);
  });

  it('prints every occurrence of a field selected more than once as one set', async () => {
    const { one } = await capture(schema, '{ post(id: "p1") { id } post(id: "p1") { title } }', root);
    expect(one('Query.post').fieldNodes).toHaveLength(2);
    expect(selectionSetGraphQL(one('Query.post'))).toBe('{\n  id\n  title\n}');
    expect(selectionSetList(one('Query.post'))).toEqual(['id', 'title']);
  });
});

describe('appSyncInfo', () => {
  it('gives the parent type of nested fields and the operation variables after coercion (defaults applied)', async () => {
    const { one } = await capture(schema, 'query ($first: Int = 5, $text: String) { feed(first: $first) { nextToken } search(text: $text) { __typename } }', root, { text: 'o' });
    const info = appSyncInfo(one('Feed.nextToken'));
    expect(info.fieldName).toBe('nextToken');
    expect(info.parentTypeName).toBe('Feed');
    expect(info.variables).toEqual({ first: 5, text: 'o' });
    expect(info.selectionSetList).toEqual([]);
    expect(info.selectionSetGraphQL).toBe('');
  });
});

describe('caching', () => {
  it('returns the same array and string for the same field, including across list items', async () => {
    const { infos, one } = await capture(schema, '{ search(text: "o") { ... on Post { author { id name } } } }', root);
    const authorCalls = infos.get('Post.author')!;
    expect(authorCalls).toHaveLength(2);
    const first = selectionSetList(authorCalls[0]);
    expect(first).toEqual(['id', 'name']);
    expect(selectionSetList(authorCalls[0])).toBe(first);
    expect(selectionSetList(authorCalls[1])).toBe(first);
    expect(appSyncInfo(authorCalls[1]).selectionSetList).toBe(first);
    expect(selectionSetGraphQL(authorCalls[1])).toBe(selectionSetGraphQL(authorCalls[0]));
    expect(Object.isFrozen(first)).toBe(true);
    expect(selectionSetList(one('Query.search'))).not.toBe(first);
  });

  it('does not carry one request\'s @include result into another run of the same document', async () => {
    const source = 'query ($with: Boolean!) { post(id: "p1") { id title @include(if: $with) } }';
    const withTitle = await capture(schema, source, root, { with: true });
    const withoutTitle = await capture(schema, source, root, { with: false });
    expect(selectionSetList(withTitle.one('Query.post'))).toEqual(['id', 'title']);
    expect(selectionSetList(withoutTitle.one('Query.post'))).toEqual(['id']);
  });

  it('recomputes if the same field nodes come with a different variables object', async () => {
    const { one } = await capture(schema, 'query ($with: Boolean!) { post(id: "p1") { id title @include(if: $with) } }', root, { with: true });
    const info = one('Query.post');
    expect(selectionSetList(info)).toEqual(['id', 'title']);
    const other: GraphQLResolveInfo = { ...info, variableValues: { with: false } };
    expect(selectionSetList(other)).toEqual(['id']);
  });
});
