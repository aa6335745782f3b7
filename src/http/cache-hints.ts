import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControl } from "@apollo/server/plugin/cacheControl";

/**
 * Cache-Control hints for a CDN: an anonymous GET query answered without errors is
 * `public, max-age=<maxAgeS>`; a POST, a mutation, a request with an API key (private: never
 * shared), or maxAgeS 0 gets no cacheable policy (Apollo then sends no max-age).
 */
export function cacheHintPlugins(maxAgeS: number): ApolloServerPlugin<object>[] {
  const restrict: ApolloServerPlugin<object> = {
    async requestDidStart(rc) {
      const get = rc.request.http?.method === "GET";
      return {
        async executionDidStart(exec) {
          const keyed = (exec.contextValue as { viewer?: { keyId: number | null } }).viewer?.keyId != null;
          if (!get || exec.operation.operation !== "query") exec.overallCachePolicy.restrict({ maxAge: 0 });
          if (keyed) exec.overallCachePolicy.restrict({ scope: "PRIVATE" });
        },
      };
    },
  };
  return [ApolloServerPluginCacheControl({ defaultMaxAge: maxAgeS, calculateHttpHeaders: true }), restrict];
}
