import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations from the committed API schema (what clients see, no federation directives).
// The client preset writes typed document nodes and, with persistedDocuments, the manifest of
// trusted documents the gateway can restrict callers to (TRUSTED_DOCUMENTS).
const config: CodegenConfig = {
  schema: '../../schema/api.graphql',
  documents: ['operations/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/generated/': {
      preset: 'client',
      // ESM with explicit .js extensions, as the rest of the repository.
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
      },
      config: {
        // ESM with explicit .js extensions, as the rest of the repository.
        importExtension: '.js',
        emitLegacyCommonJSImports: false,
        // Dates travel as ISO strings and JSON as any JSON value; say so instead of `any`.
        scalars: { DateTime: 'string', Date: 'string', JSON: 'unknown' },
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      },
    },
  },
};

export default config;
