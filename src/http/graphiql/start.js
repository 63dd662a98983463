// Starts GraphiQL on this server's /graphql, with the schema's documentation
// open: a first-time reader sees what the API offers. A script file, not an
// inline script, so the page's Content-Security-Policy can allow only
// scripts of its own origin.
(function () {
  'use strict';
  var fetcher = GraphiQL.createFetcher({
    url: new URL('/graphql', window.location.href).toString(),
    // ropa sends every answer whole: no @defer, no @stream.
    enableIncrementalDelivery: false,
  });
  var defaultQuery = [
    '# Most queries need a token. Under Headers, add',
    '#   {"Authorization": "Bearer <token>"}',
    '# (ropa token --org SLUG --role viewer',
    '# prints one).',
    '{',
    '  organization {',
    '    legalName',
    '  }',
    '}',
    '',
  ].join('\n');
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      defaultEditorToolbarTabs: 'headers',
      visiblePlugin: GraphiQL.React.DOC_EXPLORER_PLUGIN,
    })
  );
})();
