import { describe, expect, test } from "vitest";
import { lintOnWorker } from "../../generator/lint-worker.js";
import { parseSpec } from "../../generator/load.js";
import { lintIfOpenApi } from "../../generator/validate.js";
import { miniSpec, toYaml } from "../helpers/spec.js";

describe("lintOnWorker", () => {
  test("finds on its own thread what Redocly finds on this one", async () => {
    const text = toYaml({ ...miniSpec([{}], { schemas: { constructor: { type: "strin" } } }), info: { title: "t" } });
    const here = await lintIfOpenApi(parseSpec("s.yaml", text));
    expect(here.map((d) => d.pointer)).toEqual(["/info", "/components/schemas/constructor/type"]);
    expect(await lintOnWorker("s.yaml", text)).toEqual(here);
  }, 30_000);

  test.each([
    ["unreadable YAML (the main thread reports it)", "openapi: 3.0.1\npaths: {\n"],
    ["not OpenAPI 3.0/3.1 (validateSpec reports it)", "swagger: '2.0'\npaths: {}\n"],
  ])("%s: nothing", async (_name, text) => {
    expect(await lintOnWorker("s.yaml", text)).toEqual([]);
  }, 30_000);
});
