/**
 * Key order in a spec does not change the output: shuffling paths, methods, parameters,
 * responses and components gives byte-identical files. (The order of a schema's own properties is
 * the author's and is kept in the types, so schemas themselves are left as they are.)
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { stringify } from "yaml";
import { beforeAll, expect, test } from "vitest";
import { generate } from "../../generator/index.js";
import type { EmittedFile } from "../../generator/emit/index.js";

const param = (name: string, where: string, schema: object, extra: object = {}) => ({ name, in: where, schema, ...extra });
const errors = { "400": { $ref: "#/components/responses/badRequest" }, "404": { $ref: "#/components/responses/notFound" } };

const SPEC = {
  openapi: "3.0.3",
  info: { title: "order", version: "1" },
  tags: [{ name: "Teams" }, { name: "Orgs" }],
  paths: {
    "/orgs/{orgId}/teams/{teamId}": {
      parameters: [{ $ref: "#/components/parameters/orgId" }],
      get: {
        operationId: "getTeam",
        tags: ["Teams"],
        parameters: [
          param("teamId", "path", { type: "string", pattern: "^[a-f0-9]{24}$" }, { required: true }),
          param("pretty", "query", { type: "boolean" }),
          param("fields", "query", { type: "array", items: { type: "string", enum: ["a", "b"] } }),
          param("X-Trace", "header", { type: "string" }),
        ],
        responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Team" } } } }, ...errors },
      },
      delete: {
        operationId: "deleteTeam",
        tags: ["Teams"],
        deprecated: true,
        "x-sunset": "2030-01-01",
        parameters: [param("teamId", "path", { type: "string" }, { required: true }), param("force", "query", { type: "integer" })],
        responses: { "204": { description: "gone" }, ...errors },
      },
    },
    "/orgs/{orgId}": {
      get: {
        operationId: "getOrg",
        tags: ["Orgs"],
        parameters: [{ $ref: "#/components/parameters/orgId" }, param("envelope", "query", { type: "boolean" })],
        responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Org" } } } }, ...errors },
      },
    },
  },
  components: {
    parameters: { orgId: param("orgId", "path", { type: "string", pattern: "^[a-f0-9]{24}$" }, { required: true }) },
    responses: {
      badRequest: { description: "bad", content: { "application/json": { schema: { $ref: "#/components/schemas/ApiError" } } } },
      notFound: { description: "missing", content: { "application/json": { schema: { $ref: "#/components/schemas/ApiError" } } } },
    },
    schemas: {
      ApiError: { type: "object", required: ["error", "errorCode"], properties: { error: { type: "integer" }, errorCode: { type: "string" }, detail: { type: "string" } } },
      Team: { type: "object", required: ["id"], properties: { id: { type: "string" }, name: { type: "string" }, usernames: { type: "array", items: { type: "string" } } } },
      Org: { type: "object", properties: { id: { type: "string" }, isDeleted: { type: "boolean" } } },
    },
  },
};

/**
 * A copy with the keys of every object, and every `parameters` list, in an order drawn from
 * `random`; a schema's contents (under `schema` or a `schemas` entry) stay as they are.
 */
function shuffled(value: unknown, random: () => number, key = ""): unknown {
  const shuffle = <T>(items: T[]): T[] => items.map((item) => [random(), item] as const).sort((a, b) => a[0] - b[0]).map(([, item]) => item);
  if (key === "schema") return value;
  if (Array.isArray(value)) return (key === "parameters" ? shuffle(value) : value).map((item) => shuffled(item, random));
  if (typeof value !== "object" || value === null) return value;
  const entries = shuffle(Object.entries(value));
  return Object.fromEntries(key === "schemas" ? entries : entries.map(([k, v]) => [k, shuffled(v, random, k)]));
}

async function generateFrom(doc: unknown, dir: string, name: string): Promise<EmittedFile[]> {
  const specPath = path.join(dir, name);
  await writeFile(specPath, stringify(doc));
  // Same spec path in every header: only the order of keys differs.
  const { files } = await generate({ specPath, outDir: "out" });
  // The lock file hashes the spec's bytes, which the order of keys changes by design.
  return files.filter((f) => f.path !== ".atlasgen-lock.json").map((f) => ({ ...f, text: f.text.split(specPath).join("spec.yaml") }));
}

let dir: string;
let baseline: EmittedFile[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "atlasgen-order-"));
  baseline = await generateFrom(SPEC, dir, "baseline.yaml");
});

test("shuffling key order gives byte-identical files", async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.integer(), async (seed) => {
      let state = seed >>> 0 || 1;
      const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
      expect(await generateFrom(shuffled(SPEC, random), dir, `shuffled-${run++}.yaml`)).toEqual(baseline);
    }),
    { numRuns: 5 },
  );
}, 60_000);
