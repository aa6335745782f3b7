import { Router } from "express";
import type { GraphQLSchema } from "graphql";
import type { Logger } from "../../logger.ts";
import { ASSET_PREFIX, graphiqlAssets } from "./assets.ts";
import { graphiqlExamples, validateExamples } from "./examples.ts";
import { GRAPHIQL_CONTENT_SECURITY_POLICY, renderGraphiqlPage } from "./page.ts";

/** GET /graphiql (the page) and GET /graphiql/assets/:name (the allow-listed local files). */
export function graphiqlRoutes(options: { schema: GraphQLSchema; endpoint: string; logger: Logger }): Router {
  const { valid, invalid } = validateExamples(options.schema, graphiqlExamples);
  for (const example of invalid) {
    options.logger.warn(
      { example: example.name, errors: example.errors },
      "GraphiQL example left off: invalid",
    );
  }
  const html = renderGraphiqlPage({ endpoint: options.endpoint, examples: valid });

  const router = Router();
  router.get("/graphiql", (_req, res) => {
    res.set({
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": GRAPHIQL_CONTENT_SECURITY_POLICY,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-cache",
    });
    res.send(html);
  });
  router.get(`${ASSET_PREFIX}/:name`, (req, res, next) => {
    const file = Object.hasOwn(graphiqlAssets, req.params.name) ? graphiqlAssets[req.params.name] : undefined;
    if (!file) return next();
    res.set("X-Content-Type-Options", "nosniff");
    res.sendFile(file, { maxAge: "1h" }, (error) => {
      if (error && !res.headersSent) next(error);
    });
  });
  return router;
}
