import { describe, expect, test } from "vitest";
import { schemaType, type View } from "../../../generator/model/schema-types.js";
import type { TsType } from "../../../generator/model/index.js";
import { printDoc } from "../../../generator/emit/layout.js";
import { typeDoc } from "../../../generator/emit/type-doc.js";

/** A type as `schema.ts` prints it (prettier's layout), which is easier to read than the tree. */
const text = (type: TsType) => printDoc(typeDoc(type, "alias", { refPrefix: "" }));

function convert(schema: unknown, components: Record<string, unknown> = {}, view: View = "read", component?: string): string {
  const names = new Map(Object.keys(components).map((n) => [n, { read: n, write: `${n}Write` }]));
  return text(schemaType(schema, { root: { components: { schemas: components } }, names, view, ...(component && { component }) }));
}

describe("schemaType", () => {
  test.each([
    ["string enum", { type: "string", enum: ["A", "B"] }, '"A" | "B"'],
    ["nullable enum (3.0)", { type: "string", enum: ["A"], nullable: true }, '"A" | null'],
    ["integer enum", { type: "integer", enum: [1, 2] }, "1 | 2"],
    ["3.1 type list", { type: ["string", "null"] }, "string | null"],
    ["const (3.1)", { const: "fixed" }, '"fixed"'],
    ["enum with an object value: the type without the enum", { type: "object", enum: [{ a: 1 }, [1]] }, "{\n  [key: string]: unknown;\n}"],
    ["enum mixing scalars and an array, no type", { enum: [1, [1]] }, "unknown"],
    ["integer", { type: "integer", format: "int64" }, "number"],
    ["binary string in JSON", { type: "string", format: "binary" }, "string"],
    ["no type", {}, "unknown"],
    ["false schema", false, "never"],
    ["array of refs", { type: "array", items: { $ref: "#/components/schemas/Pet" } }, "Pet[]"],
    ["array of a union", { type: "array", items: { oneOf: [{ type: "string" }, { type: "number" }] } }, "(string | number)[]"],
    ["items without type", { items: { type: "boolean" } }, "boolean[]"],
    ["prefixItems, closed (3.1)", { type: "array", prefixItems: [{ type: "string" }, { type: "integer" }], items: false }, "(string | number)[]"],
    ["prefixItems, then more of a type", { prefixItems: [{ type: "string" }], items: { type: "boolean" } }, "(string | boolean)[]"],
    ["prefixItems, then anything", { type: "array", prefixItems: [{ type: "string" }] }, "unknown[]"],
    ["ref outside components.schemas is inlined", { $ref: "#/components/schemas/Pet/properties/id" }, "string"],
    ["object", { type: "object", required: ["a"], properties: { a: { type: "string" }, b: { type: "number" } } }, "{\n  a: string;\n  b?: number;\n}"],
    ["free-form object", { type: "object" }, "{\n  [key: string]: unknown;\n}"],
    ["additionalProperties: true", { type: "object", additionalProperties: true }, "{\n  [key: string]: unknown;\n}"],
    ["map of a schema", { type: "object", additionalProperties: { type: "integer" } }, "{\n  [key: string]: number;\n}"],
    // Named properties must fit the index signature (TS2411): the index becomes unknown.
    ["properties and a map", { properties: { a: { type: "string" } }, additionalProperties: { type: "integer" } }, "{\n  a?: string;\n  [key: string]: unknown;\n}"],
    ["closed object", { type: "object", properties: {}, additionalProperties: false }, "{}"],
    ["oneOf", { oneOf: [{ $ref: "#/components/schemas/Pet" }, { type: "string" }] }, "Pet | string"],
    ["anyOf", { anyOf: [{ type: "string" }, { type: "integer" }] }, "string | number"],
    ["allOf of refs", { allOf: [{ $ref: "#/components/schemas/Pet" }, { $ref: "#/components/schemas/Tag" }] }, "Pet & Tag"],
    ["allOf of objects merges them", { allOf: [{ properties: { a: { type: "string" } } }, { properties: { b: { type: "string" } } }] }, "{\n  a?: string;\n  b?: string;\n}"],
    ["deprecated and described property", { properties: { old: { type: "string", description: "Gone soon.", deprecated: true } } }, "{\n  /**\n   * Gone soon.\n   *\n   * @deprecated\n   */\n  old?: string;\n}"],
  ])("%s", (_name, schema, want) => {
    expect(convert(schema, { Pet: { type: "object", properties: { id: { type: "string" } } }, Tag: { type: "object" } })).toBe(want);
  });

  test.each([
    ["read view drops writeOnly", "read", "{\n  id: string;\n}"],
    ["write view drops readOnly", "write", "{\n  password: string;\n}"],
  ] as const)("%s", (_name, view, want) => {
    const schema = { required: ["id", "password"], properties: { id: { type: "string", readOnly: true }, password: { type: "string", writeOnly: true } } };
    expect(convert(schema, {}, view)).toBe(want);
  });

  test("a cycle of $refs outside the component schemas is cut where it closes (validation reports it), in linear time", () => {
    const node = "#/components/schemas/Tree/$defs/node";
    const components = { Tree: { $defs: { node: { properties: { left: { $ref: node }, right: { $ref: node } } } } } };
    const names = new Map([["Tree", { read: "Tree" }]]);
    const type = schemaType({ $ref: node }, { root: { components: { schemas: components } }, names, view: "read" });
    expect(text(type)).toBe("{\n  left?: unknown;\n  right?: unknown;\n}");
  });

  test("only the property's own readOnly hides it: a flag on the schema it references does not (Atlas requests send such properties)", () => {
    const components = { Size: { type: "string", enum: ["M10", "M40"], readOnly: true }, Secret: { type: "string", writeOnly: true }, Pet: { type: "object" } };
    const schema = {
      properties: {
        maxInstanceSize: { $ref: "#/components/schemas/Size" },
        created: { $ref: "#/components/schemas/Size", readOnly: true },
        key: { $ref: "#/components/schemas/Secret" },
        pet: { $ref: "#/components/schemas/Pet" },
      },
    };
    expect(convert(schema, components, "write")).toBe("{\n  maxInstanceSize?: SizeWrite;\n  key?: SecretWrite;\n  pet?: PetWrite;\n}");
    expect(convert(schema, components, "read")).toBe("{\n  maxInstanceSize?: Size;\n  created?: Size;\n  key?: Secret;\n  pet?: Pet;\n}");
  });

  const pets = {
    Pet: {
      type: "object",
      required: ["petType"],
      properties: { petType: { type: "string" }, name: { type: "string" } },
      oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
      discriminator: { propertyName: "petType", mapping: { cat: "#/components/schemas/Cat", kitten: "#/components/schemas/Cat", dog: "Dog" } },
    },
    Cat: { allOf: [{ $ref: "#/components/schemas/Pet" }, { properties: { lives: { type: "integer" } } }] },
    Dog: { type: "object", properties: { bark: { type: "boolean" } } },
  };

  test("a oneOf parent: its own properties and the union of its children, narrowed by the discriminator", () => {
    expect(convert(pets.Pet, pets, "read", "Pet")).toBe(
      ["{", "  petType: string;", "  name?: string;", "} & (", "  | Cat", "  | (Dog & {", '      petType: "dog";', "    })", ")"].join("\n"),
    );
  });

  test("an allOf child of a oneOf parent takes only the parent's own properties (no cycle) and its discriminator values", () => {
    expect(convert(pets.Cat, pets, "read", "Cat")).toBe(
      ["{", "  petType: string;", "  name?: string;", "} & {", '  petType: "cat" | "kitten";', "  lives?: number;", "}"].join("\n"),
    );
  });

  test("without a mapping, a child's discriminator value is its schema name", () => {
    const components = { Base: { discriminator: { propertyName: "kind" }, properties: { kind: { type: "string" } } } };
    expect(convert({ allOf: [{ $ref: "#/components/schemas/Base" }] }, components, "read", "Leaf")).toBe('Base & {\n  kind: "Leaf";\n}');
  });

  test("a component that is a $ref to an allOf of a discriminator parent is its child too", () => {
    const components = { Base: { discriminator: { propertyName: "kind" }, properties: { kind: { type: "string" } } }, Dog: { $ref: "#/x-defs/DogInline" } };
    const root = { components: { schemas: components }, "x-defs": { DogInline: { allOf: [{ $ref: "#/components/schemas/Base" }, { properties: { bark: { type: "boolean" } } }] } } };
    const names = new Map(Object.keys(components).map((n) => [n, { read: n }]));
    expect(text(schemaType(components.Dog, { root, names, view: "read", component: "Dog" }))).toBe('Base & {\n  kind: "Dog";\n  bark?: boolean;\n}');
  });

  test("a property or an item declared as allOf of a discriminator parent is any of its children, not the declaring schema", () => {
    const components = { Base: { discriminator: { propertyName: "kind" }, properties: { kind: { type: "string" } } } };
    const owner = {
      properties: {
        pet: { description: "The pet.", allOf: [{ $ref: "#/components/schemas/Base" }] },
        pets: { type: "array", items: { allOf: [{ $ref: "#/components/schemas/Base" }] } },
      },
    };
    expect(convert(owner, components, "read", "Owner")).toBe("{\n  /** The pet. */\n  pet?: Base;\n  pets?: Base[];\n}");
  });

  test("a child whose discriminator value its parent's enum does not list replaces the parent's property (it was never)", () => {
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const discriminator = { propertyName: "type", mapping: { Kafka: "#/components/schemas/Kafka", S3: "#/components/schemas/S3" } };
    const properties = { type: { type: "string", enum: ["Kafka"] }, name: { type: "string" } };
    const withOneOf = { Conn: { properties, discriminator, oneOf: [ref("Kafka"), ref("S3")] }, Kafka: { allOf: [ref("Conn")] }, S3: { allOf: [ref("Conn"), { properties: { bucket: { type: "string" } } }] } };
    expect(convert(withOneOf.S3, withOneOf, "read", "S3")).toBe('{\n  name?: string;\n  type: "S3";\n  bucket?: string;\n}');
    expect(convert({ allOf: [ref("Conn")] }, withOneOf, "read", "Kafka")).toBe('{\n  type?: "Kafka";\n  name?: string;\n} & {\n  type: "Kafka";\n}');
    expect(convert(withOneOf.Conn, withOneOf, "read", "Conn")).toBe("{\n  name?: string;\n} & (Kafka | S3)");
    const plain = { Conn: { properties, discriminator }, S3: {} };
    expect(convert({ allOf: [ref("Conn")] }, plain, "read", "S3")).toBe('{\n  name?: string;\n  type: "S3";\n}');
    // A nullable parent or one with an index signature keeps its other properties (Omit<> lost them).
    const nullable = { Conn: { properties, discriminator, nullable: true, required: ["name"], additionalProperties: true }, S3: {} };
    expect(convert({ allOf: [ref("Conn")] }, nullable, "read", "S3")).toBe('{\n  name: string;\n  [key: string]: unknown;\n} & {\n  type: "S3";\n}');
  });
});
