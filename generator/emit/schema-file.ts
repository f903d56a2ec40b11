/** Schema types (`paths`, `components`, `operations`) from openapi-typescript's Node API. */
import openapiTS, { astToString } from "openapi-typescript";

export async function schemaFileText(root: object): Promise<string> {
  // openapi-typescript validates and mutates while bundling; give it its own copy.
  const nodes = await openapiTS(structuredClone(root) as Parameters<typeof openapiTS>[0], { silent: true });
  return astToString(nodes);
}
