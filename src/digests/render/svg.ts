import type { ConcentrationTrend, RiskMover } from "../document.ts";

/** Inline SVG charts: no scripts, no external references, explicit sizes (mail clients). */
const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export { esc as escapeXml };

const W = 480;
const H = 140;
const PAD = 28;

/** HHI over the last slots as a line, with the 1,800 threshold dashed. */
export function trendSvg(trend: ConcentrationTrend, threshold = 1800): string {
  const values = trend.points.map((p) => p.hhi).filter((v): v is number => v !== null);
  const max = Math.max(threshold * 1.2, ...values, 1);
  const n = trend.points.length;
  const x = (i: number) => PAD + (n <= 1 ? 0 : (i * (W - 2 * PAD)) / (n - 1));
  const y = (v: number) => H - PAD - (v / max) * (H - 2 * PAD);
  const path = trend.points
    .map((p, i) => (p.hhi === null ? null : `${x(i).toFixed(1)},${y(p.hhi).toFixed(1)}`))
    .filter(Boolean)
    .join(" ");
  const dots = trend.points
    .map((p, i) =>
      p.hhi === null
        ? ""
        : `<circle cx="${x(i).toFixed(1)}" cy="${y(p.hhi).toFixed(1)}" r="2.5" fill="#1f5fa8"><title>${esc(p.date)}: ${Math.round(p.hhi)}</title></circle>`,
    )
    .join("");
  const lastValue = [...trend.points].reverse().find((p) => p.hhi !== null)?.hhi;
  const latest =
    lastValue == null
      ? ""
      : `<text x="${PAD}" y="14" font-family="Arial, sans-serif" font-size="11" fill="#1f5fa8">latest HHI ${Math.round(lastValue).toLocaleString("en-US")}</text>`;
  const first = trend.points[0]?.date ?? "";
  const last = trend.points[n - 1]?.date ?? "";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="HHI trend ${esc(trend.label)}">
<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>
<line x1="${PAD}" y1="${y(threshold).toFixed(1)}" x2="${W - PAD}" y2="${y(threshold).toFixed(1)}" stroke="#c0392b" stroke-dasharray="4 3"/>
<text x="${W - PAD}" y="${(y(threshold) - 4).toFixed(1)}" font-family="Arial, sans-serif" font-size="10" fill="#c0392b" text-anchor="end">${threshold.toLocaleString("en-US")}</text>
${path ? `<polyline points="${path}" fill="none" stroke="#1f5fa8" stroke-width="2"/>` : `<text x="${W / 2}" y="${H / 2}" font-family="Arial, sans-serif" font-size="12" fill="#666" text-anchor="middle">no data</text>`}
${dots}
${latest}
<text x="${PAD}" y="${H - 8}" font-family="Arial, sans-serif" font-size="10" fill="#444">${esc(first)}</text>
<text x="${W - PAD}" y="${H - 8}" font-family="Arial, sans-serif" font-size="10" fill="#444" text-anchor="end">${esc(last)}</text>
</svg>`;
}

/** Risk movers as horizontal bars (rises red, falls green) around a zero line. */
export function moversSvg(movers: readonly RiskMover[]): string {
  const rowH = 22;
  const height = Math.max(1, movers.length) * rowH + 10;
  const label = 170;
  const mid = label + (W - label) / 2;
  const max = Math.max(1, ...movers.map((m) => Math.abs(m.delta)));
  const half = (W - label) / 2 - 40;
  const bars = movers
    .map((m, i) => {
      const len = (Math.abs(m.delta) / max) * half;
      const yy = 5 + i * rowH;
      const x0 = m.delta >= 0 ? mid : mid - len;
      const color = m.delta >= 0 ? "#c0392b" : "#27ae60";
      const tx = m.delta >= 0 ? mid + len + 4 : mid - len - 4;
      return `<text x="${label - 6}" y="${yy + 14}" font-family="Arial, sans-serif" font-size="11" fill="#222" text-anchor="end">${esc(m.name.slice(0, 28))}</text>
<rect x="${x0.toFixed(1)}" y="${yy + 3}" width="${Math.max(1, len).toFixed(1)}" height="14" fill="${color}"><title>${esc(m.name)}: ${m.from.toFixed(1)} → ${m.to.toFixed(1)}</title></rect>
<text x="${tx.toFixed(1)}" y="${yy + 14}" font-family="Arial, sans-serif" font-size="10" fill="#444" text-anchor="${m.delta >= 0 ? "start" : "end"}">${m.delta > 0 ? "+" : ""}${m.delta.toFixed(1)}</text>`;
    })
    .join("\n");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" role="img" aria-label="Largest risk movers">
<rect x="0" y="0" width="${W}" height="${height}" fill="#ffffff"/>
<line x1="${mid}" y1="0" x2="${mid}" y2="${height}" stroke="#999"/>
${bars}
</svg>`;
}
