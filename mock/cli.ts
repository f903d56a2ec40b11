/**
 * Runs the mock Atlas server for manual use and demos:
 *   npx tsx mock/cli.ts [--port 8080]
 * Prints the URL, the seeded ids and demo credentials as KEY=value lines (source-able by a shell),
 * and serves until SIGINT or SIGTERM.
 */
import { parseArgs } from "node:util";
import { startMockAtlas } from "./atlas.js";

const { values } = parseArgs({ options: { port: { type: "string", default: "0" } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`mock atlas: --port must be an integer from 0 to 65535, got "${values.port}"`);
  process.exit(2);
}

// Fixed demo credentials, shaped like real ones, so scripts can hard-code them.
const apiKey = { publicKey: "mockpubk", privateKey: "00000000-0000-4000-8000-000000000000" };
const serviceAccount = { clientId: "mdb_sa_id_mock", clientSecret: "mdb_sa_sk_mock" };

const atlas = await startMockAtlas({ port, apiKeys: [apiKey], serviceAccounts: [serviceAccount] });
const orgId = atlas.state.addOrg();
const invitationId = atlas.state.addInvitation(orgId);
const teamId = atlas.state.addTeam(orgId);
const userId = atlas.state.addTeamMember(orgId, teamId);

// Installed before the banner, so a caller that stops us as soon as it reads the banner is handled.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void atlas.close().then(() => process.exit(0));
  });
}

console.log(
  [
    "# mock Atlas Admin API v2 (Ctrl-C to stop)",
    `ATLAS_URL=${atlas.url}`,
    `ORG_ID=${orgId}`,
    `INVITATION_ID=${invitationId}`,
    `TEAM_ID=${teamId}`,
    `USER_ID=${userId}`,
    `PUBLIC_KEY=${apiKey.publicKey}`,
    `PRIVATE_KEY=${apiKey.privateKey}`,
    `CLIENT_ID=${serviceAccount.clientId}`,
    `CLIENT_SECRET=${serviceAccount.clientSecret}`,
  ].join("\n"),
);
