import { describe, expect, test } from "vitest";
import { mediaTypeIn, mediaTypeOf } from "../../templates/operation.js";

describe("media types", () => {
  test.each([
    ["application/vnd.atlas.2023-01-01+json", "2024-05-30", "application/vnd.atlas.2024-05-30+json"],
    ["application/vnd.atlas.2023-01-01+csv", "preview", "application/vnd.atlas.preview+csv"],
    ["application/json", "2024-05-30", "application/json"],
  ])("mediaTypeOf(%s, %s) = %s", (mediaType, version, want) => expect(mediaTypeOf(mediaType, version)).toBe(want));

  test.each([
    ["application/vnd.atlas.2023-01-01+json", "csv", "application/vnd.atlas.2023-01-01+csv"],
    ["application/vnd.atlas.2024-05-30+csv", "json", "application/vnd.atlas.2024-05-30+json"],
    // A format named by its whole media type (one without a version) replaces the media type.
    ["application/json", "text/csv", "text/csv"],
  ])("mediaTypeIn(%s, %s) = %s", (mediaType, format, want) => expect(mediaTypeIn(mediaType, format)).toBe(want));
});
