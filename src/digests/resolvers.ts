import { JSONObjectResolver } from "graphql-scalars";
import type { RequestContext } from "../api/context.ts";
import type { Resolvers } from "../api/generated/resolvers-types.ts";
import type { NodeFetcher } from "../api/module.ts";
import { actorOf, requireRole } from "../auth/viewer.ts";
import { listing, toConnection } from "../graphql/connection.ts";
import { badUserInput } from "../graphql/errors.ts";
import { globalIdField } from "../graphql/fields.ts";
import { decodeIdOf } from "../graphql/ids.ts";
import { createSignal, updateSignal } from "../signals/mutations.ts";
import { signalWhere } from "../signals/queries.ts";
import { SubscriptionInputError } from "../subscriptions/input.ts";
import {
  createSubscription,
  getSubscriptionById,
  getSubscriptionBySlug,
  getSubscriptionSignals,
  updateSubscription,
} from "../subscriptions/queries.ts";
import { payloadOf } from "../writes/payload.ts";
import { userError, WriteRefused } from "../writes/user-errors.ts";
import { resendDelivery } from "./deliver/worker.ts";
import type { DigestDocument } from "./document.ts";
import { DigestInputError } from "./errors.ts";
import { previewDigest } from "./preview.ts";
import {
  digestSort,
  getAttemptsOfDelivery,
  getDeliveriesOfDigest,
  getDeliveryById,
  getDigestById,
  getDigestPage,
  getSignalById,
  getSignalPage,
  getSubscriptionPage,
  signalSort,
  subscriptionSort,
} from "./queries-api.ts";
import { renderDigest } from "./render/index.ts";
import { checkSlot, runDigestForSlot } from "./run.ts";
import { linkBase } from "./service.ts";

const signalList = listing("Signal", signalSort, { field: "ID", direction: "ASC" });
const subscriptionList = listing("DigestSubscription", subscriptionSort, { field: "ID", direction: "ASC" });
const digestList = listing("Digest", digestSort, { field: "SLOT", direction: "DESC" });

const admin = (ctx: RequestContext) => {
  requireRole(ctx.viewer, "ADMIN");
  return actorOf(ctx.viewer);
};

/** A SubscriptionInputError as the userError naming its input field. */
async function subscriptionWrite<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SubscriptionInputError) {
      throw new WriteRefused([userError(["input", ...error.field.split(".")], "INVALID", error.message)]);
    }
    throw error;
  }
}

const documentOf = (row: { rendered: unknown }) => row.rendered as DigestDocument;

export const digestNodeTypes: Record<string, NodeFetcher> = {
  Signal: (ctx, id) => getSignalById(ctx.db, id),
  DigestSubscription: async (ctx, id) => (await getSubscriptionById(ctx.db, id)) ?? null,
  Digest: (ctx, id) => getDigestById(ctx.db, id),
  DigestDelivery: (ctx, id) => getDeliveryById(ctx.db, id),
};

export const digestResolvers: Resolvers = {
  JSONObject: JSONObjectResolver,
  Query: {
    signals: async (_, args, ctx) => {
      const { scope, ...page } = signalList(args);
      const where = signalWhere(args.filter ?? null);
      return toConnection(await getSignalPage(ctx.db, { ...page, ...(where ? { where } : {}) }), scope);
    },
    digestSubscriptions: async (_, args, ctx) => {
      const { scope, ...page } = subscriptionList(args);
      return toConnection(await getSubscriptionPage(ctx.db, page), scope);
    },
    digests: async (_, args, ctx) => {
      const { scope, ...page } = digestList(args);
      let subscriptionId: number | null = null;
      if (args.subscription != null) {
        const sub = await getSubscriptionBySlug(ctx.db, args.subscription);
        if (!sub) throw badUserInput(`No subscription "${args.subscription}"`, "subscription");
        subscriptionId = sub.id;
      }
      return toConnection(await getDigestPage(ctx.db, { subscriptionId, ...page }), scope);
    },
    previewDigest: async (_, args, ctx) => {
      try {
        return await previewDigest(ctx.db, {
          signals: args.signals,
          from: args.from ?? null,
          to: args.to ?? new Date(),
          baseUrl: linkBase(),
        });
      } catch (error) {
        if (error instanceof DigestInputError) throw badUserInput(error.message, error.field);
        throw error;
      }
    },
  },
  Mutation: {
    createSignal: (_, { input }, ctx) => {
      const actor = admin(ctx);
      return payloadOf(async () => ({ signal: await createSignal(ctx.db, input, actor) }));
    },
    updateSignal: (_, { input }, ctx) => {
      const actor = admin(ctx);
      return payloadOf(async () => {
        const id = decodeIdOf("Signal", input.id, "input.id");
        return { signal: await updateSignal(ctx.db, id, input, actor) };
      });
    },
    createDigestSubscription: (_, { input }, ctx) => {
      const actor = admin(ctx);
      return payloadOf(() =>
        subscriptionWrite(async () => {
          const row = await createSubscription(ctx.db, stripNulls(input), actor);
          return { subscription: row, webhookSecret: row.webhookSecret };
        }),
      );
    },
    updateDigestSubscription: (_, { input }, ctx) => {
      const actor = admin(ctx);
      return payloadOf(() =>
        subscriptionWrite(async () => {
          const { id, expectedUpdatedAt, ...changes } = input;
          const subId = decodeIdOf("DigestSubscription", id, "input.id");
          const before = await getSubscriptionById(ctx.db, subId);
          const row = await updateSubscription(
            ctx.db,
            subId,
            withoutUndefined(changes),
            actor,
            expectedUpdatedAt,
          );
          const newSecret = row.webhookSecret && row.webhookSecret !== before?.webhookSecret;
          return { subscription: row, webhookSecret: newSecret ? row.webhookSecret : null };
        }),
      );
    },
    resendDigestDelivery: (_, { id }, ctx) => {
      admin(ctx);
      return payloadOf(async () => {
        const deliveryId = decodeIdOf("DigestDelivery", id, "id");
        const ok = await resendDelivery(ctx.db, deliveryId, new Date(), 5);
        if (!ok) {
          const exists = await getDeliveryById(ctx.db, deliveryId);
          throw new WriteRefused([
            exists
              ? userError(["id"], "INVALID", "the delivery is already pending")
              : userError(["id"], "NOT_FOUND", "no such delivery"),
          ]);
        }
        return { delivery: await getDeliveryById(ctx.db, deliveryId) };
      });
    },
    runDigest: (_, { subscription, at }, ctx) => {
      admin(ctx);
      return payloadOf(async () => {
        const sub = await getSubscriptionBySlug(ctx.db, subscription);
        if (!sub)
          throw new WriteRefused([
            userError(["subscription"], "NOT_FOUND", `no subscription "${subscription}"`),
          ]);
        if (!checkSlot(sub, at)) {
          throw new WriteRefused([
            userError(
              ["at"],
              "INVALID",
              `${at.toISOString()} is not a slot of "${sub.cron}" in ${sub.timeZone}`,
            ),
          ]);
        }
        const run = await runDigestForSlot(ctx.db, sub, at, { baseUrl: linkBase() });
        const digest = run.digestId ? await getDigestById(ctx.db, run.digestId) : null;
        return { digest, created: run.created };
      });
    },
  },
  Signal: {
    id: globalIdField("Signal"),
    rule: (s) => s.rule as Record<string, unknown>,
  },
  DigestSubscription: {
    id: globalIdField("DigestSubscription"),
    signals: (s, _, ctx) => getSubscriptionSignals(ctx.db, s.id),
    webhookUrl: (s, _, ctx) => {
      requireRole(ctx.viewer, "ADMIN");
      return s.webhookUrl;
    },
    folder: (s, _, ctx) => {
      requireRole(ctx.viewer, "ADMIN");
      return s.folder;
    },
    email: (s, _, ctx) => {
      requireRole(ctx.viewer, "ADMIN");
      return s.email;
    },
    feedUrl: (s) => `${linkBase().replace(/\/+$/, "")}/digests/${s.slug}.atom`,
    digests: async (s, args, ctx) => {
      const { scope, ...page } = digestList(args);
      return toConnection(await getDigestPage(ctx.db, { subscriptionId: s.id, ...page }), scope);
    },
  },
  Digest: {
    id: globalIdField("Digest"),
    subscription: async (d, _, ctx) => {
      const sub = await getSubscriptionById(ctx.db, d.subscriptionId);
      if (!sub) throw new Error(`subscription ${d.subscriptionId} is missing`);
      return sub;
    },
    empty: (d) => documentOf(d).empty,
    items: (d) => documentOf(d).items,
    deliveries: (d, _, ctx) => getDeliveriesOfDigest(ctx.db, d.id),
    document: (d) => documentOf(d) as unknown as Record<string, unknown>,
    rendered: (d, { format }) => renderDigest(documentOf(d), format),
  },
  DigestItem: {
    nodeId: (i) => i.id,
    eventDate: (i) => i.eventDate,
    recordedAt: (i) => i.recordedAt,
  },
  DigestDelivery: {
    id: globalIdField("DigestDelivery"),
    deliveryId: (d) => d.deliveryKey,
    attemptLog: (d, _, ctx) => getAttemptsOfDelivery(ctx.db, d.id),
  },
  DigestPreview: {
    document: (doc) => doc as unknown as Record<string, unknown>,
    rendered: (doc, { format }) => renderDigest(doc, format),
  },
};

/** GraphQL nulls on optional inputs mean "not given" for a create. */
function stripNulls<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v != null)) as T;
}

/** Drops undefined (not given) but keeps null (clear a destination). */
function withoutUndefined<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as T;
}
