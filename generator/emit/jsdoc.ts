/**
 * JSDoc built from spec text. Every piece of spec text passes through `commentText`, so nothing in
 * a spec can close the comment or smuggle code after it (`</script>` and bidi controls are escaped
 * for every emitted file by embedding.ts).
 */
import type { JSDocStructure, OptionalKind } from "ts-morph";

/** Spec text made safe inside a comment, every escape tried (`commentText` skips plain text). */
export function escapedCommentText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, "\n")
      .replace(/[\u2028\u2029]/g, "\n")
      .replace(/\*\//g, "*\\/")
      // ts-morph's writer reads `/*` as a nested comment and "closes" it before the next tag.
      .replace(/\/\*/g, "/\\*")
      // Control characters have no business in a comment (terminal escapes, NUL): shown as escapes.
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
      // A line starting with `@` would be read as a tag.
      .replace(/^(\s*)@/gm, "$1\\@")
      .trimEnd()
  );
}

/** What any of those escapes would change: most spec text has none of it. */
const SPECIAL = /[\r\u2028\u2029\u0000-\u0008\u000b-\u001f\u007f]|\*\/|\/\*|^\s*@/m;

export function commentText(text: string): string {
  return SPECIAL.test(text) ? escapedCommentText(text) : text.trimEnd();
}

export type Tag = [tagName: string, text?: string];

export function jsDoc(description: string | undefined, tags: Tag[] = []): OptionalKind<JSDocStructure> {
  return {
    description: description === undefined ? "" : commentText(description) + (tags.length > 0 ? "\n" : ""),
    tags: tags.map(([tagName, text]) => ({ tagName, ...(text !== undefined && { text: commentText(text) }) })),
  };
}
