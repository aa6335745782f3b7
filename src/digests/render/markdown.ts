import type { DigestDocument, DigestItem } from "../document.ts";

const escapeMd = (s: string) => s.replace(/([\\`*_[\]<>|])/g, "\\$1");

function item(i: DigestItem): string {
  const lines = [`- **${escapeMd(i.title)}** — ${escapeMd(i.detail)}`];
  const meta = [
    i.eventDate ? `date ${i.eventDate}` : null,
    i.recordedAt ? `recorded ${i.recordedAt}` : null,
    i.id ? `id \`${i.id}\`` : null,
  ].filter(Boolean);
  if (meta.length) lines.push(`  ${meta.join(" · ")}`);
  lines.push(`  [Open in GraphiQL](${i.link})`);
  for (const s of i.sources)
    lines.push(`  - Source: [${escapeMd(s.title)}](${s.url}) (${escapeMd(s.publisher)})`);
  return lines.join("\n");
}

/** The digest as Markdown (also the text part of the e-mail). */
export function renderMarkdown(doc: DigestDocument): string {
  const title = doc.subscription
    ? `Hyperscope digest: ${doc.subscription.name}`
    : "Hyperscope digest preview";
  const out = [
    `# ${escapeMd(title)}`,
    "",
    `Facts recorded ${doc.window.from ? `after ${doc.window.from}` : "since the beginning"} up to ${doc.window.to}; index moves from ${doc.indexDates.from} to ${doc.indexDates.to}.`,
    "",
  ];
  if (doc.empty) {
    out.push("**Nothing new matched the watched signals in this period.**", "");
  }
  for (const s of doc.signals) {
    const items = doc.items.filter((i) => i.signal === s.slug);
    out.push(`## ${escapeMd(s.name)}`, "");
    out.push(items.length ? items.map(item).join("\n") : "_No match._", "");
  }
  for (const t of doc.charts.concentrationTrends) {
    out.push(`### HHI trend: ${t.label}`, "", "| date | HHI |", "| --- | ---: |");
    for (const p of t.points) out.push(`| ${p.date} | ${p.hhi === null ? "—" : Math.round(p.hhi)} |`);
    out.push("");
  }
  if (doc.charts.riskMovers.length) {
    out.push(
      "### Largest risk movers",
      "",
      "| subject | from | to | change |",
      "| --- | ---: | ---: | ---: |",
    );
    for (const m of doc.charts.riskMovers) {
      out.push(
        `| ${escapeMd(m.name)} | ${m.from.toFixed(1)} | ${m.to.toFixed(1)} | ${m.delta > 0 ? "+" : ""}${m.delta.toFixed(1)} |`,
      );
    }
    out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}
