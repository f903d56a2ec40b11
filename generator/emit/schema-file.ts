/**
 * `schema.ts`: one declaration per component schema (an interface for objects, a type alias
 * otherwise), request-body variants where `readOnly`/`writeOnly` make them differ, and the
 * `components` interface that maps the spec's schema names to them.
 */
import { StructureKind, type StatementStructures } from "ts-morph";
import type { SchemaDeclModel } from "../model/index.js";
import { jsDoc, type Tag } from "./jsdoc.js";
import { docWriter, propertyKey } from "./layout.js";
import { assignmentLayout, typeDoc } from "./type-doc.js";

const LOCAL = { refPrefix: "" };

function declarationDocs(schema: SchemaDeclModel) {
  const tags: Tag[] = [];
  if (schema.deprecated) tags.push(["deprecated"]);
  const what = schema.view === "write" ? `schema ${schema.source}, as sent in request bodies (without its readOnly properties)` : `schema ${schema.source}`;
  tags.push(["generated", `from ${what}`]);
  return [jsDoc(schema.description, tags)];
}

function declaration(schema: SchemaDeclModel): StatementStructures {
  const docs = declarationDocs(schema);
  const { type } = schema;
  if (type.kind !== "object") {
    return { kind: StructureKind.TypeAlias, name: schema.name, isExported: true, docs, type: docWriter(typeDoc(type, "alias", LOCAL), assignmentLayout(type)) };
  }
  return {
    kind: StructureKind.Interface,
    name: schema.name,
    isExported: true,
    docs,
    properties: type.properties.map((p) => ({
      name: propertyKey(p.name),
      hasQuestionToken: p.optional,
      type: docWriter(typeDoc(p.type, "annotation", LOCAL)),
      docs: p.description !== undefined || p.deprecated ? [jsDoc(p.description, p.deprecated ? [["deprecated"]] : [])] : [],
    })),
    indexSignatures: type.index ? [{ keyName: "key", keyType: "string", returnType: docWriter(typeDoc(type.index, "annotation", LOCAL)) }] : [],
  };
}

/** Built one at a time, as `printFile` prints them: the Atlas spec has over a thousand. */
export function* schemaFileStatements(schemas: SchemaDeclModel[]): Iterable<StatementStructures> {
  const reads = schemas.filter((s) => s.view === "read");
  const components: StatementStructures = {
    kind: StructureKind.Interface,
    name: "components",
    isExported: true,
    docs: [jsDoc("Every schema of the spec's `components`, by its name there.", [["generated", "from #/components/schemas"]])],
    properties: [
      {
        name: "schemas",
        type: docWriter(
          typeDoc(
            { kind: "object", properties: reads.map((s) => ({ name: s.source, optional: false, type: { kind: "ref", name: s.name }, deprecated: false })) },
            "annotation",
            LOCAL,
          ),
        ),
      },
    ],
  };
  for (const schema of schemas) yield declaration(schema);
  yield components;
}

