/** Reads one gauge from a running server's /metrics (Prometheus text); null when absent. */
export async function readGauge(
  base: string,
  name: string,
  headers: Record<string, string> = {},
): Promise<number | null> {
  const text = await (await fetch(`${base}/metrics`, { headers })).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(" ")[1]) : null;
}

/** The server's resident set size in MB, from /metrics. */
export async function serverRssMb(base: string): Promise<number | null> {
  const bytes = await readGauge(base, "hyperscope_process_resident_memory_bytes");
  return bytes == null ? null : Math.round(bytes / 1024 / 1024);
}
