/**
 * Client-side overhead per call: the generated `deleteOrgInvite` and openapi-fetch sending the same
 * request to a stub `fetch` that answers 204 at once. Prints JSON: microseconds per call, median of
 * batches after a warm-up, batches of the two clients interleaved.
 */
import createFetchClient from "openapi-fetch";
import { createClient, deleteOrgInvite } from "../generated/index.js";

interface paths {
  "/api/atlas/v2/orgs/{orgId}/invites/{invitationId}": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    delete: {
      parameters: { query?: { envelope?: boolean; pretty?: boolean }; header?: never; path: { orgId: string; invitationId: string }; cookie?: never };
      requestBody?: never;
      responses: { 204: { headers: { [name: string]: unknown }; content?: never } };
    };
  };
}

const BATCHES = Number(process.env.BATCHES ?? 15);
const CALLS = Number(process.env.CALLS ?? 5000);
const orgId = "4888442a3354817a7320eb61";
const invitationId = "5f4d3c2b1a0f9e8d7c6b5a49";
const baseUrl = "https://cloud.mongodb.com";
const stub = async (): Promise<Response> => new Response(null, { status: 204 });

const atlasgen = createClient({ baseUrl, fetch: stub, retry: false, onDeprecation: false });
const peer = createFetchClient<paths>({ baseUrl, fetch: stub });

const calls: Record<string, () => Promise<unknown>> = {
  atlasgen: async () => {
    const result = await deleteOrgInvite(atlasgen, { orgId, invitationId });
    if (!result.ok) throw new Error("atlasgen call failed");
  },
  "openapi-fetch": async () => {
    const { response } = await peer.DELETE("/api/atlas/v2/orgs/{orgId}/invites/{invitationId}", {
      params: { path: { orgId, invitationId } },
      headers: { Accept: "application/vnd.atlas.2023-01-01+json" },
    });
    if (response.status !== 204) throw new Error("openapi-fetch call failed");
  },
};

async function batch(call: () => Promise<unknown>, n: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await call();
  return Number(process.hrtime.bigint() - start) / 1000 / n;
}

const samples: Record<string, number[]> = { atlasgen: [], "openapi-fetch": [] };
for (const call of Object.values(calls)) await batch(call, CALLS);
// Who goes first alternates: the garbage one batch leaves is collected during the next.
for (let i = 0; i < BATCHES; i++) {
  const order = Object.entries(calls);
  for (const [name, call] of i % 2 === 0 ? order : order.reverse()) samples[name]!.push(await batch(call, CALLS));
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
console.log(JSON.stringify(Object.fromEntries(Object.entries(samples).map(([name, v]) => [name, median(v)]))));
