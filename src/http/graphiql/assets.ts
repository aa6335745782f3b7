import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** URL prefix of GraphiQL's static files; every file the page loads is served from here. */
export const ASSET_PREFIX = "/graphiql/assets";

/**
 * The only files served under ASSET_PREFIX, by name: the installed GraphiQL 3 and React 18 UMD
 * builds and our own start-up script and stylesheet. No CDN: the page works with no internet.
 */
export const graphiqlAssets: Readonly<Record<string, string>> = {
  "react.production.min.js": join(packageDir("react"), "umd/react.production.min.js"),
  "react-dom.production.min.js": join(packageDir("react-dom"), "umd/react-dom.production.min.js"),
  "graphiql.min.js": join(packageDir("graphiql"), "graphiql.min.js"),
  "graphiql.min.js.map": join(packageDir("graphiql"), "graphiql.min.js.map"),
  "graphiql.min.css": join(packageDir("graphiql"), "graphiql.min.css"),
  "hyperscope-graphiql.js": fileURLToPath(new URL("./browser.js", import.meta.url)),
  "hyperscope-graphiql.css": fileURLToPath(new URL("./browser.css", import.meta.url)),
};

/** Scripts in load order (React before ReactDOM before GraphiQL before ours) and stylesheets. */
export const pageScripts = [
  "react.production.min.js",
  "react-dom.production.min.js",
  "graphiql.min.js",
  "hyperscope-graphiql.js",
];
export const pageStylesheets = ["graphiql.min.css", "hyperscope-graphiql.css"];
