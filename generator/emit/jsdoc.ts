/**
 * JSDoc built from spec text. Every piece of spec text passes through `commentText`, so nothing in
 * a spec can close the comment or smuggle code after it.
 */
import type { JSDocStructure, OptionalKind } from "ts-morph";

export function commentText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u2028\u2029]/g, "\n")
    .replace(/\*\//g, "*\\/")
    // A line starting with `@` would be read as a tag.
    .replace(/^(\s*)@/gm, "$1\\@")
    .trimEnd();
}

export type Tag = [tagName: string, text?: string];

export function jsDoc(description: string | undefined, tags: Tag[] = []): OptionalKind<JSDocStructure> {
  return {
    description: description === undefined ? "" : commentText(description) + (tags.length > 0 ? "\n" : ""),
    tags: tags.map(([tagName, text]) => ({ tagName, ...(text !== undefined && { text: commentText(text) }) })),
  };
}
