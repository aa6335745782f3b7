/**
 * Encodes values as one line of PostgreSQL's COPY text format (tab-separated, `\N` for null,
 * backslash escapes). Arrays become array literals with every element quoted.
 */
export function copyTextLine(values: readonly unknown[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += "\t";
    line += copyTextField(values[i]);
  }
  return `${line}\n`;
}

const needsEscape = /[\\\t\n\r]/;

function escapeText(text: string): string {
  if (!needsEscape.test(text)) return text;
  return text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

function arrayLiteral(items: readonly unknown[]): string {
  const quoted = items.map((item) =>
    item === null || item === undefined ? "NULL" : `"${String(item).replace(/["\\]/g, "\\$&")}"`,
  );
  return `{${quoted.join(",")}}`;
}

function copyTextField(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  switch (typeof value) {
    case "number":
      if (!Number.isFinite(value)) throw new RangeError(`COPY cannot encode the number ${value}`);
      return String(value);
    case "boolean":
      return value ? "t" : "f";
    case "string":
      return escapeText(value);
    default:
      if (value instanceof Date) return value.toISOString();
      if (Array.isArray(value)) return escapeText(arrayLiteral(value));
      return escapeText(String(value));
  }
}
