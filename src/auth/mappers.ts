import type { ConnectionModel, EdgeModel } from "../graphql/connection.ts";
import type { ApiKeyView } from "./queries.ts";

/** What resolvers pass around for the API key types (codegen `mappers`, listed in codegen.ts). */

export type ApiKeyModel = ApiKeyView;
export type ApiKeyConnectionModel = ConnectionModel<ApiKeyModel>;
export type ApiKeyEdgeModel = EdgeModel<ApiKeyModel>;
