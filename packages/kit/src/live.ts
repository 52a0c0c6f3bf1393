import type { ObjectRef } from '@pothos/core';
import type { Builder, KitSchemaTypes } from './builder.js';
import { appError, ErrorCode } from './errors.js';

const withSubscriptionType = new WeakSet<Builder>();

/**
 * A live field: `Subscription.<name>(id, district, after)` returning the record as it now stands
 * each time it changes. The field is declared here, beside the type's queries, so it composes
 * into the one graph (introspection, the typed client); the gateway serves it (gateway/src/live),
 * fed by the bus and answered by running the subscriber's selection as a query, so a subscriber
 * sees what the same query would show it and nothing more. A subgraph called directly refuses
 * it: subscriptions need the bus, which only the gateway's hub reads for clients.
 */
export function liveField<T extends object>(
  builder: Builder,
  name: string,
  type: ObjectRef<KitSchemaTypes, T>,
  options: { description: string; districtRequired?: boolean; byId?: boolean },
): void {
  if (!withSubscriptionType.has(builder)) {
    builder.subscriptionType({
      description:
        '订阅 Changes a client may wait for, each as the matching query would show it to the subscriber.',
    });
    withSubscriptionType.add(builder);
  }
  builder.subscriptionField(name, (t) =>
    t.field({
      type,
      description: options.description,
      args: {
        ...(options.byId === false
          ? {}
          : { id: t.arg.id({ required: false, description: 'Only this record (its id).' }) }),
        district: t.arg.id({
          required: options.districtRequired ?? false,
          description:
            "Only records of this district (its code; the districts below it aren't included).",
        }),
        after: t.arg.string({
          required: false,
          description:
            'Resume: the `extensions.cursor` of the last change received; changes since then are sent first.',
        }),
      },
      subscribe: () => servedByGateway(name),
      resolve: () => servedByGateway(name),
    }),
  );
}

function servedByGateway(name: string): never {
  throw appError(
    ErrorCode.BAD_REQUEST,
    `${name}: subscriptions are served by the gateway (GraphQL over SSE or graphql-ws at /graphql)`,
  );
}
