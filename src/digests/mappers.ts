import type { digestDeliveries, digests, signals, subscriptions } from "../../schema/db/index.ts";
import type { ConnectionModel, EdgeModel } from "../graphql/connection.ts";
import type { DigestDocument, DigestItem } from "./document.ts";

/** What resolvers pass around for the digest domain's GraphQL types (listed in codegen.ts). */
export type SignalModel = typeof signals.$inferSelect;
export type SignalConnectionModel = ConnectionModel<SignalModel>;
export type SignalEdgeModel = EdgeModel<SignalModel>;
export type DigestSubscriptionModel = typeof subscriptions.$inferSelect;
export type DigestSubscriptionConnectionModel = ConnectionModel<DigestSubscriptionModel>;
export type DigestSubscriptionEdgeModel = EdgeModel<DigestSubscriptionModel>;
export type DigestModel = typeof digests.$inferSelect;
export type DigestConnectionModel = ConnectionModel<DigestModel>;
export type DigestEdgeModel = EdgeModel<DigestModel>;
export type DigestDeliveryModel = typeof digestDeliveries.$inferSelect;
export type DigestItemModel = DigestItem;
export type DigestPreviewModel = DigestDocument;
