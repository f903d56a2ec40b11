import { describe, expect, test } from "vitest";
import { buildSchemas } from "../../../generator/model/schemas.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe("buildSchemas", () => {
  const components = {
    Pet: { type: "object", properties: { id: { type: "string", readOnly: true }, name: { type: "string" } } },
    Owner: { type: "object", properties: { pets: { type: "array", items: ref("Pet") } } },
    Audit: { type: "object", properties: { at: { type: "string", readOnly: true } } },
    Plain: { type: "object", properties: { a: { type: "string" } } },
    "bad-name": { type: "string" },
    components: { type: "string" },
  };

  test("a request declaration only where request bodies reach a schema whose views differ", () => {
    const { schemas, names } = buildSchemas({ components: { schemas: components } }, [ref("Owner"), ref("Plain")]);
    expect(schemas.map((s) => `${s.name} (${s.view})`)).toEqual([
      "Audit (read)",
      "Owner (read)",
      "OwnerWrite (write)",
      "Pet (read)",
      "PetWrite (write)",
      "Plain (read)",
      "BadName (read)",
      "components2 (read)",
    ]);
    expect(names.get("Audit")).toEqual({ read: "Audit" });
  });

  test("names: spec names kept when they are identifiers, else PascalCase; clashes numbered", () => {
    const { names } = buildSchemas({ components: { schemas: { "a.b": {}, AB: {}, "a-b": {} } } }, []);
    expect([...names].map(([source, n]) => `${source} → ${n.read}`)).toEqual(["AB → AB", "a-b → AB2", "a.b → AB3"]);
  });

  test("a two-branch cycle of $refs outside the components is scanned once per $ref (it was 2^64 walks)", () => {
    const node = "#/components/schemas/Tree/$defs/node";
    const Tree = { properties: { root: { $ref: node } }, $defs: { node: { properties: { left: { $ref: node }, right: { $ref: node, readOnly: true } } } } };
    const { schemas } = buildSchemas({ components: { schemas: { Tree } } }, [{ $ref: node }]);
    expect(schemas.map((s) => `${s.name} (${s.view})`)).toEqual(["Tree (read)"]);
  });

  test("prefixItems are scanned like items: a readOnly property behind them gives a request declaration", () => {
    const components = { Thing: { type: "object", properties: { id: { type: "string", readOnly: true } } }, Pair: { type: "array", prefixItems: [ref("Thing")], items: false } };
    const { schemas } = buildSchemas({ components: { schemas: components } }, [ref("Pair")]);
    expect(schemas.map((s) => `${s.name} (${s.view})`)).toEqual(["Pair (read)", "PairWrite (write)", "Thing (read)", "ThingWrite (write)"]);
  });

  test("reserved words cannot name a declaration: PascalCase, numbered on a clash", () => {
    const { names } = buildSchemas({ components: { schemas: { class: {}, Class: {}, default: {}, enum: {}, type: {} } } }, []);
    expect([...names].map(([source, n]) => `${source} → ${n.read}`)).toEqual([
      "Class → Class",
      "class → Class2",
      "default → Default",
      "enum → Enum",
      "type → Type",
    ]);
  });
});
