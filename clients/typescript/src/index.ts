import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

export * from './generated/graphql.js';

export interface ClientOptions {
  /** The graph's endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  /** A bearer token from the identity provider (or `npm run token` in development). */
  token?: string;
  /** The district whose view an anonymous caller reads (x-cppcc-district). */
  district?: string;
  /**
   * `id` (default) sends only the document's id from the trusted manifest, which every gateway
   * of ours accepts and TRUSTED_DOCUMENTS may require; `text` sends the document itself, for a
   * router that has no manifest.
   */
  send?: 'id' | 'text';
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

/** One error as the graph reports it: `code` is stable (docs/README.md lists every code). */
export interface GraphError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface Result<TData> {
  data: TData | null;
  errors: GraphError[];
  status: number;
}

/** A request the graph refused or answered only with errors. */
export class GraphRequestError extends Error {
  constructor(
    readonly status: number,
    readonly errors: GraphError[],
  ) {
    super(
      errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; ') ||
        `HTTP ${status}`,
    );
  }

  /** The first error's stable code. */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

type VariablesOf<V> = V extends Record<string, never> ? [variables?: V] : [variables: V];

export interface Client {
  /** The data, or GraphRequestError when the answer carries any error. */
  request<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    ...variables: VariablesOf<TVariables>
  ): Promise<TData>;
  /** Data and errors as they came (partial data beside errors, e.g. a subgraph down). */
  execute<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    ...variables: VariablesOf<TVariables>
  ): Promise<Result<TData>>;
}

function documentId(document: TypedDocumentNode<unknown, unknown>): string | undefined {
  return (document as { __meta__?: { hash?: string } }).__meta__?.hash;
}

function operationName(document: TypedDocumentNode<unknown, unknown>): string | undefined {
  for (const definition of document.definitions)
    if (definition.kind === 'OperationDefinition') return definition.name?.value;
  return undefined;
}

export function createClient(options: ClientOptions): Client {
  const send = options.fetch ?? fetch;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...(options.district ? { 'x-cppcc-district': options.district } : {}),
    ...options.headers,
  };
  async function execute<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
  ): Promise<Result<TData>> {
    const id = documentId(document as TypedDocumentNode<unknown, unknown>);
    const body = {
      ...(options.send !== 'text' && id ? { documentId: id } : { query: print(document) }),
      operationName: operationName(document as TypedDocumentNode<unknown, unknown>),
      ...(variables ? { variables } : {}),
    };
    const response = await send(options.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    const text = await response.text();
    let json: { data?: TData | null; errors?: GraphError[] };
    try {
      json = JSON.parse(text);
    } catch {
      throw new GraphRequestError(response.status, [
        { message: `the graph answered HTTP ${response.status} with a body that is not JSON` },
      ]);
    }
    return { data: json.data ?? null, errors: json.errors ?? [], status: response.status };
  }
  return {
    execute: (document, ...variables) => execute(document, variables[0]),
    async request(document, ...variables) {
      const result = await execute(document, variables[0]);
      if (result.errors.length || result.data === null)
        throw new GraphRequestError(result.status, result.errors);
      return result.data;
    },
  };
}
