import { describe, expect, test } from "vitest";
import { camelCase, kebabCase, pascalCase, propertyKey } from "../../generator/names.js";

describe("names", () => {
  test.each([
    ["deleteOrgInvite", { camel: "deleteOrgInvite", pascal: "DeleteOrgInvite" }],
    ["remove-org_team user", { camel: "removeOrgTeamUser", pascal: "RemoveOrgTeamUser" }],
    ["delete", { camel: "delete_", pascal: "Delete" }],
    ["2fa-setup", { camel: "_2faSetup", pascal: "_2faSetup" }],
    ["constructor", { camel: "constructor_", pascal: "Constructor" }],
    ["__proto__", { camel: "proto", pascal: "Proto" }],
    ["ｇｅｔＵｓｅｒ", { camel: "getUser", pascal: "GetUser" }],
    ["", { camel: "_", pascal: "_" }],
  ])("%j", (given, want) => {
    expect(camelCase(given)).toBe(want.camel);
    expect(pascalCase(given)).toBe(want.pascal);
  });

  test.each([
    ["Organizations", "organizations"],
    ["MongoDB Cloud Users", "mongo-db-cloud-users"],
    ["", "default"],
    ["../../etc", "etc"],
  ])("kebabCase(%j) = %j", (given, want) => expect(kebabCase(given)).toBe(want));

  test.each([
    ["orgId", "orgId"],
    ["x-header", '"x-header"'],
    ["1abc", '"1abc"'],
  ])("propertyKey(%j) = %s", (given, want) => expect(propertyKey(given)).toBe(want));
});
