import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { buildModel } from "../../../generator/model/index.js";
import { SpecError } from "../../../generator/diagnostics.js";
import { doublingChain, miniSpec } from "../../helpers/spec.js";

const projectSpec = parse(readFileSync("spec/atlas-admin-v2.yaml", "utf8"));

describe("buildModel", () => {
  test("the project spec: both deprecated operations with sunset, replacement, roles, params", () => {
    const model = buildModel(projectSpec);
    expect(model.operations.map((o) => [o.id, o.method, o.path, o.tag])).toEqual([
      ["deleteOrgInvite", "DELETE", "/api/atlas/v2/orgs/{orgId}/invites/{invitationId}", "Organizations"],
      ["removeOrgTeamUserFromTeam", "DELETE", "/api/atlas/v2/orgs/{orgId}/teams/{teamId}/users/{userId}", "Teams"],
    ]);
    const [invite] = model.operations;
    expect(invite).toMatchObject({
      deprecated: true,
      sunset: "2027-07-01",
      roles: ["Organization Owner"],
      accept: "application/vnd.atlas.2023-01-01+json",
      idempotent: true,
      replacement: { url: expect.stringContaining("removeOrganizationUser") },
    });
    expect(invite?.params.map((p) => p.name)).toEqual(["orgId", "invitationId", "envelope", "pretty"]);
    expect(invite?.errors.map((e) => e.status)).toEqual([400, 401, 403, 404, 429, 500]);
    expect(model.patterns).toEqual([
      {
        name: expect.stringMatching(/^pattern_[0-9a-f]{8}$/),
        source: "^([a-f0-9]{24})$",
        usedBy: [
          "deleteOrgInvite.orgId",
          "deleteOrgInvite.invitationId",
          "removeOrgTeamUserFromTeam.orgId",
          "removeOrgTeamUserFromTeam.teamId",
          "removeOrgTeamUserFromTeam.userId",
        ],
      },
    ]);
    expect(model.guards.map((g) => g.name)).toEqual(["isApiError"]);
    expect(invite?.variants).toEqual([{ version: "2023-01-01", sunset: "2027-07-01", data: [{ status: 204, type: { kind: "keyword", name: "undefined" } }] }]);
    expect(model.schemas.map((s) => s.name)).toEqual(["ApiError", "BadRequestDetail", "FieldViolation"]);
  });

  test("spec values String() cannot convert (a mapping with a toString key) are read without throwing", () => {
    const odd = { toString: "admin" };
    const spec = miniSpec([{ extra: { deprecated: true, "x-rolesRequirements": ["Owner", odd], "x-sunset": odd } }]);
    const [op] = buildModel(spec).operations;
    expect(op?.roles).toEqual(["Owner", "[object Object]"]);
    // Not a date to announce (validation warns about it).
    expect(op?.sunset).toBeUndefined();
  });

  test("a body with several resource versions: one variant per version, newest first, each with its body and data", () => {
    const content = (v: string, schema: unknown) => ({ [`application/vnd.atlas.${v}+json`]: { schema } });
    const spec = miniSpec([
      {
        method: "post",
        operationId: "createThing",
        extra: {
          requestBody: { required: true, content: { ...content("2023-01-01", { type: "string" }), ...content("2024-05-30", { type: "integer" }) } },
        },
        responses: { "201": { description: "Created", content: { ...content("2023-01-01", { type: "string" }), ...content("2024-05-30", { type: "integer" }) } } },
      },
    ]);
    const [op] = buildModel(spec).operations;
    expect(op?.body).toEqual({ name: "body", required: true, valueType: "json", mediaType: "application/vnd.atlas.2024-05-30+json" });
    expect(op?.accept).toBe("application/vnd.atlas.2024-05-30+json");
    expect(op?.variants.map((v) => [v.version, v.body, v.data.map((d) => d.type)])).toEqual([
      ["2024-05-30", { kind: "keyword", name: "number" }, [{ kind: "keyword", name: "number" }]],
      ["2023-01-01", { kind: "keyword", name: "string" }, [{ kind: "keyword", name: "string" }]],
    ]);
  });

  test("x-sunset is read from the success media type when the operation has none (upstream layout)", () => {
    const spec = miniSpec([
      {
        extra: { deprecated: true },
        responses: { "204": { content: { "application/vnd.atlas.2023-01-01+json": { "x-sunset": "2027-07-01" } } } },
      },
    ]);
    expect(buildModel(spec).operations[0]?.sunset).toBe("2027-07-01");
  });

  test("each resource version keeps its own x-sunset, whatever the media types' order", () => {
    const content = {
      "application/vnd.atlas.preview+json": { "x-sunset": "2026-09-14" },
      "application/vnd.atlas.2024-05-30+json": {},
      "application/vnd.atlas.2023-01-01+json": { "x-sunset": "2025-01-01" },
      "application/vnd.atlas.2023-01-01+csv": { "x-sunset": "2099-01-01" }, // two media types of one version: the earlier date counts
    };
    const variants = (c: object) => buildModel(miniSpec([{ responses: { "200": { content: c } } }])).operations[0]?.variants.map((v) => [v.version, v.sunset]);
    const want = [
      ["2024-05-30", undefined],
      ["2023-01-01", "2025-01-01"],
      ["preview", "2026-09-14"],
    ];
    expect(variants(content)).toEqual(want);
    expect(variants(Object.fromEntries(Object.entries(content).reverse()))).toEqual(want);
  });

  test("key order in the spec does not change the model", () => {
    const a = miniSpec([{ operationId: "b", path: "/b/{id}" }, { operationId: "a", path: "/a/{id}" }]);
    const b = miniSpec([{ operationId: "a", path: "/a/{id}" }, { operationId: "b", path: "/b/{id}" }]);
    expect(buildModel(a)).toEqual(buildModel(b));
  });

  test("a chain of schemas outside the components that doubles per link stops at a bound (22 links exhausted the heap)", () => {
    const spec = { ...miniSpec([{}], { schemas: { Root: { properties: { x: { $ref: "#/x-defs/L0" } } } } }), "x-defs": doublingChain(40) };
    const error = (() => {
      try {
        buildModel(spec);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).diagnostics).toEqual([
      expect.objectContaining({ severity: "error", pointer: "/x-defs/L0", message: expect.stringContaining('"#/x-defs/L0" would copy more than 10000 of them into one type') }),
    ]);
  });
});
