/**
 * Model: turns a validated spec into the `ApiModel` the emitters read. Operations are sorted by
 * operationId and patterns by source, so key order in the spec never changes the output.
 */
import { createHash } from "node:crypto";
import { camelCase, pascalCase } from "../names.js";
import { compareText } from "../order.js";
import { deref, isObject, specText, type Json } from "../refs.js";
import { buildParams } from "./parameters.js";
import { buildRequestBody } from "./request-body.js";
import { buildErrors, buildSuccesses } from "./responses.js";
import type { SchemaContext } from "./schema-types.js";
import { buildSchemas, type SchemaNames } from "./schemas.js";
import { byVersion } from "./versions.js";
import type { ApiModel, GuardModel, OperationModel, PatternModel, VariantModel } from "./types.js";

export type * from "./types.js";

/** Path Item Object operations (OpenAPI 3.x §4.8.9). Not imported from validate.ts: it loads Redocly. */
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const IDEMPOTENT = new Set(["get", "head", "options", "put", "delete", "trace"]);

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value : undefined);

function buildOperation(root: Json, names: SchemaNames, path: string, method: string, operation: Json, pathItem: Json): OperationModel {
  const id = specText(operation.operationId);
  const typeName = pascalCase(id);
  const docs = isObject(operation.externalDocs) ? operation.externalDocs : undefined;
  const deprecated = operation.deprecated === true;
  const read: SchemaContext = { root, names, view: "read" };
  const params = buildParams(pathItem, operation, read, ["paths", path, method]);
  const bodyVersions = [...byVersion(requestMediaTypes(operation, root)).keys()].filter((v): v is string => v !== undefined);
  const { versions, data, successes, accept, formats, sunsets } = buildSuccesses(operation, read, bodyVersions, method === "head");
  const body = buildRequestBody(operation, params, { root, names, view: "write" }, versions[0]);
  const variants: VariantModel[] = [...data].map(([version, list]) => {
    const bodyType = body && (body.types.get(version) ?? body.types.get(undefined) ?? [...body.types.values()][0]);
    const sunset = version === undefined ? undefined : sunsets.get(version);
    return { ...(version !== undefined && { version }), ...(sunset && { sunset }), ...(bodyType && { body: bodyType }), data: list };
  });
  const summary = text(operation.summary);
  const description = text(operation.description);
  // On the operation, else the earliest of its versions' (the first to go); validation warns about one that is no text.
  const ownSunset = operation["x-sunset"];
  const sunset = ownSunset !== undefined ? (typeof ownSunset === "string" ? ownSunset : undefined) : [...sunsets.values()].sort(compareText)[0];
  return {
    id,
    identifier: camelCase(id),
    typeName,
    method: method.toUpperCase(),
    path,
    tag: Array.isArray(operation.tags) && typeof operation.tags[0] === "string" ? operation.tags[0] : "default",
    ...(summary && { summary }),
    ...(description && { description }),
    deprecated,
    ...(deprecated && sunset && { sunset }),
    ...(deprecated && docs && { replacement: { description: text(docs.description), url: text(docs.url) } }),
    roles: Array.isArray(operation["x-rolesRequirements"]) ? operation["x-rolesRequirements"].map(specText) : [],
    params,
    ...(body && { body: body.model }),
    variants,
    successes,
    errors: buildErrors(operation, id, typeName, read, method === "head"),
    accept,
    ...(formats && { formats }),
    idempotent: IDEMPOTENT.has(method),
  };
}

function requestMediaTypes(operation: Json, root: unknown): string[] {
  const body = deref<Json>(operation.requestBody, root);
  return isObject(body?.content) ? Object.keys(body.content) : [];
}

/** The schemas of every request body: where the request (`write`) declarations start. */
function requestSchemas(root: Json): unknown[] {
  const schemas: unknown[] = [];
  for (const rawItem of Object.values(isObject(root.paths) ? root.paths : {})) {
    const pathItem = deref<Json>(rawItem, root) ?? {};
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      const content = deref<Json>(operation.requestBody, root)?.content;
      for (const media of Object.values(isObject(content) ? content : {})) schemas.push(deref<Json>(media, root)?.schema);
    }
  }
  return schemas;
}

function patternName(source: string): string {
  return `pattern_${createHash("sha256").update(source).digest("hex").slice(0, 8)}`;
}

function collectPatterns(operations: OperationModel[]): PatternModel[] {
  const bySource = new Map<string, PatternModel>();
  for (const operation of operations) {
    for (const param of operation.params) {
      if (param.pattern === undefined) continue;
      const pattern = bySource.get(param.pattern) ?? { name: patternName(param.pattern), source: param.pattern, usedBy: [] };
      pattern.usedBy.push(`${operation.id}.${param.name}`);
      bySource.set(param.pattern, pattern);
    }
  }
  return [...bySource.values()].sort((a, b) => compareText(a.name, b.name));
}

function collectGuards(operations: OperationModel[]): GuardModel[] {
  const byName = new Map<string, GuardModel>();
  for (const response of operations.flatMap((o) => o.errors)) {
    if (response.guard) byName.set(response.guard.name, response.guard);
  }
  return [...byName.values()].sort((a, b) => compareText(a.name, b.name));
}

export function buildModel(root: Json): ApiModel {
  const { schemas, names } = buildSchemas(root, requestSchemas(root));
  const operations: OperationModel[] = [];
  const paths = isObject(root.paths) ? root.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const pathItem = deref<Json>(rawItem, root) ?? {};
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (isObject(operation)) operations.push(buildOperation(root, names, path, method, operation, pathItem));
    }
  }
  operations.sort((a, b) => compareText(a.id, b.id));
  const info = isObject(root.info) ? root.info : {};
  return {
    ...(text(info.title) && { title: text(info.title) }),
    operations,
    schemas,
    patterns: collectPatterns(operations),
    guards: collectGuards(operations),
  };
}
