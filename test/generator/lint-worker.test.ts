import { describe, expect, test } from "vitest";
import { lintOnWorker } from "../../generator/lint-worker.js";
import { parseSpec } from "../../generator/load.js";
import { lintIfOpenApi } from "../../generator/validate.js";
import { miniSpec, toYaml } from "../helpers/spec.js";

describe("lintOnWorker", () => {
  test("finds on its own thread what Redocly finds on this one", async () => {
    const text = toYaml({ ...miniSpec([{}], { schemas: { constructor: { type: "strin" } } }), info: { title: "t" } });
    const spec = parseSpec("s.yaml", text);
    const here = await lintIfOpenApi("s.yaml", spec.root);
    expect(here.map((d) => d.pointer)).toEqual(["/info", "/components/schemas/constructor/type"]);
    expect(await lintOnWorker("s.yaml", Promise.resolve(spec.root))).toEqual(here);
  }, 30_000);

  test("a spec that is not OpenAPI 3.0/3.1 (validateSpec reports it): nothing", async () => {
    expect(await lintOnWorker("s.yaml", Promise.resolve({ swagger: "2.0", paths: {} }))).toEqual([]);
  }, 30_000);

  test("a spec that could not be parsed (the main thread reports why): nothing, and the worker stops", async () => {
    expect(await lintOnWorker("s.yaml", Promise.reject(new Error("unreadable")))).toEqual([]);
  }, 30_000);
});
