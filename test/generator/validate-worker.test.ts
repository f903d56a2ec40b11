import { describe, expect, test } from "vitest";
import { parseSpec } from "../../generator/load.js";
import { validate } from "../../generator/validate.js";
import { validateOnWorker } from "../../generator/validate-worker.js";
import { miniSpec, toYaml } from "../helpers/spec.js";

describe("validateOnWorker", () => {
  test("finds on its own thread what validate finds on this one: the generator's checks and Redocly's", async () => {
    const text = toYaml({ ...miniSpec([{ path: "/a/{x}", parameters: [] }], { schemas: { constructor: { type: "strin" } } }), info: { title: "t" } });
    const spec = parseSpec("s.yaml", text);
    const here = await validate(spec);
    expect(here.map((d) => d.pointer)).toEqual(["/paths/~1a~1{x}/get", "/info", "/components/schemas/constructor/type"]);
    expect(await validateOnWorker(Promise.resolve(spec))).toEqual(here);
  }, 30_000);

  test("a spec that could not be parsed (the main thread reports why): nothing", async () => {
    expect(await validateOnWorker(Promise.reject(new Error("unreadable")))).toEqual([]);
  }, 30_000);
});
