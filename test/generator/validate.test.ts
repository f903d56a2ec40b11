import { describe, expect, test } from "vitest";
import { loadSpec, parseSpec } from "../../generator/load.js";
import { validate, validateSpec } from "../../generator/validate.js";
import { doublingChain, miniSpec, toYaml } from "../helpers/spec.js";

const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const query = (name: string, extra: Record<string, unknown> = {}) => ({ name, in: "query", schema: { type: "string" }, ...extra });
const errorBody = (ref: string) => ({ description: "e", content: { "application/json": { schema: { $ref: ref } } } });

describe("validateSpec", () => {
  test("accepts a minimal valid spec", () => {
    expect(validateSpec(miniSpec([{}]))).toEqual([]);
  });

  test.each([
    ["not an object", [], ["the spec must be a YAML or JSON object"]],
    ["swagger 2", { swagger: "2.0", paths: {} }, ['unsupported OpenAPI version "2.0"; expected 3.0.x or 3.1.x']],
    ["no paths", { openapi: "3.1.0" }, ["the spec has no paths object"]],
    ["webhooks only (3.1)", { openapi: "3.1.0", webhooks: { ping: {} } }, ["the spec has no paths object; webhooks are not supported (a client calls paths)"]],
    ["undeclared path param", miniSpec([{ path: "/a/{x}", parameters: [] }]), ["path parameter {x} is not declared in parameters"]],
    ["declared but not in template", miniSpec([{ path: "/a", parameters: [idParam] }]), ['path parameter "id" does not appear in the path template']],
    ["optional path param", miniSpec([{ parameters: [{ ...idParam, required: false }] }]), ['path parameter "id" must be required']],
    ["malformed template", miniSpec([{ path: "/a/{b", parameters: [] }]), ["path /a/{b has a malformed {parameter} template"]],
    ["a fragment in the path", miniSpec([{ path: "/d/{id}#frag" }]), ['path /d/{id}#frag contains "#", which would start the URL\'s fragment']],
    ["duplicate operationId", miniSpec([{ operationId: "a" }, { operationId: "a", method: "put" }]), ['operationId "a" is also used by GET /things/{id}']],
    ["missing operationId", miniSpec([{ operationId: "" }]), ["GET /things/{id} has no operationId"]],
    ["operationId without identifier", miniSpec([{ operationId: "日本" }]), ['operationId "日本" has no ASCII letter or digit to build a function name from']],
    [
      "operationIds that become one identifier",
      miniSpec([{ operationId: "get-user" }, { operationId: "getUser", method: "put" }]),
      ['operationId "getUser" and operationId "get-user" (GET /things/{id}) both become getUser; rename one of them'],
    ],
    [
      "operationId taking another operation's derived name",
      miniSpec([{ operationId: "foo" }, { operationId: "fooSpec", method: "put" }]),
      ['operationId "fooSpec" needs the name fooSpec, which operationId "foo" (GET /things/{id}) already uses; rename the operationId'],
    ],
    [
      "operationId taking a runtime name",
      miniSpec([{ operationId: "createClient" }]),
      ['operationId "createClient" needs the name createClient, which the generated runtime already uses; rename the operationId'],
    ],
    [
      "operationId taking an error guard's name",
      miniSpec([{ operationId: "isApiError", responses: { "204": { description: "ok" }, "400": errorBody("#/components/schemas/api-error") } }], { schemas: { "api-error": { type: "object" } } }),
      ['operationId "isApiError" needs the name isApiError, which the error guard of schema "api-error" already uses; rename the operationId'],
    ],
    [
      "operationId taking an inline error guard's name",
      miniSpec([{ operationId: "a", responses: { "204": { description: "ok" }, "400": { description: "e", content: { "application/json": { schema: { type: "object" } } } } } }, { operationId: "isA400Body", method: "put" }]),
      ['operationId "isA400Body" needs the name isA400Body, which the 400 error guard of GET /things/{id} already uses; rename the operationId'],
    ],
    [
      "an inline error guard taking a schema's guard name",
      miniSpec([{ operationId: "getA", responses: { "204": { description: "ok" }, "400": { description: "e", content: { "application/json": { schema: { type: "object" } } } }, "404": errorBody("#/components/schemas/GetA400Body") } }], {
        schemas: { GetA400Body: { type: "object" } },
      }),
      ['the error guard of schema "GetA400Body" would be named isGetA400Body, which the 400 error guard of GET /things/{id} already uses; rename the schema or the operationId'],
    ],
    [
      "operationId taking the guard of a schema renamed apart (My-Err and MyErr: isMyErr and isMyErr2)",
      miniSpec([{ responses: { "204": { description: "ok" }, "400": errorBody("#/components/schemas/My-Err"), "404": errorBody("#/components/schemas/MyErr") } }, { operationId: "isMyErr2", method: "put" }], {
        schemas: { "My-Err": { type: "object" }, MyErr: { type: "object" } },
      }),
      ['operationId "isMyErr2" needs the name isMyErr2, which the error guard of schema "MyErr" already uses; rename the operationId'],
    ],
    ["duplicate parameter", miniSpec([{ parameters: [idParam, idParam] }]), ['parameter "id" (in path) is declared twice']],
    [
      "one name in two locations",
      miniSpec([{ parameters: [idParam, query("id")] }]),
      ['parameter "id" is declared both in path and in query; the generated params object can hold only one'],
    ],
    ["cookie parameter", miniSpec([{ parameters: [idParam, { name: "s", in: "cookie" }] }]), ['cookie parameter "s" is not supported by the generator']],
    [
      "querystring parameter",
      miniSpec([{ parameters: [idParam, { name: "q", in: "querystring" }] }]),
      ['parameter location "querystring" is not supported; expected path, query or header'],
    ],
    ["content parameter", miniSpec([{ parameters: [idParam, { name: "f", in: "query", content: {} }] }]), ['parameter "f" uses content; only parameters with a schema are supported']],
    ["deepObject style", miniSpec([{ parameters: [idParam, query("d", { style: "deepObject" })] }]), ['style "deepObject" of query parameter "d" is not supported; only form']],
    [
      "explode: false",
      miniSpec([{ parameters: [idParam, query("c", { explode: false })] }]),
      ['explode: false on query parameter "c" is not supported; arrays are sent as repeated parameters'],
    ],
    ["invalid header name", miniSpec([{ parameters: [idParam, { name: "a b", in: "header" }] }]), ['header parameter name "a b" is not a valid HTTP header name']],
    [
      "invalid pattern",
      miniSpec([{ parameters: [{ ...idParam, schema: { type: "string", pattern: "(a" } }] }]),
      ['pattern of parameter "id" is not a valid ECMAScript regular expression: Invalid regular expression: /(a/: Unterminated group'],
    ],
    ["dangling $ref", miniSpec([{ parameters: [idParam, { $ref: "#/components/parameters/nope" }] }]), ['$ref "#/components/parameters/nope" does not resolve']],
    ["$anchor reference (3.1)", miniSpec([{}], { schemas: { Node: { $anchor: "node", type: "object" }, List: { properties: { head: { $ref: "#node" } } } } }), ['$ref "#node" names an anchor ($anchor), which is not supported; refer to the schema by its JSON pointer (#/…)']],
    ["malformed $ref", miniSpec([{ parameters: [idParam, { $ref: "#/components/%zz" }] }]), ['$ref "#/components/%zz" does not resolve']],
    [
      "$ref cycle",
      miniSpec([{}], { schemas: { A: { $ref: "#/components/schemas/B" }, B: { $ref: "#/components/schemas/A" } } }),
      [
        '$ref "#/components/schemas/B" is part of a cycle of $refs that never reaches a definition',
        '$ref "#/components/schemas/A" is part of a cycle of $refs that never reaches a definition',
      ],
    ],
    [
      "a cycle of $refs to schemas outside #/components/schemas (3.1 $defs)",
      miniSpec([{}], { schemas: { Tree: { $defs: { node: { properties: { next: { $ref: "#/components/schemas/Tree/$defs/node" } } } } } } }),
      [
        '$ref "#/components/schemas/Tree/$defs/node" closes a cycle of schemas that are not in #/components/schemas, which the generator would copy inline for ever; move one of them to #/components/schemas',
      ],
    ],
    [
      "a chain of schemas outside the components, each using the next twice (2^n copies): the outermost $ref, once",
      { ...miniSpec([{}], { schemas: { Root: { properties: { x: { $ref: "#/x-defs/L0" } } } } }), "x-defs": doublingChain(14) },
      [
        '$ref "#/x-defs/L0" copies 16,383 schemas inline at each use (only #/components/schemas become named types; any other $ref is copied where it is used); move the schemas it refers to to #/components/schemas',
      ],
    ],
    [
      "a schema made of itself through anyOf",
      miniSpec([{}], { schemas: { Expr: { anyOf: [{ $ref: "#/components/schemas/Expr" }, { type: "string" }] } } }),
      ['schema "Expr" is made of itself (through $ref, allOf, oneOf or anyOf); TypeScript cannot declare such a type: put the recursion in a property or in items'],
    ],
    [
      "a schema made of itself through a $ref into another schema's allOf",
      miniSpec([{}], { schemas: { A: { allOf: [{ $ref: "#/components/schemas/B/allOf/0" }, { type: "object" }] }, B: { allOf: [{ $ref: "#/components/schemas/A" }] } } }),
      ['schema "A" is made of itself (through $ref, allOf, oneOf or anyOf); TypeScript cannot declare such a type: put the recursion in a property or in items'],
    ],
    [
      "a chain of $refs outside the components that never ends: reported once per $ref, by the $ref check alone",
      { ...miniSpec([{}], { schemas: { S: { $ref: "#/x-defs/holder" } } }), "x-defs": { holder: { items: { $ref: "#/x-defs/a" } }, a: { $ref: "#/x-defs/b" }, b: { $ref: "#/x-defs/a" } } },
      [
        '$ref "#/x-defs/a" is part of a cycle of $refs that never reaches a definition',
        '$ref "#/x-defs/b" is part of a cycle of $refs that never reaches a definition',
        '$ref "#/x-defs/a" is part of a cycle of $refs that never reaches a definition',
      ],
    ],
    [
      "two schemas made of each other through allOf",
      miniSpec([{}], { schemas: { A: { allOf: [{ $ref: "#/components/schemas/B" }] }, B: { allOf: [{ $ref: "#/components/schemas/A" }, { type: "object" }] } } }),
      ['schema "B" is made of "A", which leads back to "B" (through $ref, allOf, oneOf or anyOf); TypeScript cannot declare such a type: put the recursion in a property or in items'],
    ],
    [
      "external $ref",
      miniSpec([{ parameters: [idParam, { $ref: "other.yaml#/p" }] }]),
      ['external $ref "other.yaml#/p" is not supported; bundle the spec into one file first'],
    ],
  ])("%s", (_name, given, want) => {
    expect(validateSpec(given).map((d) => d.message)).toEqual(want);
  });

  test.each([
    ["deprecated without x-sunset", miniSpec([{ extra: { deprecated: true } }]), ["GET /things/{id} is deprecated but has no x-sunset date"]],
    ["x-sunset on the operation", miniSpec([{ extra: { deprecated: true, "x-sunset": "2030-01-01" } }]), []],
    [
      "x-sunset on the success media type (Atlas)",
      miniSpec([{ extra: { deprecated: true }, responses: { "200": { description: "ok", content: { "application/json": { "x-sunset": "2030-01-01" } } } } }]),
      [],
    ],
    ["x-sunset that is no date", miniSpec([{ extra: { "x-sunset": "soon" } }]), ['x-sunset of GET /things/{id} should be a date (YYYY-MM-DD), got "soon"']],
    [
      "x-sunset that is an object String() cannot convert",
      miniSpec([{ extra: { "x-sunset": { toString: "now" } } }]),
      ['x-sunset of GET /things/{id} should be a date (YYYY-MM-DD), got {"toString":"now"}'],
    ],
    [
      "x-sunset of an older resource version that is no date (each is read)",
      miniSpec([
        {
          responses: {
            "200": {
              description: "ok",
              content: { "application/vnd.atlas.2024-05-30+json": { "x-sunset": "2030-01-01" }, "application/vnd.atlas.2023-01-01+json": { "x-sunset": "2025/01/01" } },
            },
          },
        },
      ]),
      ['x-sunset of GET /things/{id} should be a date (YYYY-MM-DD), got "2025/01/01"'],
    ],
    ["request body (supported)", miniSpec([{ method: "post", extra: { requestBody: { content: {} } } }]), []],
    [
      "optional request body of a GET",
      miniSpec([{ extra: { requestBody: { content: {} } } }]),
      ["GET /things/{id} has a request body, which fetch cannot send with GET: a call with one fails validation and sends nothing"],
    ],
    [
      "required request body of a GET (Atlas's searchOrgInvoiceLineItems)",
      miniSpec([{ extra: { requestBody: { required: true, content: {} } } }]),
      ["GET /things/{id} has a request body, which fetch cannot send with GET: it is required, so every call fails validation and sends nothing"],
    ],
    ["range response", miniSpec([{ responses: { "204": { description: "ok" }, "5XX": { description: "e" } } }]), ['GET /things/{id}: response "5XX" is ignored; the generator reads only explicit status codes']],
    ["Authorization header", miniSpec([{ parameters: [idParam, { name: "Authorization", in: "header" }] }]), ['header parameter "Authorization" is ignored by OpenAPI; the client sets this header itself']],
    [
      "array of objects in the query",
      miniSpec([{ parameters: [idParam, query("f", { schema: { type: "array", items: { type: "object" } } })] }]),
      ['query parameter "f" holds objects; the client accepts only arrays of scalar values for it'],
    ],
    [
      "`type: object` that is a oneOf of a string and an integer: scalars, no warning",
      miniSpec([{ parameters: [idParam, query("f", { schema: { type: "object", oneOf: [{ type: "string" }, { type: "integer" }] } })] }]),
      [],
    ],
    [
      "array of `type: object` items that are a oneOf of strings (raw Atlas event types): strings, no warning",
      miniSpec([{ parameters: [idParam, query("f", { schema: { type: "array", items: { type: "object", oneOf: [{ type: "string", enum: ["A"] }, { type: "string", enum: ["B"] }] } } })] }]),
      [],
    ],
    [
      "a path parameter whose pattern expects percent-encoded text (Atlas's access list entries)",
      miniSpec([{ parameters: [{ ...idParam, schema: { type: "string", pattern: "^([0-9]{1,3}\\.){3}[0-9]{1,3}(%2[fF][0-9]{1,3})?$" } }] }]),
      ['path parameter "id" has a pattern for percent-encoded text, but the client percent-encodes path values itself: "%2F" in a value is sent as "%252F", and a "/" must still match the pattern'],
    ],
    ["allowReserved", miniSpec([{ parameters: [idParam, query("q", { allowReserved: true })] }]), ['allowReserved on query parameter "q" is ignored; reserved characters are percent-encoded, which servers decode alike']],
    ["the server the client calls by default", { ...miniSpec([{}]), servers: [{ url: "https://cloud.mongodb.com/" }] }, []],
    [
      "another server, with its variables' defaults",
      { ...miniSpec([{}]), servers: [{ url: "https://{region}.api.example.com/v2", variables: { region: { default: "eu" } } }] },
      ['the generated client calls https://cloud.mongodb.com unless createClient is given a baseUrl; pass baseUrl: "https://eu.api.example.com/v2" to call this server'],
    ],
    [
      "security schemes the client cannot speak; those it can (Atlas's) pass",
      miniSpec([{}], {
        securitySchemes: {
          ServiceAccounts: { type: "oauth2", flows: { clientCredentials: { tokenUrl: "https://cloud.mongodb.com/api/oauth/token", scopes: {} } } },
          DigestAuth: { type: "http", scheme: "digest" },
          Token: { type: "http", scheme: "Bearer" },
          Key: { type: "apiKey", in: "query", name: "key" },
        },
      }),
      ['security scheme "Key" is not supported: the generated client authenticates with a service account (OAuth 2 client credentials), HTTP Digest or a bearer token'],
    ],
  ])("warns: %s", (_name, given, want) => {
    const diagnostics = validateSpec(given);
    expect(diagnostics.every((d) => d.severity === "warning")).toBe(true);
    expect(diagnostics.map((d) => d.message)).toEqual(want);
  });

  test("recursion through properties or items, and children that take their oneOf parent in allOf, are no composition cycle", () => {
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const schemas = {
      Node: { oneOf: [ref("Leaf"), ref("Branch")], discriminator: { propertyName: "kind" } },
      Leaf: { allOf: [ref("Node"), { type: "object", properties: { kind: { type: "string" } } }] },
      Branch: { allOf: [ref("Node"), { type: "object", properties: { children: { type: "array", items: ref("Node") } } }] },
      List: { type: "object", properties: { next: ref("List") } },
      Json: { anyOf: [{ type: "string" }, { type: "array", items: ref("Json") }, { type: "object", additionalProperties: ref("Json") }] },
      // The model reads a schema's own $defs only through $refs, and only oneOf when it has both.
      Wrapped: { properties: { v: { $ref: "#/components/schemas/Wrapped/properties/w" }, w: { type: "string", $defs: { back: { $ref: "#/components/schemas/Wrapped/properties/w" } } } } },
      Both: { oneOf: [{ type: "string" }], anyOf: [ref("Both")] },
    };
    expect(validateSpec(miniSpec([{}], { schemas }))).toEqual([]);
  });

  test("reports every problem at once, each with a pointer", () => {
    const spec = miniSpec([
      { path: "/a/{x}", parameters: [], operationId: "a" },
      { path: "/b/{y}", parameters: [], operationId: "a" },
    ]);
    expect(validateSpec(spec)).toEqual([
      { severity: "error", message: "path parameter {x} is not declared in parameters", pointer: "/paths/~1a~1{x}/get" },
      { severity: "error", message: 'operationId "a" is also used by GET /a/{x}', pointer: "/paths/~1b~1{y}/get/operationId" },
      { severity: "error", message: "path parameter {y} is not declared in parameters", pointer: "/paths/~1b~1{y}/get" },
    ]);
  });

  test("a problem in a shared parameter is reported once, where it is defined", () => {
    const spec = miniSpec([{ parameters: [idParam, { $ref: "#/components/parameters/p" }] }, { method: "put", parameters: [idParam, { $ref: "#/components/parameters/p" }] }], {
      parameters: { p: { name: "p", in: "query", schema: { type: "string", pattern: "[" } } },
    });
    expect(validateSpec(spec).map((d) => d.pointer)).toEqual(["/components/parameters/p/schema/pattern"]);
  });
});

describe("validate", () => {
  const run = (doc: unknown) => validate(parseSpec("s.yaml", toYaml(doc)));

  test("adds Redocly's OpenAPI rules to the generator's checks", async () => {
    const spec = { ...miniSpec([{ operationId: "a", parameters: [], path: "/a/{x}" }]), info: { title: "t" } };
    expect((await run(spec)).map((d) => [d.severity, d.message, d.pointer])).toEqual([
      ["error", "path parameter {x} is not declared in parameters", "/paths/~1a~1{x}/get"],
      ["error", "The field `version` must be present on this level.", "/info"],
    ]);
  });

  test("where both flag one place, the generator's message is kept", async () => {
    const spec = miniSpec([{ parameters: [idParam, { name: "q", in: "querystring", schema: { type: "string" } }] }]);
    expect((await run(spec)).map((d) => d.message)).toEqual(['parameter location "querystring" is not supported; expected path, query or header']);
  });

  test("keys named like Object.prototype members get no false errors", async () => {
    const spec = miniSpec([{}], { schemas: { constructor: { type: "object", required: ["toString"], properties: { toString: { type: "string" }, constructor: { type: "integer" }, __proto__: { type: "string" } } } } });
    expect(await run(spec)).toEqual([]);
  });

  test("Redocly findings under such keys point at the real place", async () => {
    const spec = miniSpec([{}], { schemas: { constructor: { type: "strin" } } });
    expect((await run(spec)).map((d) => d.pointer)).toEqual(["/components/schemas/constructor/type"]);
  });

  test("the project's Atlas spec is clean", async () => {
    expect(await validate(await loadSpec("spec/atlas-admin-v2.yaml"))).toEqual([]);
  });
});
