/**
 * Validate: the checks that decide whether the generator can build a client from a spec. All
 * problems are collected (not only the first) so one run shows everything to fix. OpenAPI's own
 * rules come from Redocly (lint.ts); this module adds what the generator needs on top: resolvable
 * local refs, usable operationIds and names, path templates that match their parameters, and
 * constructs the generator does not support, named precisely.
 */
import { pointerSegments, toPointer, type Diagnostic, type Severity } from "./diagnostics.js";
import type { ParsedSpec } from "./load.js";
import { scalarChoice } from "./model/parameters.js";
import { preferredMediaType } from "./model/responses.js";
import { MAX_INLINE_COPIES } from "./model/schema-types.js";
import { schemaReadNames } from "./model/schemas.js";
import { byVersion, versionOf } from "./model/versions.js";
import { camelCase, GENERATOR_SYMBOLS, hasIdentifierWords, operationSymbols, pascalCase } from "./names.js";
import { patternRegExp } from "./patterns.js";
import { componentName, deref, isObject, refTarget, specText, type Json } from "./refs.js";

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

type Where = (string | number)[];
type Report = (where: Where, message: string, severity?: Severity) => void;

interface Operation {
  id: string;
  /** `GET /a/{b}`, for messages. */
  label: string;
  path: string;
  at: Where;
  operation: Json;
  pathItem: Json;
}

/**
 * Every `$ref` is local and resolves to a definition (not to another `$ref`, round and round).
 * The one walk over the whole spec: `at` is a stack, copied only for a report, and for each `$ref`
 * the model inlines (any but `#/components/schemas/<name>`), kept in `inlined`.
 */
function checkRefs(node: unknown, root: unknown, at: Where, report: Report, inlined: Map<Json, Where>): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      at.push(i);
      checkRefs(node[i], root, at, report, inlined);
      at.pop();
    }
  } else if (isObject(node)) {
    const ref = node.$ref;
    if (typeof ref === "string") {
      if (!ref.startsWith("#")) report([...at, "$ref"], `external $ref "${ref}" is not supported; bundle the spec into one file first`);
      else if (ref !== "#" && !ref.startsWith("#/")) report([...at, "$ref"], `$ref "${ref}" names an anchor ($anchor), which is not supported; refer to the schema by its JSON pointer (#/…)`);
      else if (refTarget(ref, root) === undefined) report([...at, "$ref"], `$ref "${ref}" does not resolve`);
      else if (deref(node, root) === undefined) report([...at, "$ref"], `$ref "${ref}" is part of a cycle of $refs that never reaches a definition`);
      else if (componentName(ref, "schemas") === undefined && !inlined.has(node)) inlined.set(node, [...at, "$ref"]);
    }
    for (const key of Object.keys(node)) {
      at.push(key);
      checkRefs(node[key], root, at, report, inlined);
      at.pop();
    }
  }
}

/**
 * The inlined `$ref`s (resolving ones: `inlined` holds them) in the schema `node`, each with its
 * target: where the model's schema types look (not `$defs`, examples), not through the `$ref`s.
 */
function inlinedRefsIn(node: unknown, root: unknown, inlined: Map<Json, Where>, found: [ref: Json, target: object][] = []): [Json, object][] {
  if (!isObject(node)) return found;
  if (typeof node.$ref === "string") {
    const target = refTarget(node.$ref, root);
    if (inlined.has(node) && isObject(target)) found.push([node, target]);
    return found;
  }
  const members = ["allOf", "oneOf", "anyOf", "prefixItems"].flatMap((key) => (Array.isArray(node[key]) ? (node[key] as unknown[]) : []));
  const properties = isObject(node.properties) ? Object.values(node.properties) : [];
  for (const schema of [node.items, node.additionalProperties, ...members, ...properties]) inlinedRefsIn(schema, root, inlined, found);
  return found;
}

/**
 * Only component schemas become named types; the model copies what any other `$ref` points at
 * into the type that uses it, so a cycle of such `$ref`s would be copied for ever.
 */
function checkInlinedCycles(root: unknown, inlined: Map<Json, Where>, report: Report): void {
  const state = new Map<object, "open" | "done">();
  const visit = (target: object): void => {
    state.set(target, "open");
    for (const [ref, next] of inlinedRefsIn(target, root, inlined)) {
      if (state.get(next) === "open") {
        report(inlined.get(ref) ?? [], `$ref "${specText(ref.$ref)}" closes a cycle of schemas that are not in #/components/schemas, which the generator would copy inline for ever; move one of them to #/components/schemas`);
      } else if (!state.has(next)) visit(next);
    }
    state.set(target, "done");
  };
  for (const ref of inlined.keys()) {
    const target = refTarget(specText(ref.$ref), root);
    if (isObject(target) && !state.has(target)) visit(target);
  }
}

/**
 * How many schemas one use of an inlined `$ref`'s target copies (itself and, through their own
 * inlined `$ref`s, the schemas it holds). Past MAX_INLINE_COPIES, the `$ref` that copies the most
 * is an error, once: moving its target to the components ends the others too.
 */
function checkInlinedSize(root: unknown, inlined: Map<Json, Where>, report: Report): void {
  const copies = new Map<object, number>();
  const count = (target: object): number => {
    const known = copies.get(target);
    if (known !== undefined) return known;
    copies.set(target, 0); // a cycle, which checkInlinedCycles reports, adds nothing
    let total = 1;
    for (const [, next] of inlinedRefsIn(target, root, inlined)) total = Math.min(total + count(next), Number.MAX_SAFE_INTEGER);
    copies.set(target, total);
    return total;
  };
  let worst: { ref: Json; copies: number } | undefined;
  for (const ref of inlined.keys()) {
    const target = refTarget(specText(ref.$ref), root);
    const n = isObject(target) ? count(target) : 0;
    if (n > MAX_INLINE_COPIES && n > (worst?.copies ?? 0)) worst = { ref, copies: n };
  }
  if (worst) {
    const n = worst.copies === Number.MAX_SAFE_INTEGER ? "more than 2^53" : worst.copies.toLocaleString("en-US");
    report(inlined.get(worst.ref) ?? [], `$ref "${specText(worst.ref.$ref)}" copies ${n} schemas inline at each use (only #/components/schemas become named types; any other $ref is copied where it is used); move the schemas it refers to to #/components/schemas`);
  }
}

/**
 * The component schemas a component schema is made of, as `schema.ts` declares it: its `$ref`,
 * its `oneOf`/`anyOf` members and its `allOf` members, not what its properties or items hold. An
 * `allOf` parent with `oneOf`/`anyOf` lends only its own properties (see model/schema-types.ts).
 */
function madeOf(schema: unknown, root: unknown, at: Where, found: [component: string, at: Where][] = [], followed = new Set<string>()): [string, Where][] {
  if (!isObject(schema)) return found;
  if (typeof schema.$ref === "string") {
    // A chain of $refs that never ends is reported by checkRefs.
    if (deref(schema, root) === undefined) return found;
    const component = componentName(schema.$ref, "schemas");
    if (component !== undefined) found.push([component, [...at, "$ref"]]);
    // Any other target is copied in place by the model: what it is made of counts, found at this $ref.
    else if (!followed.has(schema.$ref)) {
      followed.add(schema.$ref);
      const inner = madeOf(refTarget(schema.$ref, root), root, [], [], followed);
      found.push(...inner.map(([name]): [string, Where] => [name, [...at, "$ref"]]));
    }
    return found;
  }
  // The model reads `oneOf`, else `anyOf` (model/schema-types.ts).
  for (const key of ["allOf", Array.isArray(schema.oneOf) ? "oneOf" : "anyOf"] as const) {
    const members = schema[key];
    if (!Array.isArray(members)) continue;
    members.forEach((member, i) => {
      const parent = key === "allOf" && isObject(member) && typeof member.$ref === "string" ? refTarget(member.$ref, root) : undefined;
      if (isObject(parent) && (Array.isArray(parent.oneOf) || Array.isArray(parent.anyOf))) return;
      madeOf(member, root, [...at, key, i], found, followed);
    });
  }
  return found;
}

/**
 * A component schema made of itself (`Expr: {anyOf: [Expr, string]}`, or `A` allOf `B` allOf
 * `A`) would be a TypeScript type alias that refers to itself, which tsc refuses (TS2456).
 */
function checkCompositionCycles(root: unknown, report: Report): void {
  const schemas = isObject(root) && isObject(root.components) && isObject(root.components.schemas) ? root.components.schemas : {};
  const state = new Map<string, "open" | "done">();
  const visit = (name: string): void => {
    state.set(name, "open");
    for (const [next, at] of madeOf(schemas[name], root, ["components", "schemas", name])) {
      if (!Object.hasOwn(schemas, next)) continue;
      if (state.get(next) === "open") {
        const cycle = next === name ? "itself" : `"${next}", which leads back to "${name}"`;
        report(at, `schema "${name}" is made of ${cycle} (through $ref, allOf, oneOf or anyOf); TypeScript cannot declare such a type: put the recursion in a property or in items`);
      } else if (!state.has(next)) visit(next);
    }
    state.set(name, "done");
  };
  for (const name of Object.keys(schemas).sort()) if (!state.has(name)) visit(name);
}

/** Where a node is defined: the end of its local `$ref` chain, else where it is used. */
function definedAt(node: unknown, root: unknown, at: Where): Where {
  let where = at;
  for (let hops = 0, current = node; isObject(current) && typeof current.$ref === "string" && hops < 32; hops++) {
    const target = refTarget(current.$ref, root);
    if (target === undefined) break;
    where = pointerSegments(decodeURIComponent(current.$ref.slice(1)));
    current = target;
  }
  return where;
}

const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** OpenAPI §4.8.12.1: header parameters with these names "SHALL be ignored". */
const IGNORED_HEADERS = new Set(["accept", "content-type", "authorization"]);
/** The serialization the runtime implements for each location (OpenAPI's defaults). */
const SUPPORTED_STYLE = { path: "simple", query: "form", header: "simple" } as const;

function checkPattern(schema: Json | undefined, at: Where, name: string, report: Report): void {
  if (typeof schema?.pattern !== "string") return;
  try {
    patternRegExp(schema.pattern);
  } catch (error) {
    report([...at, "pattern"], `pattern of parameter "${name}" is not a valid ECMAScript regular expression: ${(error as Error).message}`);
  }
}

/** One parameter definition: where it goes and how it is serialized. */
function checkParameter(param: Json, root: unknown, at: Where, report: Report): void {
  const name = specText(param.name);
  const location = param.in;
  if (location === "cookie") return report([...at, "in"], `cookie parameter "${name}" is not supported by the generator`);
  if (location !== "path" && location !== "query" && location !== "header") {
    return report([...at, "in"], `parameter location ${JSON.stringify(location)} is not supported; expected path, query or header`);
  }
  if (param.content !== undefined) report([...at, "content"], `parameter "${name}" uses content; only parameters with a schema are supported`);
  if (param.style !== undefined && param.style !== SUPPORTED_STYLE[location]) {
    report([...at, "style"], `style ${JSON.stringify(param.style)} of ${location} parameter "${name}" is not supported; only ${SUPPORTED_STYLE[location]}`);
  }
  if (location === "query" && param.explode === false) {
    report([...at, "explode"], `explode: false on query parameter "${name}" is not supported; arrays are sent as repeated parameters`);
  }
  if (param.allowReserved === true) {
    report([...at, "allowReserved"], `allowReserved on ${location} parameter "${name}" is ignored; reserved characters are percent-encoded, which servers decode alike`, "warning");
  }
  if (location === "header" && !HTTP_TOKEN.test(name)) report([...at, "name"], `header parameter name ${JSON.stringify(name)} is not a valid HTTP header name`);
  if (location === "header" && IGNORED_HEADERS.has(name.toLowerCase())) {
    report([...at, "name"], `header parameter "${name}" is ignored by OpenAPI; the client sets this header itself`, "warning");
  }
  const schemaAt = definedAt(param.schema, root, [...at, "schema"]);
  const schema = deref<Json>(param.schema, root);
  const type = Array.isArray(schema?.type) ? schema.type.find((t) => t !== "null") : schema?.type;
  if (type === "array") {
    const items = deref<Json>(schema?.items, root);
    checkPattern(items, definedAt(schema?.items, root, [...schemaAt, "items"]), name, report);
    const itemType = Array.isArray(items?.type) ? items.type.find((t) => t !== "null") : items?.type;
    if ((itemType === "object" || itemType === "array") && scalarChoice(items, root) === undefined) {
      report(schemaAt, `${location} parameter "${name}" holds ${itemType}s; the client accepts only arrays of scalar values for it`, "warning");
    }
  } else {
    checkPattern(schema, schemaAt, name, report);
    // Atlas's `entryValue` asks for `192.0.2.0%2F24` (pattern `%2[fF]`); sent as given, the `%`
    // would be encoded again (`%252F`) and the entry not found.
    if (location === "path" && typeof schema?.pattern === "string" && /%(?:[0-9A-Fa-f]{2}|[0-9A-Fa-f]?\[)/.test(schema.pattern)) {
      report([...schemaAt, "pattern"], `path parameter "${name}" has a pattern for percent-encoded text, but the client percent-encodes path values itself: "%2F" in a value is sent as "%252F", and a "/" must still match the pattern`, "warning");
    }
    if (type === "object" && scalarChoice(schema, root) === undefined) {
      report(schemaAt, `${location} parameter "${name}" is an object; the client accepts only scalar values for it`, "warning");
    }
  }
}

function checkParameters(op: Operation, root: unknown, report: Report): void {
  // Operation-level parameters override path-level ones with the same name and location.
  const declared = new Map<string, Json>();
  const collect = (list: unknown, listAt: Where) => {
    const seen = new Set<string>();
    (Array.isArray(list) ? list : []).forEach((p, i) => {
      const param = deref<Json>(p, root);
      if (!isObject(param) || typeof param.name !== "string" || typeof param.in !== "string") return;
      const key = `${param.in}:${param.name}`;
      if (seen.has(key)) report([...listAt, i], `parameter "${param.name}" (in ${param.in}) is declared twice`);
      seen.add(key);
      declared.set(key, param);
      checkParameter(param, root, definedAt(p, root, [...listAt, i]), report);
    });
  };
  collect(op.pathItem.parameters, ["paths", op.path, "parameters"]);
  collect(op.operation.parameters, [...op.at, "parameters"]);

  const templated = [...op.path.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? "");
  if (/[{}]/.test(op.path.replace(/\{[^{}]+\}/g, ""))) report(["paths", op.path], `path ${op.path} has a malformed {parameter} template`);
  // Appended to the base URL as text, it would end the path there (Redocly reports `?`).
  if (op.path.includes("#")) report(["paths", op.path], `path ${op.path} contains "#", which would start the URL's fragment`);
  for (const name of templated.filter(Boolean)) {
    const param = declared.get(`path:${name}`);
    if (!param) report(op.at, `path parameter {${name}} is not declared in parameters`);
    else if (param.required !== true) report(op.at, `path parameter "${name}" must be required`);
  }
  const byName = new Map<string, string>();
  for (const [key, param] of declared) {
    const name = specText(param.name);
    if (key.startsWith("path:") && !templated.includes(name)) report(op.at, `path parameter "${name}" does not appear in the path template`);
    // The generated params object has one property per name.
    const other = byName.get(name);
    if (other) report(op.at, `parameter "${name}" is declared both in ${other} and in ${specText(param.in)}; the generated params object can hold only one`);
    byName.set(name, specText(param.in));
  }
}

/** Every `x-sunset` and where it is: on the operation, and on success media types (where Atlas puts them). */
function sunsetsOf(op: Operation, root: unknown): { value: unknown; at: Where }[] {
  const found: { value: unknown; at: Where }[] = [];
  if (op.operation["x-sunset"] !== undefined) found.push({ value: op.operation["x-sunset"], at: [...op.at, "x-sunset"] });
  const responses = isObject(op.operation.responses) ? op.operation.responses : {};
  for (const [code, response] of Object.entries(responses)) {
    const content = code.startsWith("2") ? deref<Json>(response, root)?.content : undefined;
    for (const [mediaType, media] of Object.entries(isObject(content) ? content : {})) {
      if (isObject(media) && media["x-sunset"] !== undefined) {
        found.push({ value: media["x-sunset"], at: [...definedAt(response, root, [...op.at, "responses", code]), "content", mediaType, "x-sunset"] });
      }
    }
  }
  return found;
}

/**
 * A success in several media types of one version can be asked for in each (`options.format`)
 * only when the operation has at most one resource version (model/responses.ts); otherwise calls
 * ask for the preferred one, and the others are unreachable.
 */
function checkFormats(op: Operation, root: unknown, report: Report): void {
  const mediaTypesOf = (holder: unknown) => {
    const content = deref<Json>(holder, root)?.content;
    return isObject(content) ? Object.keys(content) : [];
  };
  const responses = isObject(op.operation.responses) ? op.operation.responses : {};
  // The statuses the model reads success data from, and its way of counting versions.
  const successes = Object.entries(responses).filter(([code]) => /^[123]\d\d$/.test(code));
  const versions = new Set([op.operation.requestBody, ...successes.map(([, r]) => r)].flatMap((h) => mediaTypesOf(h).map(versionOf)));
  versions.delete(undefined);
  if (versions.size <= 1) return;
  for (const [code, response] of successes) {
    for (const [version, mediaTypes] of byVersion(mediaTypesOf(response))) {
      if (version === undefined || mediaTypes.length < 2) continue;
      report(
        [...definedAt(response, root, [...op.at, "responses", code]), "content"],
        `${op.label}: choosing among the ${code} response's media types of version ${version} (${mediaTypes.join(", ")}) is not supported with several resource versions; calls ask for ${preferredMediaType(mediaTypes)}`,
        "warning",
      );
    }
  }
}

function checkOperation(op: Operation, root: unknown, report: Report): void {
  const { operation, at, label } = op;
  if (op.id !== "" && !hasIdentifierWords(op.id)) {
    report([...at, "operationId"], `operationId "${op.id}" has no ASCII letter or digit to build a function name from`);
  }
  checkParameters(op, root, report);
  const responses = isObject(operation.responses) ? operation.responses : {};
  for (const code of Object.keys(responses).filter((c) => !/^[1-5]\d\d$/.test(c))) {
    report([...at, "responses", code], `${label}: response "${code}" is ignored; the generator reads only explicit status codes`, "warning");
  }
  checkFormats(op, root, report);
  const method = label.slice(0, label.indexOf(" "));
  if ((method === "GET" || method === "HEAD") && operation.requestBody !== undefined) {
    const required = deref<Json>(operation.requestBody, root)?.required === true;
    const outcome = required ? "it is required, so every call fails validation and sends nothing" : "a call with one fails validation and sends nothing";
    report([...at, "requestBody"], `${label} has a request body, which fetch cannot send with ${method}: ${outcome}`, "warning");
  }
  const sunsets = sunsetsOf(op, root);
  if (operation.deprecated === true && sunsets.length === 0) {
    report([...at, "deprecated"], `${label} is deprecated but has no x-sunset date`, "warning");
  }
  for (const sunset of sunsets) {
    if (!(typeof sunset.value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(sunset.value))) {
      report(sunset.at, `x-sunset of ${label} should be a date (YYYY-MM-DD), got ${JSON.stringify(sunset.value)}`, "warning");
    }
  }
}

interface Claim {
  /** Who holds the name, for messages. */
  owner: string;
  /** Claims with the same key are the same declaration. */
  key: string;
}

/**
 * The error-body guards the model declares (see model/responses.ts), by name: `is` + the schema's
 * TypeScript name, or `is<Operation><status>Body` for an inline schema.
 */
function guardClaims(op: Operation, root: unknown, schemaNames: ReadonlyMap<string, string>): [name: string, claim: Claim & { at: Where }][] {
  const responses = isObject(op.operation.responses) ? op.operation.responses : {};
  return Object.entries(responses)
    .filter(([code]) => /^[45]\d\d$/.test(code))
    .flatMap(([code, response]) => {
      const content = deref<Json>(response, root)?.content;
      const at = [...op.at, "responses", code];
      return Object.values(isObject(content) ? content : {}).flatMap((media): [string, Claim & { at: Where }][] => {
        const schema = isObject(media) ? media.schema : undefined;
        if (schema === undefined) return [];
        const ref = isObject(schema) && typeof schema.$ref === "string" ? schema.$ref : undefined;
        const schemaName = ref ? componentName(ref, "schemas") : undefined;
        const declared = schemaName === undefined ? undefined : schemaNames.get(schemaName);
        return declared
          ? [[`is${declared}`, { owner: `the error guard of schema "${schemaName}"`, key: `schema:${schemaName}`, at }]]
          : [[`is${pascalCase(op.id)}${code}Body`, { owner: `the ${code} error guard of ${op.label}`, key: `guard:${op.id}:${code}`, at }]];
      });
    });
}

/**
 * Every name the generated files declare must be declared once: operationIds that differ only in
 * case or punctuation (`get-user`, `getUser`) would otherwise overwrite each other, or a runtime
 * name or a guard; two guards must not share a name either. (Schemas whose names meet are told
 * apart by the model, and their guards follow.)
 */
function checkNames(operations: Operation[], root: unknown, report: Report): void {
  const claims = new Map<string, Claim>([...GENERATOR_SYMBOLS].map((name) => [name, { owner: "the generated runtime", key: "runtime" }]));
  const schemaNames = schemaReadNames(root);
  for (const [name, guard] of operations.flatMap((op) => guardClaims(op, root, schemaNames))) {
    const held = claims.get(name);
    if (!held) claims.set(name, guard);
    else if (held.key !== guard.key) report(guard.at, `${guard.owner} would be named ${name}, which ${held.owner} already uses; rename the schema or the operationId`);
  }
  const claim = (name: string, wanted: Claim): Claim | undefined => {
    const held = claims.get(name);
    if (held && held.key !== wanted.key) return held;
    claims.set(name, wanted);
    return undefined;
  };
  for (const op of operations) {
    const wanted = { owner: `operationId "${op.id}" (${op.label})`, key: `operation:${op.id}` };
    for (const name of operationSymbols(op.id)) {
      const held = claim(name, wanted);
      if (!held) continue;
      const message =
        held.key.startsWith("operation:") && camelCase(held.key.slice("operation:".length)) === camelCase(op.id)
          ? `operationId "${op.id}" and ${held.owner} both become ${camelCase(op.id)}; rename one of them`
          : `operationId "${op.id}" needs the name ${name}, which ${held.owner} already uses; rename the operationId`;
      report([...op.at, "operationId"], message);
      break;
    }
  }
}

/** What `createClient` defaults to; its callers pass another `baseUrl`. */
const DEFAULT_BASE_URL = "https://cloud.mongodb.com";

/**
 * The client is Atlas's: it calls DEFAULT_BASE_URL unless given a `baseUrl`, and authenticates
 * with a service account, HTTP Digest or a bearer token. A spec that says otherwise is warned,
 * rather than have calls (and credentials) go elsewhere than it says without a word.
 */
function checkServersAndSecurity(root: Json, report: Report): void {
  const server = Array.isArray(root.servers) && isObject(root.servers[0]) ? root.servers[0] : undefined;
  if (server) {
    const variables = isObject(server.variables) ? server.variables : {};
    const url = specText(server.url).replace(/\{([^}]*)\}/g, (whole, name: string) => {
      const variable = variables[name];
      return isObject(variable) && typeof variable.default === "string" ? variable.default : whole;
    });
    if (url.replace(/\/+$/, "") !== DEFAULT_BASE_URL) {
      report(["servers", 0, "url"], `the generated client calls ${DEFAULT_BASE_URL} unless createClient is given a baseUrl; pass baseUrl: "${url}" to call this server`, "warning");
    }
  }
  const schemes = isObject(root.components) && isObject(root.components.securitySchemes) ? root.components.securitySchemes : {};
  for (const [name, raw] of Object.entries(schemes)) {
    const scheme = deref<Json>(raw, root);
    if (!isObject(scheme)) continue;
    const flows = isObject(scheme.flows) ? scheme.flows : {};
    const supported =
      (scheme.type === "http" && /^(digest|bearer)$/i.test(specText(scheme.scheme))) || (scheme.type === "oauth2" && isObject(flows.clientCredentials));
    if (!supported) {
      report(["components", "securitySchemes", name], `security scheme "${name}" is not supported: the generated client authenticates with a service account (OAuth 2 client credentials), HTTP Digest or a bearer token`, "warning");
    }
  }
}

function isSupportedVersion(root: unknown): root is Json & { paths: Json } {
  return isObject(root) && typeof root.openapi === "string" && /^3\.[01]\.\d+$/.test(root.openapi) && isObject(root.paths);
}

/** The generator's own checks, in document order of discovery. */
export function validateSpec(root: unknown): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report: Report = (where, message, severity = "error") =>
    diagnostics.push({ severity, message, pointer: toPointer(where) });

  if (!isObject(root)) {
    report([], "the spec must be a YAML or JSON object");
    return diagnostics;
  }
  if (typeof root.openapi !== "string" || !/^3\.[01]\.\d+$/.test(root.openapi)) {
    report(root.openapi === undefined ? [] : ["openapi"], `unsupported OpenAPI version ${JSON.stringify(root.openapi ?? root.swagger ?? null)}; expected 3.0.x or 3.1.x`);
    return diagnostics;
  }
  if (!isSupportedVersion(root)) {
    report(root.paths === undefined ? [] : ["paths"], root.webhooks === undefined ? "the spec has no paths object" : "the spec has no paths object; webhooks are not supported (a client calls paths)");
    return diagnostics;
  }
  checkServersAndSecurity(root, report);
  const inlined = new Map<Json, Where>();
  checkRefs(root, root, [], report, inlined);
  checkInlinedCycles(root, inlined, report);
  checkInlinedSize(root, inlined, report);
  checkCompositionCycles(root, report);
  const operations: Operation[] = [];
  const seenIds = new Map<string, string>();
  for (const [path, rawItem] of Object.entries(root.paths)) {
    const pathItem = deref<Json>(rawItem, root);
    if (!isObject(pathItem)) continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      const at = ["paths", path, method];
      const label = `${method.toUpperCase()} ${path}`;
      const id = operation.operationId;
      if (typeof id !== "string" || id === "") report(at, `${label} has no operationId`);
      else if (seenIds.has(id)) report([...at, "operationId"], `operationId "${id}" is also used by ${seenIds.get(id)}`);
      else seenIds.set(id, label);
      const op = { id: typeof id === "string" ? id : "", label, path, at, operation, pathItem };
      checkOperation(op, root, report);
      if (typeof id === "string" && hasIdentifierWords(id) && seenIds.get(id) === label) operations.push(op);
    }
  }
  checkNames(operations, root, report);
  // Shared definitions (path-level or `$ref`'d parameters) are found once per use; report each once.
  const unique = new Map(diagnostics.map((d) => [`${d.pointer}\0${d.message}`, d]));
  return [...unique.values()];
}

/**
 * Everything wrong or suspicious in a loaded spec (`generate` runs this on a worker thread): YAML
 * warnings, the generator's checks and, for OpenAPI 3.0/3.1 with paths (`validateSpec` reports
 * any other), Redocly's rules. Where both flag the same place, the generator's message is kept;
 * a finding without a place (pointer "") never hides another, so a YAML warning cannot hide
 * "the OpenAPI rules could not be checked".
 */
export async function validate(spec: Pick<ParsedSpec, "file" | "root" | "warnings">): Promise<Diagnostic[]> {
  const own = [...spec.warnings, ...validateSpec(spec.root)];
  const openapi = isSupportedVersion(spec.root) ? await (await import("./lint.js")).lintOpenApi(spec.file, spec.root) : [];
  const flagged = new Set(own.map((d) => d.pointer).filter((pointer) => pointer !== ""));
  return [...own, ...openapi.filter((d) => !flagged.has(d.pointer))];
}
