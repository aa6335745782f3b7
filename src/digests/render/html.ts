import type { DigestDocument, DigestItem } from "../document.ts";
import { escapeXml as esc, moversSvg, trendSvg } from "./svg.ts";

/*
 * Mail-client safe HTML: one table-based column, inline styles only (no <style> blocks that some
 * clients strip, no scripts, no web fonts, no external images): charts are inline SVG.
 */
const FONT = "font-family:Arial,Helvetica,sans-serif;";

function itemHtml(i: DigestItem): string {
  const meta = [
    i.eventDate ? `date ${esc(i.eventDate)}` : "",
    i.recordedAt ? `recorded ${esc(i.recordedAt)}` : "",
  ]
    .filter(Boolean)
    .join(" · ");
  const sources = i.sources
    .map((s) => `<a href="${esc(s.url)}" style="color:#1f5fa8">${esc(s.title)}</a> (${esc(s.publisher)})`)
    .join("<br>");
  return `<tr><td style="${FONT}padding:8px 0;border-bottom:1px solid #e5e5e5;font-size:14px;color:#222">
<div style="font-weight:bold">${esc(i.title)}</div>
<div style="color:#444">${esc(i.detail)}</div>
${meta ? `<div style="color:#777;font-size:12px">${meta}</div>` : ""}
<div style="font-size:12px"><a href="${esc(i.link)}" style="color:#1f5fa8">Open in GraphiQL</a>${i.id ? ` · <code>${esc(i.id)}</code>` : ""}</div>
${sources ? `<div style="font-size:12px;color:#555">Sources: ${sources}</div>` : ""}
</td></tr>`;
}

/** The digest as one HTML page, readable in a browser and in a mail client. */
export function renderHtml(doc: DigestDocument): string {
  const title = doc.subscription
    ? `Hyperscope digest: ${doc.subscription.name}`
    : "Hyperscope digest preview";
  const period = `Facts recorded ${doc.window.from ? `after ${esc(doc.window.from)}` : "since the beginning"} up to ${esc(doc.window.to)}; index moves ${esc(doc.indexDates.from)} → ${esc(doc.indexDates.to)}.`;
  const sections = doc.signals
    .map((s) => {
      const items = doc.items.filter((i) => i.signal === s.slug);
      return `<tr><td style="${FONT}padding:16px 0 4px;font-size:16px;font-weight:bold;color:#1a1a1a">${esc(s.name)} <span style="font-weight:normal;color:#777;font-size:12px">(${items.length})</span></td></tr>
${items.length ? items.map(itemHtml).join("\n") : `<tr><td style="${FONT}color:#777;font-size:13px;padding:4px 0">No match.</td></tr>`}`;
    })
    .join("\n");
  const trends = doc.charts.concentrationTrends
    .map(
      (
        t,
      ) => `<tr><td style="${FONT}padding:12px 0 0;font-size:13px;color:#333">HHI trend: ${esc(t.label)}</td></tr>
<tr><td>${trendSvg(t)}</td></tr>`,
    )
    .join("\n");
  const movers = doc.charts.riskMovers.length
    ? `<tr><td style="${FONT}padding:12px 0 0;font-size:13px;color:#333">Largest risk movers (score change)</td></tr>
<tr><td>${moversSvg(doc.charts.riskMovers)}</td></tr>`
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
</head>
<body style="margin:0;padding:0;background:#f4f4f4">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f4"><tr><td align="center" style="padding:16px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;padding:16px 24px">
<tr><td style="${FONT}font-size:22px;font-weight:bold;color:#1a1a1a;padding-bottom:4px">${esc(title)}</td></tr>
<tr><td style="${FONT}font-size:12px;color:#666">${period}</td></tr>
${doc.empty ? `<tr><td style="${FONT}padding:16px 0;font-size:15px;color:#333"><strong>Nothing new matched the watched signals in this period.</strong></td></tr>` : ""}
${trends}
${movers}
${sections}
<tr><td style="${FONT}padding-top:16px;font-size:11px;color:#999">Hyperscope digest format version ${doc.version}.</td></tr>
</table>
</td></tr></table>
</body>
</html>
`;
}
