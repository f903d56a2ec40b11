/**
 * Component schemas (`#/components/schemas`) → the declarations of `schema.ts`: one per schema as
 * returned by the server, plus a request-body declaration (`…Write`) for each schema that request
 * bodies reach and whose `readOnly`/`writeOnly` properties (its own or its references')
 * make the two differ.
 */
import { schemaTypeName } from "../names.js";
import { compareText } from "../order.js";
import { componentName, isObject, refTarget, type Json } from "../refs.js";
import { hiddenIn, schemaType, type SchemaContext } from "./schema-types.js";
import type { SchemaDeclModel } from "./types.js";

/** Names `schema.ts` declares besides the schemas, and TypeScript's own type names. */
const TAKEN = new Set(["components", "any", "boolean", "never", "number", "object", "string", "symbol", "undefined", "unknown", "bigint", "void", "null"]);

export type SchemaNames = Map<string, { read: string; write?: string }>;

interface Scan {
  /** A property somewhere in the schema is `readOnly` or `writeOnly`. */
  marked: boolean;
  /** Component schemas it references. */
  refs: Set<string>;
  /** Other `$ref`s already followed: each once, so a cycle of them ends. */
  followed: Set<string>;
}

/** Walks one schema without following component references (it records them). */
export function scanSchema(schema: unknown, root: unknown, scan: Scan = { marked: false, refs: new Set(), followed: new Set() }, depth = 0): Scan {
  if (!isObject(schema) || depth > 64) return scan;
  if (typeof schema.$ref === "string") {
    const component = componentName(schema.$ref, "schemas");
    if (component !== undefined) scan.refs.add(component);
    else if (!scan.followed.has(schema.$ref)) {
      scan.followed.add(schema.$ref);
      scanSchema(refTarget(schema.$ref, root), root, scan, depth + 1);
    }
    return scan;
  }
  for (const property of Object.values(isObject(schema.properties) ? schema.properties : {})) {
    if (hiddenIn("read", property) || hiddenIn("write", property)) scan.marked = true;
    scanSchema(property, root, scan, depth + 1);
  }
  for (const key of ["items", "additionalProperties", "not"]) scanSchema(schema[key], root, scan, depth + 1);
  for (const key of ["allOf", "oneOf", "anyOf", "prefixItems"]) {
    const list = schema[key];
    if (Array.isArray(list)) for (const member of list) scanSchema(member, root, scan, depth + 1);
  }
  return scan;
}

function uniqueName(wanted: string, taken: Set<string>): string {
  let name = wanted;
  for (let i = 2; taken.has(name); i++) name = `${wanted}${i}`;
  taken.add(name);
  return name;
}

/** Components whose two views differ: marked themselves, or referencing one that is. */
function viewSensitive(scans: Map<string, Scan>): Set<string> {
  const referrers = new Map<string, string[]>();
  for (const [name, scan] of scans) for (const ref of scan.refs) referrers.set(ref, [...(referrers.get(ref) ?? []), name]);
  const sensitive = new Set([...scans].filter(([, scan]) => scan.marked).map(([name]) => name));
  const queue = [...sensitive];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    for (const referrer of referrers.get(name) ?? []) {
      if (!sensitive.has(referrer)) {
        sensitive.add(referrer);
        queue.push(referrer);
      }
    }
  }
  return sensitive;
}

/** Sensitive components reachable from request bodies: the ones that need a write declaration. */
function writeReachable(bodySchemas: unknown[], root: unknown, scans: Map<string, Scan>, sensitive: Set<string>): Set<string> {
  const reached = new Set<string>();
  const queue = bodySchemas.flatMap((schema) => [...scanSchema(schema, root).refs]);
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (reached.has(name) || !sensitive.has(name)) continue;
    reached.add(name);
    queue.push(...(scans.get(name)?.refs ?? []));
  }
  return reached;
}

/** The name each component schema's declaration gets (as returned by the server); its guard is `is` + it. */
export function schemaReadNames(root: unknown): Map<string, string> {
  const components = isObject(root) && isObject(root.components) && isObject(root.components.schemas) ? root.components.schemas : {};
  const taken = new Set(TAKEN);
  return new Map(Object.keys(components).sort(compareText).map((source) => [source, uniqueName(schemaTypeName(source), taken)]));
}

export function buildSchemas(root: Json, bodySchemas: unknown[]): { schemas: SchemaDeclModel[]; names: SchemaNames } {
  const components = isObject(root.components) && isObject(root.components.schemas) ? root.components.schemas : {};
  const sources = Object.keys(components).sort(compareText);
  const read = schemaReadNames(root);
  const taken = new Set([...TAKEN, ...read.values()]);
  const names: SchemaNames = new Map([...read].map(([source, name]) => [source, { read: name }]));
  const scans = new Map(sources.map((source) => [source, scanSchema(components[source], root)]));
  const writes = writeReachable(bodySchemas, root, scans, viewSensitive(scans));
  for (const source of sources) {
    const entry = names.get(source)!;
    if (writes.has(source)) entry.write = uniqueName(`${entry.read}Write`, taken);
  }

  const schemas: SchemaDeclModel[] = [];
  for (const source of sources) {
    const schema = components[source];
    const doc = isObject(schema) ? schema : {};
    const description = typeof doc.description === "string" && doc.description.trim() !== "" ? doc.description : undefined;
    const entry = names.get(source)!;
    const views: [SchemaDeclModel["view"], string | undefined][] = [["read", entry.read], ["write", entry.write]];
    for (const [view, name] of views) {
      if (name === undefined) continue;
      const ctx: SchemaContext = { root, names, view, component: source };
      schemas.push({ name, source, view, ...(description && { description }), deprecated: doc.deprecated === true, type: schemaType(schema, ctx) });
    }
  }
  return { schemas, names };
}
