import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";
import { fill, INVITE, MEMBER, send, V2023, type Seed } from "./http.js";

const CLI = fileURLToPath(new URL("../../mock/cli.ts", import.meta.url));

let child: ChildProcess | undefined;
afterEach(() => {
  if (child?.exitCode === null) child.kill("SIGKILL");
});

function startCli(args: string[]): ChildProcess {
  child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  return child;
}

/** Reads the CLI's KEY=value lines until the last one (CLIENT_SECRET) has arrived. */
async function banner(proc: ChildProcess): Promise<Record<string, string>> {
  let text = "";
  for await (const chunk of proc.stdout!) {
    text += String(chunk);
    if (/^CLIENT_SECRET=.*$/m.test(text)) break;
  }
  return Object.fromEntries(
    text
      .split("\n")
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
}

describe("mock/cli.ts", () => {
  test("prints the URL, seeded ids and demo credentials, serves them, and stops on SIGTERM", async () => {
    const proc = startCli([]);
    const env = await banner(proc);
    expect(Object.keys(env)).toEqual([
      "ATLAS_URL",
      "ORG_ID",
      "INVITATION_ID",
      "TEAM_ID",
      "USER_ID",
      "PUBLIC_KEY",
      "PRIVATE_KEY",
      "CLIENT_ID",
      "CLIENT_SECRET",
    ]);
    expect(env.ATLAS_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const url = env.ATLAS_URL!;
    const ids: Seed = {
      orgId: env.ORG_ID!,
      invitationId: env.INVITATION_ID!,
      teamId: env.TEAM_ID!,
      userId: env.USER_ID!,
    };

    const basic = Buffer.from(`${env.CLIENT_ID}:${env.CLIENT_SECRET}`).toString("base64");
    const token = await send(url, "/api/oauth/token", {
      method: "POST",
      headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    const { access_token } = JSON.parse(token.body) as { access_token: string };
    for (const path of [INVITE, MEMBER]) {
      const reply = await send(url, fill(path, ids), {
        headers: { Accept: V2023, Authorization: `Bearer ${access_token}` },
      });
      expect(reply.status).toBe(204);
    }
    // The demo API key is registered for Digest: without credentials, the challenge comes back.
    expect((await send(url, fill(INVITE, ids), { headers: { Accept: V2023 } })).status).toBe(401);

    proc.kill("SIGTERM");
    const [code] = (await once(proc, "exit")) as [number | null];
    expect(code).toBe(0);
  });

  test("listens on --port", async () => {
    const probe = startCli([]);
    const port = Number(new URL((await banner(probe)).ATLAS_URL!).port);
    probe.kill("SIGINT");
    expect(((await once(probe, "exit")) as [number | null])[0]).toBe(0);

    const proc = startCli(["--port", String(port)]);
    expect((await banner(proc)).ATLAS_URL).toBe(`http://127.0.0.1:${port}`);
  });

  test("rejects a bad --port", async () => {
    const proc = startCli(["--port", "http"]);
    let stderr = "";
    proc.stderr!.on("data", (chunk) => (stderr += String(chunk)));
    const [code] = (await once(proc, "exit")) as [number | null];
    expect(code).toBe(2);
    expect(stderr).toContain("--port must be an integer from 0 to 65535");
  });
});
