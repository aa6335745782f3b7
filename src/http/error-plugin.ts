import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { databaseFault, loggableError } from "../db/faults.ts";
import type { Logger } from "../logger.ts";
import { stateOf } from "./request-state.ts";

/** Seconds a client should wait before retrying when the database is unavailable. */
export const RETRY_AFTER_S = 5;

/**
 * Ties errors to their request: every unexpected error (and database fault) is logged with the
 * request id and path but without SQL or parameters (loggableError); masked INTERNAL_SERVER_ERRORs
 * carry `extensions.requestId` so a user can quote it; a response whose errors include
 * SERVICE_UNAVAILABLE is HTTP 503 with Retry-After. Records the response's error codes for the
 * request log and metrics.
 */
export function errorPlugin(logger: Logger): ApolloServerPlugin<object> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors(rc) {
          const state = stateOf(rc.contextValue);
          for (const error of rc.errors) {
            const original = unwrapResolverError(error);
            const coded = (error.extensions?.code as string | undefined) ?? undefined;
            const fault = databaseFault(original);
            if (coded && coded !== "INTERNAL_SERVER_ERROR" && !fault) continue;
            logger[fault ? "warn" : "error"](
              { requestId: state?.id, path: error.path?.join("."), error: loggableError(original), fault },
              fault ? "database fault" : "unexpected GraphQL error",
            );
          }
        },
        async willSendResponse(rc) {
          const state = stateOf(rc.contextValue);
          const { body } = rc.response;
          if (body.kind !== "single") return;
          const errors = body.singleResult.errors ?? [];
          const codes = errors.map((e) => String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR"));
          if (state) state.errorCodes = codes;
          for (const e of errors) {
            if (e.extensions?.code === "INTERNAL_SERVER_ERROR" && state) {
              (e as { extensions: Record<string, unknown> }).extensions = {
                ...e.extensions,
                requestId: state.id,
              };
            }
          }
          if (codes.includes("SERVICE_UNAVAILABLE")) {
            rc.response.http.status = 503;
            rc.response.http.headers.set("retry-after", String(RETRY_AFTER_S));
          }
        },
      };
    },
  };
}
