/**
 * Emitters ask for a symbol from a module; the collector writes the import declarations, sorted,
 * so no emitter hand-writes import lines.
 */
import { StructureKind, type ImportDeclarationStructure } from "ts-morph";
import { compareText } from "../order.js";
import type { ModuleKind } from "./targets.js";

interface Uses {
  type: boolean;
  value: boolean;
}

export class ImportCollector {
  private readonly modules = new Map<string, Map<string, Uses>>();

  /** Records `name` from `module`; returns `name` so it can be used inline. */
  use(module: string, name: string, { type = false } = {}): string {
    const names = this.modules.get(module) ?? new Map<string, Uses>();
    const uses = names.get(name) ?? { type: false, value: false };
    names.set(name, { type: uses.type || type, value: uses.value || !type });
    this.modules.set(module, names);
    return name;
  }

  /**
   * The imports of the module as `kind` writes it: JavaScript imports the values, declarations
   * the types, TypeScript both (a name used both as a type and a value needs a value import).
   */
  structures(kind: ModuleKind = "ts"): ImportDeclarationStructure[] {
    const needed = (uses: Uses) => (kind === "js" ? uses.value : kind === "dts" ? uses.type : true);
    return [...this.modules.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .flatMap(([module, names]) => {
        const entries = [...names.entries()].filter(([, uses]) => needed(uses)).sort(([a], [b]) => compareText(a, b));
        if (entries.length === 0) return [];
        const typeOnly = kind === "dts" || (kind === "ts" && entries.every(([, uses]) => !uses.value));
        return [
          {
            kind: StructureKind.ImportDeclaration,
            moduleSpecifier: module,
            isTypeOnly: typeOnly,
            namedImports: entries.map(([name, uses]) => (!typeOnly && kind === "ts" && !uses.value ? `type ${name}` : name)),
          },
        ];
      });
  }
}
