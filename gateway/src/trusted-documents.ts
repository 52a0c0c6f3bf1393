import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { ErrorCode, readBody, replaceBody, type Caller, type Settings } from '@cppcc/kit';

export type TrustedVerdict =
  | { ok: true /** The named document's text, put in the request's place. */; document?: string }
  | { ok: false; status: number; code: ErrorCode; message: string };

/**
 * Trusted documents (persisted operations): the manifest graphql-codegen writes for the typed
 * client, `{ "sha256:<hex>": "<document>" }`. A request may name a document by `documentId`
 * (the GraphQL-over-HTTP persisted-documents convention) or by APQ's
 * `extensions.persistedQuery.sha256Hash`; the gateway puts the text in its place before the
 * engine reads the request, so every engine serves ids alike. With TRUSTED_DOCUMENTS set, the
 * callers it names may send nothing else (their text must be a manifest document, byte for
 * byte). Written here rather than with an engine's plugin because the gateway runs two engines
 * and the rule depends on who the caller is, which only the gateway knows.
 */
export class TrustedDocuments {
  private constructor(
    private readonly documents: Map<string, string>,
    private readonly mode: Settings['trustedDocuments'],
  ) {}

  static load(
    settings: Pick<Settings, 'trustedDocuments' | 'trustedDocumentsPath'>,
  ): TrustedDocuments {
    let documents = new Map<string, string>();
    if (fs.existsSync(settings.trustedDocumentsPath)) {
      const parsed: unknown = JSON.parse(fs.readFileSync(settings.trustedDocumentsPath, 'utf8'));
      if (
        !parsed ||
        typeof parsed !== 'object' ||
        Object.values(parsed).some((v) => typeof v !== 'string')
      ) {
        throw new Error(
          `TRUSTED_DOCUMENTS_PATH: ${settings.trustedDocumentsPath} must map document ids to document texts`,
        );
      }
      documents = new Map(Object.entries(parsed as Record<string, string>));
    } else if (settings.trustedDocuments !== 'off') {
      throw new Error(
        `TRUSTED_DOCUMENTS=${settings.trustedDocuments} needs the manifest TRUSTED_DOCUMENTS_PATH names (${settings.trustedDocumentsPath}); it does not exist`,
      );
    }
    return new TrustedDocuments(documents, settings.trustedDocuments);
  }

  get size(): number {
    return this.documents.size;
  }

  private restricts(caller: Caller): boolean {
    return this.mode === 'all' || (this.mode === 'anonymous' && !caller.userId);
  }

  /** `sha256:<hex>` or the bare hex; the manifest's own key back, or undefined. */
  private find(id: string | null | undefined): string | undefined {
    if (!id) return undefined;
    const key = id.startsWith('sha256:') ? id : `sha256:${id}`;
    return this.documents.has(key) ? key : undefined;
  }

  private trusts(text: string): boolean {
    return this.documents.has(`sha256:${createHash('sha256').update(text).digest('hex')}`);
  }

  /**
   * Puts a named document's text into the request, or refuses it. Bodies that are not a JSON
   * object (a batch, bad JSON) are left for the engine to answer as it does today; under a
   * restriction they are refused here, since they could carry any text.
   */
  async apply(req: IncomingMessage, caller: Caller, maxBodyBytes: number): Promise<TrustedVerdict> {
    const restricted = this.restricts(caller);
    if (req.method === 'GET') {
      const url = new URL(req.url ?? '/', 'http://gateway');
      const verdict = this.decide(
        url.searchParams.get('documentId'),
        parseJson(url.searchParams.get('extensions')),
        url.searchParams.get('query'),
        restricted,
      );
      if (verdict.ok && verdict.document !== undefined) {
        url.searchParams.set('query', verdict.document);
        url.searchParams.delete('documentId');
        url.searchParams.delete('extensions');
        req.url = `${url.pathname}${url.search}`;
      }
      return verdict;
    }
    if (req.method !== 'POST') return { ok: true };
    if (!restricted && this.documents.size === 0) return { ok: true };
    const text = await readBody(req, maxBodyBytes).catch(() => null);
    // Too large: the engine answers 413 from the same read.
    if (text === null) return { ok: true };
    const body = parseJson(text);
    if (!body || typeof body !== 'object' || Array.isArray(body))
      return restricted ? required(this.mode) : { ok: true };
    const { documentId, extensions, ...rest } = body as Record<string, unknown>;
    const verdict = this.decide(documentId, extensions, rest.query, restricted);
    if (verdict.ok && verdict.document !== undefined) {
      const { persistedQuery: _persisted, ...otherExtensions } = (extensions ?? {}) as Record<
        string,
        unknown
      >;
      replaceBody(
        req,
        JSON.stringify({
          ...rest,
          query: verdict.document,
          ...(Object.keys(otherExtensions).length ? { extensions: otherExtensions } : {}),
        }),
      );
    }
    return verdict;
  }

  /**
   * The one rule for GET and POST: a document named by id (or by an APQ hash we hold) is served
   * as its text, refused if a different text comes with it; an id we do not hold is refused; an
   * APQ hash we do not hold is the engine's to answer (PERSISTED_QUERY_NOT_FOUND, and the client
   * sends the text), so automatic persisted queries keep working beside trusted documents; a
   * text alone passes unless the caller is restricted and the manifest lacks it.
   */
  private decide(
    documentId: unknown,
    extensions: unknown,
    query: unknown,
    restricted: boolean,
  ): TrustedVerdict {
    const fromId = typeof documentId === 'string' && documentId ? documentId : undefined;
    const key = this.find(fromId ?? persistedHash(extensions));
    if (key) {
      const document = this.documents.get(key)!;
      if (typeof query === 'string' && query && query !== document) {
        return {
          ok: false,
          status: 400,
          code: ErrorCode.BAD_REQUEST,
          message: `query: differs from the trusted document ${key}; send one or the other`,
        };
      }
      return { ok: true, document };
    }
    if (fromId) return notFound(fromId);
    return !restricted || (typeof query === 'string' && this.trusts(query))
      ? { ok: true }
      : required(this.mode);
  }
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function persistedHash(extensions: unknown): string | undefined {
  const persisted = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)
    ?.persistedQuery;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

function notFound(id: string): TrustedVerdict {
  return {
    ok: false,
    status: 400,
    code: ErrorCode.PERSISTED_DOCUMENT_NOT_FOUND,
    message: `documentId: no trusted document has the id "${id.slice(0, 80)}"`,
  };
}

function required(mode: Settings['trustedDocuments']): TrustedVerdict {
  const who = mode === 'all' ? 'every caller' : 'callers without a token';
  return {
    ok: false,
    status: 400,
    code: ErrorCode.PERSISTED_DOCUMENT_REQUIRED,
    message: `query: this graph runs only trusted documents for ${who}; send documentId with the id of a document in the client's manifest`,
  };
}
