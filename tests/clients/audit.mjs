// Runs the GraphQL over HTTP audits of the GraphQL Foundation's
// `graphql-http` against a server and prints their results as JSON:
// [{ "id", "name", "status": "ok" | "notice" | "warn" | "error", "reason", "httpStatus" }].
//
//   node tests/clients/audit.mjs http://127.0.0.1:8080/graphql
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}

const results = [];
// One after the other: the server under test is small and shared.
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  results.push({
    id: result.id,
    name: result.name,
    status: result.status,
    reason: result.reason,
    httpStatus: result.response?.status,
  });
}
console.log(JSON.stringify(results, null, 2));
