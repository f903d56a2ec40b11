/**
 * Contract test: Stoplight Prism (an independent OpenAPI server) serves spec/atlas-admin-v2.yaml
 * and validates every request the generated client sends against it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createClient, deleteOrgInvite, removeOrgTeamUserFromTeam, type Client } from "../../generated/index.js";
import { freePort } from "../helpers/ports.js";

const PRISM = path.resolve("node_modules/.bin/prism");
const ID = "4888442a3354817a7320eb61";
let prism: ChildProcess;
let baseUrl: string;
const violations: string[] = [];
let client: Client;

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  prism = spawn(PRISM, ["mock", "spec/atlas-admin-v2.yaml", "-h", "127.0.0.1", "-p", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start:\n${log}`)), 50_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes("Prism is listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    prism.stdout?.on("data", onData);
    prism.stderr?.on("data", onData);
    prism.once("exit", (code) => reject(new Error(`Prism exited with ${code}:\n${log}`)));
  });
  // Records Prism's verdict on each request the client sends.
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const header = response.headers.get("sl-violations");
    if (header) violations.push(`${init?.method} ${String(input)}: ${header}`);
    return response;
  };
  client = createClient({ baseUrl, auth: { type: "bearer", token: "contract-test" }, fetch: recordingFetch, onDeprecation: false });
}, 60_000);

afterAll(() => {
  prism?.kill();
});

describe("Prism contract", () => {
  test.each([
    ["deleteOrgInvite", () => deleteOrgInvite(client, { orgId: ID, invitationId: ID })],
    ["deleteOrgInvite with envelope and pretty", () => deleteOrgInvite(client, { orgId: ID, invitationId: ID, envelope: true, pretty: true })],
    ["deleteOrgInvite with flags false", () => deleteOrgInvite(client, { orgId: ID, invitationId: ID, envelope: false, pretty: false })],
    ["removeOrgTeamUserFromTeam", () => removeOrgTeamUserFromTeam(client, { orgId: ID, teamId: ID, userId: ID })],
    ["removeOrgTeamUserFromTeam with pretty", () => removeOrgTeamUserFromTeam(client, { orgId: ID, teamId: ID, userId: ID, pretty: true })],
  ])("%s: the request passes Prism's validation and gets 204", async (_name, call) => {
    violations.length = 0;
    const result = await call();
    expect(violations).toEqual([]);
    expect(result).toMatchObject({ ok: true, status: 204, data: undefined });
  });

  test("a request with an invalid id sent around the client gets Prism's 400", async () => {
    const response = await fetch(`${baseUrl}/api/atlas/v2/orgs/not-hex/invites/${ID}`, {
      method: "DELETE",
      headers: { Accept: "application/vnd.atlas.2023-01-01+json", Authorization: "Bearer contract-test" },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("sl-violations")).toContain("must match pattern");
  });

  test("the same invalid id through the client never reaches Prism", async () => {
    violations.length = 0;
    const result = await deleteOrgInvite(client, { orgId: "not-hex", invitationId: ID });
    expect(result).toMatchObject({ ok: false, error: { kind: "validation", issues: [{ param: "orgId" }] } });
    expect(violations).toEqual([]);
  });
});
