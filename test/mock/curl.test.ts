/**
 * The Atlas docs pages' own curl commands (shared/seeds: deleteOrgInvite and
 * removeOrgTeamUserFromTeam), run unchanged with the real curl binary except for the host and the
 * path ids. CI installs curl; without it these tests fail rather than skip.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startMockAtlas, type MockAtlas, type MockAtlasOptions } from "../../mock/atlas.js";
import { seed, type Seed } from "./http.js";

const run = promisify(execFile);

// Verbatim from the seed page of deleteOrgInvite (000_fa092118eb698d79.txt).
const INVITE_BEARER = `curl --include --header "Authorization: Bearer \${ACCESS_TOKEN}" \\
--header "Accept: application/vnd.atlas.2024-10-23+json" \\
-X DELETE "https://cloud.mongodb.com/api/atlas/v2/orgs/{orgId}/invites/{invitationId}"`;
const INVITE_DIGEST = `curl --user "\${PUBLIC_KEY}:\${PRIVATE_KEY}" \\
--digest --include \\
--header "Accept: application/vnd.atlas.2024-10-23+json" \\
-X DELETE "https://cloud.mongodb.com/api/atlas/v2/orgs/{orgId}/invites/{invitationId}"`;

// Verbatim from the seed page of removeOrgTeamUserFromTeam (003_eac36d0ef82d981e.txt).
const MEMBER_BEARER = `curl --include --header "Authorization: Bearer \${ACCESS_TOKEN}" \\
--header "Accept: application/vnd.atlas.2023-01-01+json" \\
-X DELETE "https://cloud.mongodb.com/api/atlas/v2/orgs/{orgId}/teams/{teamId}/users/{userId}"`;
const MEMBER_DIGEST = `curl --user "\${PUBLIC_KEY}:\${PRIVATE_KEY}" \\
--digest --include \\
--header "Accept: application/vnd.atlas.2023-01-01+json" \\
-X DELETE "https://cloud.mongodb.com/api/atlas/v2/orgs/{orgId}/teams/{teamId}/users/{userId}"`;

// The documented client-credentials token request.
const TOKEN = `curl -fsS --request POST https://cloud.mongodb.com/api/oauth/token \\
--header "Authorization: Basic $(printf '%s' "\${CLIENT_ID}:\${CLIENT_SECRET}" | base64 | tr -d '\\n')" \\
--header "Content-Type: application/x-www-form-urlencoded" \\
--header "Accept: application/json" \\
--data "grant_type=client_credentials"`;

const COMMANDS = {
  deleteOrgInvite: { digest: INVITE_DIGEST, bearer: INVITE_BEARER },
  removeOrgTeamUserFromTeam: { digest: MEMBER_DIGEST, bearer: MEMBER_BEARER },
};

const KEY = { publicKey: "qwertyui", privateKey: "7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d" };
const SA = { clientId: "mdb_sa_id_curl", clientSecret: "mdb_sa_sk_curl" };
const CREDENTIALS = {
  PUBLIC_KEY: KEY.publicKey,
  PRIVATE_KEY: KEY.privateKey,
  CLIENT_ID: SA.clientId,
  CLIENT_SECRET: SA.clientSecret,
};

// Checked before every test (once), so a missing binary fails each test with this message
// instead of leaving them skipped.
let tools: Promise<void> | undefined;
function requireTools(): Promise<void> {
  tools ??= (async () => {
    for (const binary of ["curl", "bash"]) {
      try {
        await run(binary, ["--version"]);
      } catch (error) {
        throw new Error(
          `"${binary}" is required to run the docs' curl examples but could not be run: ${String(error)}`,
        );
      }
    }
  })();
  return tools;
}

let atlas: MockAtlas;
let ids: Seed;
async function start(options: MockAtlasOptions = {}): Promise<void> {
  atlas = await startMockAtlas({ apiKeys: [KEY], serviceAccounts: [SA], ...options });
  ids = seed(atlas.state);
}
beforeEach(async () => {
  await start();
  await requireTools();
});
afterEach(() => atlas.close());

/** Runs a docs command through bash, pointed at the mock and the seeded ids. */
async function shell(command: string, env: Record<string, string> = {}): Promise<string> {
  const script = command
    .replaceAll("https://cloud.mongodb.com", atlas.url)
    .replace(/\{(orgId|invitationId|teamId|userId)\}/g, (_, name: keyof Seed) => ids[name]);
  const { stdout } = await run("bash", ["-c", script], {
    env: { ...process.env, ...CREDENTIALS, ...env },
  });
  return stdout;
}

/** The status codes of every response `curl --include` printed, in order. */
const statuses = (output: string) => [...output.matchAll(/^HTTP\/[\d.]+ (\d{3})/gm)].map((m) => Number(m[1]));

async function accessToken(): Promise<string> {
  const body = JSON.parse(await shell(TOKEN)) as { access_token: string; token_type: string; expires_in: number };
  expect(body.token_type).toBe("Bearer");
  expect(body.expires_in).toBe(3600);
  return body.access_token;
}

describe("the docs' Digest commands", () => {
  test.each([
    { given: { operation: "deleteOrgInvite", algorithms: undefined }, want: { algorithm: "SHA-256" } },
    { given: { operation: "deleteOrgInvite", algorithms: ["MD5"] }, want: { algorithm: "MD5" } },
    { given: { operation: "removeOrgTeamUserFromTeam", algorithms: undefined }, want: { algorithm: "SHA-256" } },
    { given: { operation: "removeOrgTeamUserFromTeam", algorithms: ["MD5"] }, want: { algorithm: "MD5" } },
  ] as const)(
    "$given.operation, offering $given.algorithms → 204 via $want.algorithm, then 404",
    async ({ given, want }) => {
      await atlas.close();
      await start(given.algorithms ? { digestAlgorithms: [...given.algorithms] } : {});
      const command = COMMANDS[given.operation].digest;
      const first = await shell(command);
      expect(statuses(first)).toEqual([401, 204]);
      // curl answered the first challenge, which names the algorithm.
      expect(atlas.requests[1]?.headers.authorization).toMatch(new RegExp(`algorithm=${want.algorithm}$`));
      expect(atlas.state.hasInvitation(ids.orgId, ids.invitationId)).toBe(given.operation !== "deleteOrgInvite");
      expect(atlas.state.hasTeamMember(ids.orgId, ids.teamId, ids.userId)).toBe(given.operation === "deleteOrgInvite");

      const second = await shell(command);
      expect(statuses(second)).toEqual([401, 404]);
      expect(second).toContain('"errorCode":"RESOURCE_NOT_FOUND"');
    },
  );

  test("a wrong private key ends in 401", async () => {
    const output = await shell(INVITE_DIGEST, { PRIVATE_KEY: "not-the-key" });
    expect(statuses(output)).toEqual([401, 401]);
    expect(atlas.state.hasInvitation(ids.orgId, ids.invitationId)).toBe(true);
  });
});

describe("the docs' Bearer commands, with the documented token request", () => {
  test.each(["deleteOrgInvite", "removeOrgTeamUserFromTeam"] as const)("%s → 204, then 404", async (operation) => {
    const command = COMMANDS[operation].bearer;
    const token = await accessToken();
    expect(atlas.tokenRequests).toBe(1);
    expect(atlas.requests[0]?.body).toBe("grant_type=client_credentials");

    const first = await shell(command, { ACCESS_TOKEN: token });
    expect(statuses(first)).toEqual([204]);
    expect(first).toMatch(/^RateLimit-Remaining: \d+\r?$/m);
    if (operation === "deleteOrgInvite") expect(atlas.state.hasInvitation(ids.orgId, ids.invitationId)).toBe(false);
    else expect(atlas.state.hasTeamMember(ids.orgId, ids.teamId, ids.userId)).toBe(false);

    const second = await shell(command, { ACCESS_TOKEN: token });
    expect(statuses(second)).toEqual([404]);
    expect(second).toContain('"errorCode":"RESOURCE_NOT_FOUND"');
  });

  test("the token request fails (curl -f) for a wrong secret", async () => {
    await expect(shell(TOKEN, { CLIENT_SECRET: "wrong" })).rejects.toMatchObject({
      stderr: expect.stringContaining("401"),
    });
  });

  test("an unknown token gets 401 and nothing is deleted", async () => {
    const output = await shell(INVITE_BEARER, { ACCESS_TOKEN: "not-a-token" });
    expect(statuses(output)).toEqual([401]);
    expect(atlas.state.hasInvitation(ids.orgId, ids.invitationId)).toBe(true);
  });
});
