/**
 * Generated operations on the wire, against a real HTTP server on 127.0.0.1: a JSON request body,
 * resource versions (default newest, chosen per call), a custom-method path, repeated query
 * arrays, header parameters, bytes and text responses, a response format chosen per call. And at
 * the type level: the version and format chosen decide the body and data types.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { generate } from "../../generator/index.js";
import { miniSpec, toYaml } from "../helpers/spec.js";
import { deprecatedCalls, STRICT, typeErrors } from "../helpers/typecheck.js";

const atlas = (version: string, schema?: unknown, format = "json") => ({ [`application/vnd.atlas.${version}+${format}`]: schema === undefined ? {} : { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const hex = { type: "string", pattern: "^[a-f0-9]{24}$" };

const spec = miniSpec(
  [
    {
      method: "post",
      operationId: "createThing",
      path: "/groups/{groupId}/things",
      parameters: [
        { name: "groupId", in: "path", required: true, schema: hex },
        { name: "Use-Effective-Fields", in: "header", schema: { type: "boolean" } },
        { name: "tag", in: "query", schema: { type: "array", items: { type: "string" } } },
      ],
      extra: { tags: ["Things"], requestBody: { required: true, content: { ...atlas("2023-01-01", ref("OldThing")), ...atlas("2024-05-30", ref("Thing")) } } },
      responses: { "201": { description: "Created", content: { ...atlas("2023-01-01", ref("OldThing")), ...atlas("2024-05-30", ref("Thing")) } } },
    },
    {
      method: "post",
      operationId: "removeUser",
      path: "/teams/{teamId}:removeUser",
      parameters: [{ name: "teamId", in: "path", required: true, schema: hex }],
      extra: { tags: ["Things"], requestBody: { required: true, content: atlas("2023-01-01", { type: "object", required: ["id"], properties: { id: hex } }) } },
      responses: { "200": { description: "OK", content: atlas("2023-01-01", { type: "object" }) } },
    },
    {
      operationId: "downloadLogs",
      path: "/logs.gz",
      parameters: [],
      extra: { tags: ["Things"] },
      responses: { "200": { description: "OK", content: atlas("2023-01-01", { type: "string", format: "binary" }, "gzip") } },
    },
    {
      operationId: "getInvoice",
      path: "/invoices/{id}",
      parameters: [
        { name: "id", in: "path", required: true, schema: hex },
        { name: "envelope", in: "query", schema: { type: "boolean" } },
      ],
      extra: { tags: ["Things"] },
      responses: { "200": { description: "OK", content: { ...atlas("2023-01-01", ref("OldThing")), ...atlas("2023-01-01", { type: "string" }, "csv") } } },
    },
    {
      operationId: "getReport",
      path: "/reports",
      parameters: [],
      extra: { tags: ["Things"] },
      responses: { "200": { description: "OK", content: { ...atlas("2023-01-01", ref("OldThing")), ...atlas("2024-05-30", ref("Thing")), ...atlas("2024-05-30", { type: "string" }, "csv") } } },
    },
    {
      // Atlas's layout: the older version's media type carries its own sunset; the operation is not deprecated.
      operationId: "getAging",
      path: "/aging",
      parameters: [],
      extra: { tags: ["Things"] },
      responses: {
        "200": {
          description: "OK",
          content: { ...atlas("2024-05-30", ref("Thing")), "application/vnd.atlas.2023-01-01+json": { schema: ref("OldThing"), "x-sunset": "2025-01-01" } },
        },
      },
    },
    {
      operationId: "getPlain",
      path: "/plain",
      parameters: [],
      extra: { tags: ["Things"] },
      responses: { "200": { description: "OK", content: { "application/json": { schema: ref("OldThing") } } } },
    },
    {
      method: "post",
      operationId: "uploadFile",
      path: "/uploads",
      parameters: [],
      extra: { tags: ["Things"], requestBody: { required: true, content: { "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", format: "binary" } } } } } } },
      responses: { "201": { description: "Created", content: { "application/json": { schema: { type: "object" } } } } },
    },
    {
      method: "post",
      operationId: "submitForm",
      path: "/forms",
      parameters: [],
      extra: { tags: ["Things"], requestBody: { required: true, content: { "application/x-www-form-urlencoded": { schema: { type: "object", properties: { a: { type: "string" } } } } } } },
      responses: { "201": { description: "Created", content: { "application/json": { schema: { type: "object" } } } } },
    },
    {
      operationId: "getInvoiceCsv",
      path: "/invoice",
      parameters: [],
      extra: { tags: ["Things"] },
      responses: { "200": { description: "OK", content: atlas("2023-01-01", { type: "string" }, "csv") } },
    },
  ],
  {
    schemas: {
      Thing: { type: "object", required: ["name", "id"], properties: { id: { type: "string", readOnly: true }, name: { type: "string" }, size: { type: "integer" } } },
      OldThing: { type: "object", required: ["label"], properties: { label: { type: "string" } } },
    },
  },
);

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

const GROUP = "5f4d3c2b1a0f9e8d7c6b5a49";
let server: Server;
let baseUrl: string;
let outDir: string;
const seen: Seen[] = [];
let client: unknown;
let formatWarnings: string[] = [];
let api: Record<string, (...args: unknown[]) => Promise<{ ok: boolean; status?: number; data?: unknown; error?: unknown }>>;

beforeAll(async () => {
  await mkdir(".tmp", { recursive: true });
  outDir = await mkdtemp(path.resolve(".tmp/calls-"));
  await writeFile(path.join(outDir, "spec.yaml"), toYaml(spec));
  const { files, warnings } = await generate({ specPath: path.join(outDir, "spec.yaml"), outDir: path.join(outDir, "client") });
  formatWarnings = warnings.map((w) => w.message).filter((m) => m.includes("media types"));
  for (const f of files) {
    await mkdir(path.dirname(path.join(outDir, "client", f.path)), { recursive: true });
    await writeFile(path.join(outDir, "client", f.path), f.text);
  }
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const accept = req.headers.accept ?? "";
      if (accept.endsWith("+gzip")) return res.writeHead(200, { "content-type": accept }).end(Buffer.from([0x1f, 0x8b, 0x08]));
      if (accept.endsWith("+csv") && req.url?.includes("envelope=true")) {
        return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: 200, content: "a,b\n1,2\n" }));
      }
      if (accept.endsWith("+csv")) return res.writeHead(200, { "content-type": accept }).end("a,b\n1,2\n");
      if (req.method === "GET") return res.writeHead(200, { "content-type": accept }).end(JSON.stringify({ label: "l", name: "n", id: "x" }));
      if (req.url === "/uploads" || req.url === "/forms") return res.writeHead(201, { "content-type": "application/json" }).end("{}");
      const status = req.url?.includes(":removeUser") ? 200 : 201;
      res.writeHead(status, { "content-type": accept }).end(JSON.stringify({ echo: JSON.parse(body || "null"), id: "x" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  api = await import(pathToFileURL(path.join(outDir, "client/index.ts")).href);
  client = (api.createClient as unknown as (o: object) => unknown)({ baseUrl, retry: false, onDeprecation: false });
}, 60_000);
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await rm(outDir, { recursive: true, force: true });
});

describe("generated calls on the wire", () => {
  test("a JSON body in the newest resource version by default: Content-Type and Accept name it", async () => {
    const result = await api.createThing!(client, { groupId: GROUP, body: { name: "n", size: 2 } });
    expect(result).toMatchObject({ ok: true, status: 201, data: { echo: { name: "n", size: 2 } } });
    const request = seen.at(-1)!;
    expect(request).toMatchObject({ method: "POST", url: `/groups/${GROUP}/things` });
    expect(JSON.parse(request.body)).toEqual({ name: "n", size: 2 });
    expect(request.headers["content-type"]).toBe("application/vnd.atlas.2024-05-30+json");
    expect(request.headers.accept).toBe("application/vnd.atlas.2024-05-30+json");
  });

  test("options.version picks another resource version for both headers", async () => {
    await api.createThing!(client, { groupId: GROUP, body: { label: "old" } }, { version: "2023-01-01" });
    expect(seen.at(-1)?.headers["content-type"]).toBe("application/vnd.atlas.2023-01-01+json");
    expect(seen.at(-1)?.headers.accept).toBe("application/vnd.atlas.2023-01-01+json");
  });

  test("an unknown version or a missing body is a validation error, and nothing is sent", async () => {
    const before = seen.length;
    const unknownVersion = await api.createThing!(client, { groupId: GROUP, body: {} }, { version: "2020-01-01" });
    expect(unknownVersion).toMatchObject({ ok: false, error: { kind: "validation", issues: [{ param: "(version)", message: 'must be one of "2024-05-30", "2023-01-01"' }] } });
    const noBody = await api.createThing!(client, { groupId: GROUP });
    expect(noBody).toMatchObject({ ok: false, error: { kind: "validation", issues: [{ param: "body", message: "is required" }] } });
    expect(seen.length).toBe(before);
  });

  test("a version with its own sunset is reported when a call picks it, by version or by the client's date", async () => {
    const seenReports: unknown[] = [];
    const create = api.createClient as unknown as (o: object) => unknown;
    const watched = create({ baseUrl, retry: false, onDeprecation: (info: unknown) => seenReports.push(info) });
    expect(await api.getAging!(watched, {})).toMatchObject({ ok: true });
    expect(seenReports).toEqual([]);
    expect(await api.getAging!(watched, {}, { version: "2023-01-01" })).toMatchObject({ ok: true });
    expect(seen.at(-1)?.headers.accept).toBe("application/vnd.atlas.2023-01-01+json");
    const dated = create({ baseUrl, retry: false, apiVersion: "2024-01-01", onDeprecation: (info: unknown) => seenReports.push(info) });
    await api.getAging!(dated, {});
    expect(seen.at(-1)?.headers.accept).toBe("application/vnd.atlas.2024-01-01+json");
    const report = { operationId: "getAging", version: "2023-01-01", sunset: "2025-01-01", source: "spec" };
    expect(seenReports).toEqual([report, report]);
  });

  test("query arrays repeat the parameter; header parameters are sent as headers", async () => {
    await api.createThing!(client, { groupId: GROUP, tag: ["a", "b c"], "Use-Effective-Fields": true, body: { name: "n" } });
    expect(seen.at(-1)?.url).toBe(`/groups/${GROUP}/things?tag=a&tag=b%20c`);
    expect(seen.at(-1)?.headers["use-effective-fields"]).toBe("true");
  });

  test("a custom-method path keeps its `:verb`", async () => {
    const result = await api.removeUser!(client, { teamId: GROUP, body: { id: GROUP } });
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(seen.at(-1)).toMatchObject({ method: "POST", url: `/teams/${GROUP}:removeUser` });
  });

  test("form bodies: a FormData goes as multipart with its boundary, a URLSearchParams URL-encoded; the other class is refused", async () => {
    const form = new FormData();
    form.append("file", new Blob(["hello"]), "a.txt");
    expect(await api.uploadFile!(client, { body: form })).toMatchObject({ ok: true, status: 201 });
    const upload = seen.at(-1)!;
    const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(upload.headers["content-type"] ?? "")?.[1];
    expect(boundary).toBeDefined();
    expect(upload.body).toContain(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"`);
    expect(upload.body).toContain("hello");
    expect(await api.submitForm!(client, { body: new URLSearchParams({ a: "x y" }) })).toMatchObject({ ok: true, status: 201 });
    expect(seen.at(-1)).toMatchObject({ headers: { "content-type": "application/x-www-form-urlencoded;charset=UTF-8" }, body: "a=x+y" });
    const before = seen.length;
    expect(await api.uploadFile!(client, { body: new URLSearchParams() })).toMatchObject({ ok: false, error: { kind: "validation" } });
    expect(seen.length).toBe(before);
  });

  test("+gzip arrives as bytes, +csv as text", async () => {
    const gzip = await api.downloadLogs!(client);
    expect(gzip).toMatchObject({ ok: true, status: 200 });
    expect(gzip.data).toBeInstanceOf(Uint8Array);
    expect([...(gzip.data as Uint8Array)]).toEqual([0x1f, 0x8b, 0x08]);
    expect(await api.getInvoiceCsv!(client)).toMatchObject({ ok: true, data: "a,b\n1,2\n" });
  });

  test("several resource versions and a success in JSON and CSV: a warning, and calls ask for JSON", async () => {
    expect(await api.getReport!(client, {})).toMatchObject({ ok: true, data: { name: "n" } });
    expect(seen.at(-1)?.headers.accept).toBe("application/vnd.atlas.2024-05-30+json");
    expect(formatWarnings).toEqual([
      "GET /reports: choosing among the 200 response's media types of version 2024-05-30 (application/vnd.atlas.2024-05-30+csv, application/vnd.atlas.2024-05-30+json) is not supported with several resource versions; calls ask for application/vnd.atlas.2024-05-30+json",
    ]);
  });

  test("a success in JSON and CSV: JSON by default, CSV as text with options.format", async () => {
    expect(await api.getInvoice!(client, { id: GROUP })).toMatchObject({ ok: true, status: 200, data: { label: "l" } });
    expect(seen.at(-1)?.headers.accept).toBe("application/vnd.atlas.2023-01-01+json");
    expect(await api.getInvoice!(client, { id: GROUP }, { format: "csv" })).toMatchObject({ ok: true, status: 200, data: "a,b\n1,2\n" });
    expect(seen.at(-1)?.headers.accept).toBe("application/vnd.atlas.2023-01-01+csv");
  });

  test("an enveloped CSV is the text it carries, not that text re-encoded as JSON", async () => {
    expect(await api.getInvoice!(client, { id: GROUP, envelope: true }, { format: "csv" })).toMatchObject({ ok: true, status: 200, data: "a,b\n1,2\n" });
  });

  test("an unknown format, or a format where the operation offers no choice, is a validation error, and nothing is sent", async () => {
    const before = seen.length;
    // Several resource versions: the generator offers no format choice (and warns), calls ask for JSON.
    expect(await api.getReport!(client, {}, { format: "csv" })).toMatchObject({
      ok: false,
      error: { kind: "validation", issues: [{ param: "(format)", message: "must be one of none (the operation has one format)" }] },
    });
    expect(await api.getInvoice!(client, { id: GROUP }, { format: "xml" })).toMatchObject({
      ok: false,
      error: { kind: "validation", issues: [{ param: "(format)", message: 'must be one of "json", "csv"' }] },
    });
    expect(await api.getInvoiceCsv!(client, {}, { format: "csv" })).toMatchObject({
      ok: false,
      error: { kind: "validation", issues: [{ param: "(format)", message: "must be one of none (the operation has one format)" }] },
    });
    expect(seen.length).toBe(before);
  });
});

test("types follow the chosen version and format; readOnly properties are not sent", async () => {
  const usage = `
import { createClient, createThing, getAging, getInvoice, getInvoiceCsv, getPlain, getReport, submitForm, uploadFile, type CreateThingParams, type CreateThingResult, type CreateThingVersion, type RequestOptions } from "./client/index.js";
const client = createClient();
const groupId = "${GROUP}";
// Code generic over the version forwards params whole, or builds them from XxxParams<V>["body"].
export function forward<V extends CreateThingVersion>(params: CreateThingParams<V>, version: V) {
  return createThing(client, params, { version });
}
export function build<V extends CreateThingVersion>(version: V, body: CreateThingParams<V>["body"]) {
  return createThing(client, { groupId, body }, { version });
}
export async function calls(): Promise<void> {
  const newest = await createThing(client, { groupId, body: { name: "n" } });
  if (newest.ok) {
    const name: string = newest.data.name;
    const id: string = newest.data.id;
    void name, id;
  }
  const old: CreateThingResult<"2023-01-01"> = await createThing(client, { groupId, body: { label: "l" } }, { version: "2023-01-01" });
  if (old.ok) {
    const label: string = old.data.label;
    void label;
  }
  // @ts-expect-error the newest version's body has no label
  await createThing(client, { groupId, body: { label: "l" } });
  // @ts-expect-error id is readOnly: not part of a request body
  await createThing(client, { groupId, body: { name: "n", id: "x" } });
  // @ts-expect-error not a resource version of this operation
  await createThing(client, { groupId, body: { name: "n" } }, { version: "2020-01-01" });
  // Types follow only what the call sends. Params typed for an older version, without it:
  const oldParams: CreateThingParams<"2023-01-01"> = { groupId, body: { label: "l" } };
  // @ts-expect-error the call would send the newest version
  await createThing(client, oldParams);
  await createThing(client, oldParams, { version: "2023-01-01" });
  // @ts-expect-error a type argument is not a version the call sends
  await createThing<"2023-01-01">(client, { groupId, body: { label: "l" } });
  // A version known only at run time: any of them may be sent, so the body must suit every one.
  const someVersion = (Math.random() > 0.5 ? "2023-01-01" : "2024-05-30") as "2023-01-01" | "2024-05-30";
  // @ts-expect-error the older version's body, which the newest does not take
  await createThing(client, { groupId, body: { label: "l" } }, { version: someVersion });
  // @ts-expect-error a version only maybe present
  await createThing(client, { groupId, body: { label: "l" } }, Math.random() > 0.5 ? { version: "2023-01-01" as const } : { timeoutMs: 1 });
  const maybeCsv = Math.random() > 0.5 ? { format: "csv" as const } : { timeoutMs: 1 };
  // @ts-expect-error a format only maybe present
  await getInvoice(client, { id: groupId }, maybeCsv);
  // Per-call options a caller keeps apart fit every operation.
  const common: RequestOptions = { timeoutMs: 5_000 };
  await getInvoice(client, { id: groupId }, common);
  await createThing(client, { groupId, body: { name: "n" } }, common);

  // An optional param set to undefined is absent, also under exactOptionalPropertyTypes.
  await getInvoice(client, { id: groupId, envelope: undefined });
  const json = await getInvoice(client, { id: groupId });
  if (json.ok) {
    const label: string = json.data.label;
    void label;
  }
  const csv = await getInvoice(client, { id: groupId }, { format: "csv" });
  if (csv.ok) {
    const text: string = csv.data;
    // @ts-expect-error CSV data is text, not the JSON body
    void csv.data.label;
    void text;
  }
  const report = await getReport(client, {}, { version: "2023-01-01" });
  if (report.ok) {
    const label: string = report.data.label;
    void label;
  }
  // @ts-expect-error several resource versions: no format choice
  await getReport(client, {}, { format: "csv" });
  // @ts-expect-error not a format of this operation
  await getInvoice(client, { id: groupId }, { format: "xml" });
  // @ts-expect-error an operation with one format takes no format option
  await getInvoiceCsv(client, {}, { format: "csv" });
  // @ts-expect-error an operation without resource versions or formats takes neither option
  await getPlain(client, {}, { format: "csv" });
  // @ts-expect-error an operation without resource versions or formats takes neither option
  await getPlain(client, {}, { version: "2023-01-01" });

  // A version with a sunset: its own (deprecated) signature, with the same types.
  const aging = await getAging(client, {}, { version: "2023-01-01" });
  if (aging.ok) {
    const label: string = aging.data.label;
    void label;
  }
  await getAging(client, {});
  await getAging(client, {}, { version: "2024-05-30" });

  await uploadFile(client, { body: new FormData() });
  await submitForm(client, { body: new URLSearchParams() });
  // @ts-expect-error a multipart body is a FormData
  await uploadFile(client, { body: { file: "x" } });
  // @ts-expect-error a URL-encoded body is a URLSearchParams
  await submitForm(client, { body: new FormData() });
}
`;
  await writeFile(path.join(outDir, "usage.ts"), usage);
  expect(typeErrors([path.join(outDir, "usage.ts")], STRICT)).toEqual([]);
  // Editors strike through, and linters report, calls whose signature is deprecated.
  const lines = usage.split("\n");
  expect(deprecatedCalls(path.join(outDir, "usage.ts"), STRICT).map((line) => lines[line - 1]?.trim())).toEqual([
    'const aging = await getAging(client, {}, { version: "2023-01-01" });',
  ]);
}, 60_000);
