import type { DigestDocument } from "../document.ts";
import { renderHtml } from "./html.ts";
import { renderJson } from "./json.ts";
import { renderMarkdown } from "./markdown.ts";

export type DigestFormat = "MARKDOWN" | "HTML" | "JSON";

/** Renders a digest document in one format; deterministic, so a re-send sends the same bytes. */
export function renderDigest(doc: DigestDocument, format: DigestFormat): string {
  if (format === "MARKDOWN") return renderMarkdown(doc);
  if (format === "HTML") return renderHtml(doc);
  return renderJson(doc);
}

export const FORMAT_FILE_EXTENSION: Record<DigestFormat, string> = {
  MARKDOWN: "md",
  HTML: "html",
  JSON: "json",
};
export const FORMAT_MEDIA_TYPE: Record<DigestFormat, string> = {
  MARKDOWN: "text/markdown; charset=utf-8",
  HTML: "text/html; charset=utf-8",
  JSON: "application/json",
};
