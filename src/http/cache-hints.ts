import type { ApolloServerPlugin } from "@apollo/server";

/**
 * Cache-Control hints for a CDN: an anonymous GET query answered without errors is
 * `max-age=<maxAgeS>, public`; a POST, a mutation, a request with an API key (never shared), an
 * answer with errors, or maxAgeS 0 gets no cacheable policy. The policy is decided per request,
 * not per field: Apollo's field-level cache-control plugin stays off (it wraps every resolver, and
 * no field sets its own hint).
 */
export function cacheHintPlugins(maxAgeS: number): ApolloServerPlugin<object>[] {
  const hints: ApolloServerPlugin<object> = {
    async requestDidStart(rc) {
      const get = rc.request.http?.method === "GET";
      return {
        async willSendResponse(sent) {
          const keyed = (sent.contextValue as { viewer?: { keyId: number | null } }).viewer?.keyId != null;
          const body = sent.response.body;
          const errors = body.kind === "single" ? (body.singleResult.errors?.length ?? 0) : 1;
          const cacheable =
            get && maxAgeS > 0 && sent.operation?.operation === "query" && !keyed && errors === 0;
          if (cacheable) sent.response.http.headers.set("cache-control", `max-age=${maxAgeS}, public`);
        },
      };
    },
  };
  return [hints];
}
