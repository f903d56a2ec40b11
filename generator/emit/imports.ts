/**
 * Emitters ask for a symbol from a module; the collector writes the import declarations, sorted,
 * so no emitter hand-writes import lines.
 */
import { StructureKind, type ImportDeclarationStructure } from "ts-morph";
import { compareText } from "../order.js";

export class ImportCollector {
  private readonly modules = new Map<string, Map<string, boolean>>();

  /** Records `name` from `module`; returns `name` so it can be used inline. */
  use(module: string, name: string, { type = false } = {}): string {
    const names = this.modules.get(module) ?? new Map<string, boolean>();
    // A name used both as a type and a value needs a value import.
    names.set(name, (names.get(name) ?? true) && type);
    this.modules.set(module, names);
    return name;
  }

  structures(): ImportDeclarationStructure[] {
    return [...this.modules.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([module, names]) => {
        const entries = [...names.entries()].sort(([a], [b]) => compareText(a, b));
        const typeOnly = entries.every(([, type]) => type);
        return {
          kind: StructureKind.ImportDeclaration,
          moduleSpecifier: module,
          isTypeOnly: typeOnly,
          namedImports: entries.map(([name, type]) => (!typeOnly && type ? `type ${name}` : name)),
        };
      });
  }
}
