import { startMockAtlas } from "/work/main/mock/atlas.js";
const m = await startMockAtlas({ apiKeys: [{ publicKey: "pub", privateKey: "priv" }] });
const org = m.state.addOrg(); const inv = m.state.addInvitation(org);
console.log(m.url, org, inv);
const { execFileSync } = await import("node:child_process");
for (const algs of [0]) {
  console.log(execFileSync("curl", ["-sS", "--user", "pub:priv", "--digest", "--include", "-v", "--header", "Accept: application/vnd.atlas.2024-10-23+json", "-X", "DELETE", `${m.url}/api/atlas/v2/orgs/${org}/invites/${inv}`], { encoding: "utf8" }));
}
await m.close();
