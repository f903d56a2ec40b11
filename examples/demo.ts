/**
 * `npm run demo`: the generated client at work against the mock Atlas started in this process —
 * no Atlas credentials needed. Exits non-zero if anything does not behave as described.
 */
import { createClient, deleteOrgInvite, removeOrgTeamUserFromTeam, type DeleteOrgInviteResult } from "../generated/index.js";
import { startMockAtlas } from "../mock/atlas.js";

const apiKey = { publicKey: "demo-public-key", privateKey: "demo-private-key" };
const serviceAccount = { clientId: "mdb_sa_id_demo", clientSecret: "mdb_sa_sk_demo" };

type AnyResult = DeleteOrgInviteResult;

function describe(result: AnyResult): string {
  if (result.ok) return `${result.status} ok (rate limit ${result.rateLimit.remaining ?? "?"}/${result.rateLimit.limit ?? "?"} left)`;
  const { error } = result;
  switch (error.kind) {
    case "validation":
      return `not sent: ${error.issues.map((i) => `${i.param} ${i.message}`).join("; ")}`;
    case "http":
      return `${error.status} ${error.body.errorCode}: ${error.body.detail ?? error.body.reason ?? ""}`;
    case "unexpected":
      return `unexpected ${error.status}: ${error.text.slice(0, 80)}`;
    case "network":
      return `network error: ${error.message}`;
    case "timeout":
      return `timed out after ${error.timeoutMs} ms`;
    case "aborted":
      return "aborted";
    case "auth":
      return `authentication failed: ${error.message}`;
  }
}

let failures = 0;
function show(title: string, result: AnyResult, expected: (r: AnyResult) => boolean): void {
  const ok = expected(result);
  if (!ok) failures++;
  console.log(`${ok ? "✔" : "✘"} ${title.padEnd(58)} → ${describe(result)}`);
}

const atlas = await startMockAtlas({ apiKeys: [apiKey], serviceAccounts: [serviceAccount] });
console.log(`mock Atlas listening on ${atlas.url}\n`);
const deprecations: string[] = [];
const onDeprecation = (info: { operationId: string; sunset?: string | undefined; replacement?: string | undefined }) =>
  deprecations.push(`${info.operationId}: sunset ${info.sunset}; replacement: ${info.replacement}`);

try {
  const orgId = atlas.state.addOrg();
  const teamId = atlas.state.addTeam(orgId);

  const digest = createClient({ baseUrl: atlas.url, auth: { type: "digest", ...apiKey }, onDeprecation });
  const invite = { orgId, invitationId: atlas.state.addInvitation(orgId) };
  atlas.reset();
  show("Digest: deleteOrgInvite", await deleteOrgInvite(digest, invite), (r) => r.ok);
  show("Digest: removeOrgTeamUserFromTeam", await removeOrgTeamUserFromTeam(digest, { orgId, teamId, userId: atlas.state.addTeamMember(orgId, teamId) }), (r) => r.ok);
  console.log(`  (Digest: ${atlas.requests.length} HTTP requests for 2 calls: one challenge, then the nonce is reused)`);

  const service = createClient({ baseUrl: atlas.url, auth: { type: "serviceAccount", ...serviceAccount }, onDeprecation });
  show("Service account: deleteOrgInvite", await deleteOrgInvite(service, { orgId, invitationId: atlas.state.addInvitation(orgId) }), (r) => r.ok);
  show("Service account: removeOrgTeamUserFromTeam", await removeOrgTeamUserFromTeam(service, { orgId, teamId, userId: atlas.state.addTeamMember(orgId, teamId) }), (r) => r.ok);

  show("Invalid ids are rejected before anything is sent", await deleteOrgInvite(service, { orgId: "../admin", invitationId: "42" }), (r) => !r.ok && r.error.kind === "validation");
  show("Deleting the same invitation twice: typed 404", await deleteOrgInvite(service, invite), (r) => !r.ok && r.error.kind === "http" && r.error.status === 404);

  atlas.inject({ status: 429, retryAfter: "1" });
  const started = Date.now();
  const retried = await deleteOrgInvite(service, { orgId, invitationId: atlas.state.addInvitation(orgId) });
  show(`429 with Retry-After: 1 is retried (${Date.now() - started} ms)`, retried, (r) => r.ok);

  await service.close();
  console.log(`\nService account token revoked on close(); token requests made: ${atlas.tokenRequests}`);
  console.log(`Deprecation notices (once per operation per client):\n  ${deprecations.join("\n  ")}`);
} finally {
  await atlas.close();
}
if (failures > 0) {
  console.error(`\n${failures} step(s) did not behave as expected`);
  process.exitCode = 1;
}
