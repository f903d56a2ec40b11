/** Request Body Object (OpenAPI 3.x §4.8.13) → the body param and its type in each resource version. */
import { deref, isObject, type Json } from "../refs.js";
import { bodyKindOf, preferredMediaType } from "./responses.js";
import { keyword, schemaType, union, UNKNOWN, type SchemaContext } from "./schema-types.js";
import { byVersion } from "./versions.js";
import type { BodyModel, ParamModel, TsType } from "./types.js";

export interface RequestBody {
  model: BodyModel;
  /** The body's type by resource version (`undefined`: media types without one). */
  types: Map<string | undefined, TsType>;
}

/** `body`, or `requestBody` (then `requestBody_`…) when a parameter already has the name. */
function bodyName(params: ParamModel[]): string {
  const taken = new Set(params.map((p) => p.name));
  let name = "body";
  if (taken.has(name)) name = "requestBody";
  while (taken.has(name)) name += "_";
  return name;
}

/** Form media types: the body is the object fetch sends as one, and fetch writes its `Content-Type`. */
const FORMS: Record<string, "formData" | "urlEncoded"> = { "multipart/form-data": "formData", "application/x-www-form-urlencoded": "urlEncoded" };
const FORM_CLASSES = { formData: "FormData", urlEncoded: "URLSearchParams" } as const;
const formOf = (mediaType: string) => FORMS[mediaType.split(";")[0]!.trim().toLowerCase()];

export function buildRequestBody(operation: Json, params: ParamModel[], ctx: SchemaContext, defaultVersion: string | undefined): RequestBody | undefined {
  const body = deref<Json>(operation.requestBody, ctx.root);
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const content = body.content;
  const groups = byVersion(Object.keys(content));
  if (groups.size === 0) return undefined;
  const types = new Map<string | undefined, TsType>();
  const chosen = new Map<string | undefined, string>();
  for (const [version, mediaTypes] of groups) {
    const mediaType = preferredMediaType(mediaTypes)!;
    chosen.set(version, mediaType);
    const kind = bodyKindOf(mediaType);
    const schema = deref<Json>(content[mediaType], ctx.root)?.schema;
    const form = formOf(mediaType);
    types.set(
      version,
      form
        ? keyword(FORM_CLASSES[form])
        : kind === "json"
          ? schema === undefined
            ? UNKNOWN
            : schemaType(schema, ctx)
          : kind === "text"
            ? keyword("string")
            : union([keyword("Blob"), keyword("Uint8Array")]),
    );
  }
  const mediaType = chosen.get(defaultVersion) ?? chosen.get(undefined) ?? [...chosen.values()][0]!;
  const kind = bodyKindOf(mediaType);
  const description = typeof body.description === "string" && body.description.trim() !== "" ? body.description : undefined;
  return {
    model: {
      name: bodyName(params),
      required: body.required === true,
      ...(description && { description }),
      valueType: formOf(mediaType) ?? (kind === "json" ? "json" : kind === "text" ? "string" : "binary"),
      mediaType,
    },
    types,
  };
}
