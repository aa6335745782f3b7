import type { ConnectionModel, EdgeModel } from "../graphql/connection.ts";
import type { AuditEntryRow } from "./queries.ts";

/** What resolvers pass around for the audit types (codegen `mappers`, listed in codegen.ts). */

export type AuditEntryModel = AuditEntryRow;
export type AuditEntryConnectionModel = ConnectionModel<AuditEntryModel>;
export type AuditEntryEdgeModel = EdgeModel<AuditEntryModel>;
