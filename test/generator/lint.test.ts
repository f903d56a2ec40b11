import { describe, expect, test } from "vitest";
import { lintOpenApi, shield } from "../../generator/lint.js";
import { miniSpec } from "../helpers/spec.js";

describe("shield (what Redocly gets)", () => {
  test("renames prototype-named keys, and each $ref to what it names: several uses of one, beside an unresolved one", () => {
    const ref = { $ref: "#/components/schemas/constructor" };
    const root = { components: { schemas: { constructor: { type: "object" }, B: { properties: { a: ref, b: ref, c: { $ref: "#/components/schemas/Nope" }, d: ref, e: { $ref: "#/components/schemas/B" } } } } } };
    const shielded = shield(root) as { components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
    expect(Object.keys(shielded.components.schemas)).toEqual(["constructor.atlasgen-shielded", "B"]);
    expect(shielded.components.schemas.B!.properties).toEqual({
      a: { $ref: "#/components/schemas/constructor.atlasgen-shielded" },
      b: { $ref: "#/components/schemas/constructor.atlasgen-shielded" },
      c: { $ref: "#/x-atlasgen-unresolved" },
      d: { $ref: "#/components/schemas/constructor.atlasgen-shielded" },
      e: { $ref: "#/components/schemas/B" },
    });
  });

  test("a spec without such keys or refs is given as it is, not copied", () => {
    const root = { paths: {}, components: { schemas: { A: { properties: { b: { $ref: "#/components/schemas/A" } } } } } };
    expect(shield(root)).toBe(root);
  });
});

describe("lintOpenApi (Redocly's rules)", () => {
  test("nullable without type (OpenAPI 3.0.3 allows it: no effect) is a warning, not an error", async () => {
    const spec = miniSpec([{}], { schemas: { Pet: { type: "object" }, Owner: { type: "object", properties: { pet: { nullable: true, allOf: [{ $ref: "#/components/schemas/Pet" }] } } } } });
    const found = await lintOpenApi("spec.yaml", spec);
    expect(found).toContainEqual(expect.objectContaining({ severity: "warning", message: expect.stringMatching(/^The `type` field must be defined when the `nullable` field is used/) }));
    expect(found.filter((d) => d.severity === "error")).toEqual([]);
  });

  test("other structural problems stay errors", async () => {
    const spec = miniSpec([{}], { schemas: { Pet: { type: "object", required: "name" } } });
    expect((await lintOpenApi("spec.yaml", spec)).filter((d) => d.severity === "error")).not.toEqual([]);
  });
});
