// Runs in the browser after React, ReactDOM and GraphiQL's UMD builds: renders GraphiQL with the
// endpoint and example tabs the server embedded in #hyperscope-graphiql-config.
(() => {
  const { React, ReactDOM, GraphiQL } = window;
  const config = JSON.parse(document.getElementById("hyperscope-graphiql-config").textContent);
  const fetcher = GraphiQL.createFetcher({ url: new URL(config.endpoint, window.location.href).toString() });
  const root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultTabs: config.tabs,
      defaultEditorToolsVisibility: false,
      shouldPersistHeaders: false,
    }),
  );
})();
