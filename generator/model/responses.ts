/** Responses objects → success and error `ResponseModel`s (OpenAPI 3.x §4.8.16). */
import { componentName, deref, isObject, type Json } from "../refs.js";
import { pascalCase } from "../names.js";
import type { BodyKind, GuardModel, PrimitiveCheck, ResponseModel } from "./types.js";

const ATLAS_VERSION = /^application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+/;

export function bodyKindOf(mediaType: string): BodyKind {
  if (mediaType === "application/json" || /\+json$/.test(mediaType) || /^application\/[\w.-]*json/.test(mediaType)) return "json";
  if (mediaType.startsWith("text/") || /\+(csv|yaml|text)$/.test(mediaType)) return "text";
  return "binary";
}

/** The media type to ask for: the newest Atlas resource version, else JSON, else the first. */
export function preferredMediaType(mediaTypes: string[]): string | undefined {
  const sorted = [...mediaTypes].sort();
  const atlas = sorted.filter((m) => ATLAS_VERSION.test(m));
  if (atlas.length > 0) return atlas[atlas.length - 1];
  return sorted.find((m) => bodyKindOf(m) === "json") ?? sorted[0];
}

function typeIndex(operationId: string, status: number, mediaType: string): string {
  return `operations[${JSON.stringify(operationId)}]["responses"][${status}]["content"][${JSON.stringify(mediaType)}]`;
}

function primitiveCheck(schema: Json | undefined): PrimitiveCheck | undefined {
  const type = Array.isArray(schema?.type) ? schema.type.find((t) => t !== "null") : schema?.type;
  return ["string", "number", "integer", "boolean", "object", "array"].includes(type as string) ? (type as PrimitiveCheck) : undefined;
}

const nullable = (schema: Json | undefined) =>
  schema?.nullable === true || (Array.isArray(schema?.type) && schema.type.includes("null"));

function buildGuard(rawSchema: unknown, root: unknown, fallbackName: string, fallbackType: string, source: string): GuardModel {
  const ref = isObject(rawSchema) && typeof rawSchema.$ref === "string" ? rawSchema.$ref : undefined;
  const schemaName = ref ? componentName(ref, "schemas") : undefined;
  const schema = deref<Json>(rawSchema, root);
  const properties = isObject(schema?.properties) ? schema.properties : {};
  const required = Array.isArray(schema?.required) ? schema.required.filter((r): r is string => typeof r === "string") : [];
  return {
    name: schemaName ? `is${pascalCase(schemaName)}` : fallbackName,
    tsType: schemaName ? `components["schemas"][${JSON.stringify(schemaName)}]` : fallbackType,
    nullable: nullable(schema),
    required: [...required].sort().map((name) => {
      const property = deref<Json>(properties[name], root);
      const check = primitiveCheck(property);
      return { name, ...(check && { check }), nullable: nullable(property) };
    }),
    source: schemaName ? `schema ${schemaName}` : source,
  };
}

export function buildResponses(
  operation: Json,
  operationId: string,
  typeName: string,
  root: unknown,
): { successes: ResponseModel[]; errors: ResponseModel[]; accept: string } {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const successes: ResponseModel[] = [];
  const errors: ResponseModel[] = [];
  const statuses = Object.keys(responses)
    .filter((code) => /^[1-5]\d\d$/.test(code))
    .sort();
  const successMediaTypes = statuses
    .filter((code) => code.startsWith("2"))
    .flatMap((code) => Object.keys(deref<Json>(responses[code], root)?.content ?? {}));
  const accept = preferredMediaType(successMediaTypes) ?? "application/json";

  for (const code of statuses) {
    const status = Number(code);
    const response = deref<Json>(responses[code], root) ?? {};
    const content = isObject(response.content) ? response.content : {};
    const description = typeof response.description === "string" ? response.description : undefined;
    if (status < 400) {
      const mediaType = Object.hasOwn(content, accept) ? accept : preferredMediaType(Object.keys(content));
      const media = mediaType ? deref<Json>(content[mediaType], root) : undefined;
      const hasBody = mediaType !== undefined && status !== 204 && status !== 205 && (media?.schema !== undefined || bodyKindOf(mediaType) !== "json");
      const bodyKind: BodyKind = hasBody ? bodyKindOf(mediaType) : "none";
      const tsType = { none: "undefined", text: "string", binary: "Uint8Array", json: mediaType ? typeIndex(operationId, status, mediaType) : "unknown" }[bodyKind];
      successes.push({ status, ...(description && { description }), ...(mediaType && { mediaType }), bodyKind, tsType });
      continue;
    }
    const mediaType = preferredMediaType(Object.keys(content).filter((m) => bodyKindOf(m) === "json"));
    const media = mediaType ? deref<Json>(content[mediaType], root) : undefined;
    if (!mediaType || media?.schema === undefined) {
      errors.push({ status, ...(description && { description }), bodyKind: "none", tsType: mediaType ? "unknown" : "undefined" });
      continue;
    }
    const tsType = typeIndex(operationId, status, mediaType);
    const guard = buildGuard(media.schema, root, `is${typeName}${status}Body`, tsType, `the ${status} response of ${operationId}`);
    errors.push({ status, ...(description && { description }), mediaType, bodyKind: "json", tsType, guard });
  }
  return { successes, errors, accept };
}
