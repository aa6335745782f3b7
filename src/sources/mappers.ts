import type { sources } from "../../schema/db/index.ts";
import type { ConnectionModel, EdgeModel } from "../graphql/connection.ts";

/** What resolvers pass around for this domain's GraphQL types (codegen `mappers`, listed in codegen.ts). */

export type SourceModel = typeof sources.$inferSelect;
export type SourceConnectionModel = ConnectionModel<SourceModel>;
export type SourceEdgeModel = EdgeModel<SourceModel>;

/** A fact's citation: the source row and where in it the fact is found. */
export interface CitationModel {
  source: SourceModel;
  locator: string | null;
}
