// Runs in the browser after React, ReactDOM and GraphiQL's UMD builds: renders GraphiQL with the
// endpoint and example tabs the server embedded in #hyperscope-graphiql-config.
(() => {
  const { React, ReactDOM, GraphiQL } = window;
  const config = JSON.parse(document.getElementById("hyperscope-graphiql-config").textContent);
  const fetcher = GraphiQL.createFetcher({ url: new URL(config.endpoint, window.location.href).toString() });
  // A link such as a digest item's (/graphiql?query=…&variables=…) opens its query in the first tab.
  const params = new URLSearchParams(window.location.search);
  const linked = params.get("query");
  const tabs = linked
    ? [
        { query: linked, ...(params.get("variables") ? { variables: params.get("variables") } : {}) },
        ...config.tabs,
      ]
    : config.tabs;
  const root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultTabs: tabs,
      defaultEditorToolsVisibility: false,
      shouldPersistHeaders: false,
    }),
  );
})();
