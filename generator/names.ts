/** Turning spec names into safe, readable TypeScript identifiers and file names. */

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "as implements interface let package private protected public static yield await any boolean constructor " +
    "declare get module require number set string symbol type from of unknown never object undefined arguments eval"
  ).split(" "),
);

function words(name: string): string[] {
  return (
    name
      .normalize("NFKC")
      // Split camelCase humps and every run of characters that cannot be in an identifier.
      .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
  );
}

const upperFirst = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** `delete-org_invite` → `DeleteOrgInvite`; a leading digit gets a `_` prefix. */
export function pascalCase(name: string): string {
  const joined = words(name).map(upperFirst).join("");
  if (joined === "") return "_";
  return /^\d/.test(joined) ? `_${joined}` : joined;
}

/** `DeleteOrgInvite` → `deleteOrgInvite`, made safe against reserved words. */
export function camelCase(name: string): string {
  const pascal = pascalCase(name);
  const camel = pascal.startsWith("_") ? pascal : pascal.charAt(0).toLowerCase() + pascal.slice(1);
  return RESERVED.has(camel) ? `${camel}_` : camel;
}

/** `MongoDB Cloud Users` → `mongodb-cloud-users`. */
export function kebabCase(name: string): string {
  return words(name).map((w) => w.toLowerCase()).join("-") || "default";
}

/** A property key as written in TypeScript source: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}
