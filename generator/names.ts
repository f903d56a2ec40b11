/**
 * Turning spec names into safe, readable TypeScript identifiers, property keys and file names.
 * Identifiers are ASCII only, never reserved words, and never start with a digit.
 */
import { createHash } from "node:crypto";

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "as implements interface let package private protected public static yield await any boolean constructor " +
    "declare get module require number set string symbol type from of unknown never object undefined arguments eval"
  ).split(" "),
);

function words(name: string): string[] {
  return (
    name
      .normalize("NFKC")
      // Split camelCase humps and every run of characters that cannot be in an identifier.
      .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
  );
}

const upperFirst = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** False when a name has no ASCII letter or digit to build an identifier from (`"!!"`, `"日本"`). */
export function hasIdentifierWords(name: string): boolean {
  return words(name).length > 0;
}

/** `delete-org_invite` → `DeleteOrgInvite`; a leading digit gets a `_` prefix. */
export function pascalCase(name: string): string {
  const joined = words(name).map(upperFirst).join("");
  if (joined === "") return "_";
  return /^\d/.test(joined) ? `_${joined}` : joined;
}

/** `DeleteOrgInvite` → `deleteOrgInvite`, made safe against reserved words. */
export function camelCase(name: string): string {
  const pascal = pascalCase(name);
  const camel = pascal.startsWith("_") ? pascal : pascal.charAt(0).toLowerCase() + pascal.slice(1);
  return RESERVED.has(camel) ? `${camel}_` : camel;
}

/** `MongoDB Cloud Users` → `mongo-db-cloud-users`. Only `[a-z0-9-]`, so never a path outside the folder. */
export function kebabCase(name: string): string {
  return words(name).map((w) => w.toLowerCase()).join("-") || "default";
}

/** Files the generator writes itself, plus names Windows refuses: a tag must not land on them. */
const TAKEN_FILE_NAMES = new Set(
  ["index", "schema", "validators", "guards", "runtime", "con", "prn", "aux", "nul"].concat(
    [1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((n) => [`com${n}`, `lpt${n}`]),
  ),
);

/** Longest file name stem of an operations module: file systems refuse names over 255 bytes. */
const MAX_MODULE_NAME = 64;

/**
 * The operations module of a tag: `Teams` → `teams`, `Index` → `index-operations`; a long name is
 * cut and ends with a hash of the whole, so two long tags still get two files.
 */
export function operationsModuleName(tag: string): string {
  const base = kebabCase(tag);
  if (base.length > MAX_MODULE_NAME) return `${base.slice(0, MAX_MODULE_NAME - 9).replace(/-+$/, "")}-${createHash("sha256").update(base).digest("hex").slice(0, 8)}`;
  return TAKEN_FILE_NAMES.has(base) ? `${base}-operations` : base;
}

/** A property key as written in TypeScript source: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/**
 * A key in an object literal. Names of Object.prototype members are written as computed keys of
 * type `string`: `__proto__: x` (quoted or not) would set the prototype instead of a property, and
 * TypeScript types a literal key like `constructor` or `toString` from Object's member rather than
 * from the record's values, so `{ toString: { in: "query" } }` fails to type-check. `String(…)`
 * rather than `as string`: the same literal is printed into JavaScript (`--target js+dts`).
 */
export function objectLiteralKey(name: string, plainKey: (name: string) => string = propertyKey): string {
  return name in Object.prototype ? `[String(${JSON.stringify(name)})]` : plainKey(name);
}

/**
 * Every name the generated files declare for one operation (see emit/operations-file.ts); two
 * operations must not share any of them.
 */
export function operationSymbols(operationId: string): string[] {
  const identifier = camelCase(operationId);
  const type = pascalCase(operationId);
  return [
    identifier,
    `${identifier}Spec`,
    `validate${type}Params`,
    // `Versions` and `Version` only for operations with several resource versions, `Formats` and
    // `Format` for those with several response formats.
    ...["Params", "SuccessData", "ErrorBodies", "ErrorStatus", "Error", "Result", "Versions", "Version", "Formats", "Format"].map((suffix) => type + suffix),
  ];
}

/**
 * The TypeScript name a component schema wants in schema.ts (`uniqueName` may add a number): its
 * own name when that is an identifier and not a reserved word (`class` cannot name an interface).
 */
export function schemaTypeName(source: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(source) && !RESERVED.has(source) ? source : pascalCase(source);
}

/**
 * Names the generated code already uses: the runtime and schema names that index.ts re-exports,
 * and the runtime names the generated files import. An operation must not declare any of them
 * (test/generator/names.test.ts checks this list against the checked-in client).
 */
export const GENERATOR_SYMBOLS: ReadonlySet<string> = new Set([
  // runtime/client.ts, request.ts, retry.ts, as re-exported by index.ts
  "createClient",
  "AuthOptions",
  "Client",
  "ClientOptions",
  "DeprecationInfo",
  "RequestOptions",
  "RetryOptions",
  // runtime/result.ts (`export type *`)
  "RateLimit",
  "ValidationIssue",
  "ValidationError",
  "HttpError",
  "UnexpectedError",
  "NetworkError",
  "TimeoutError",
  "AbortedError",
  "AuthFailure",
  "HttpErrors",
  "CommonError",
  "HttpErrorOf",
  "OperationError",
  "Success",
  "Failure",
  "SuccessOf",
  "OperationResult",
  // schema.ts, re-exported and imported as a namespace
  "components",
  "schema",
  // imported by the generated files
  "CallOptions",
  "OperationSpec",
  "Guard",
  "PatternCheck",
  "shapeGuard",
  "send",
  "validateParams",
  "patternValidator",
]);
