import { ASSET_PREFIX, pageScripts, pageStylesheets } from "./assets.ts";
import type { GraphiqlExample } from "./examples.ts";

/**
 * Only this origin: GraphiQL loads its scripts, styles and data from the server itself. Inline
 * styles stay allowed (React and CodeMirror set them); inline scripts do not.
 */
export const GRAPHIQL_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** The GraphiQL HTML page; the configuration travels as inert JSON read by hyperscope-graphiql.js. */
export function renderGraphiqlPage(options: {
  endpoint: string;
  examples: readonly GraphiqlExample[];
}): string {
  const config = {
    endpoint: options.endpoint,
    tabs: options.examples.map((e) => ({
      query: e.query,
      ...(e.variables ? { variables: JSON.stringify(e.variables, null, 2) } : {}),
    })),
  };
  const styles = pageStylesheets.map((f) => `<link rel="stylesheet" href="${ASSET_PREFIX}/${f}">`);
  const scripts = pageScripts.map((f) => `<script src="${ASSET_PREFIX}/${f}"></script>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hyperscope GraphiQL</title>
${styles.join("\n")}
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script id="hyperscope-graphiql-config" type="application/json">${jsonForScript(config)}</script>
${scripts.join("\n")}
</body>
</html>
`;
}

/** JSON that cannot end the <script> element it sits in. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
