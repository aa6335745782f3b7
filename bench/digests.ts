// Prints how long digest content takes on the curated seed (embedded PGlite, or DATABASE_URL):
// previewDigest over all of time with the six built-in signals, and one scheduled slot per
// signal set. `npx tsx bench/digests.ts` (a figure printer, not a test).
import { openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { previewDigest } from "../src/digests/preview.ts";
import { renderDigest } from "../src/digests/render/index.ts";
import { runDigestForSlot } from "../src/digests/run.ts";
import { seedCurated } from "../src/seed/curated.ts";
import { BUILT_IN_SIGNALS } from "../src/signals/built-in.ts";
import { createSubscription } from "../src/subscriptions/queries.ts";

const handle = process.env.DATABASE_URL
  ? await openDatabase({ url: process.env.DATABASE_URL })
  : await openDatabase({ memory: true });
try {
  await migrate(handle);
  await seedCurated(handle.db);
  const ms = async <T>(f: () => Promise<T>) => {
    const t = performance.now();
    const v = await f();
    return { v, ms: Math.round(performance.now() - t) };
  };
  const all = BUILT_IN_SIGNALS.map((s) => s.slug);
  const times: number[] = [];
  let items = 0;
  for (let i = 0; i < 5; i++) {
    const r = await ms(() =>
      previewDigest(handle.db, { signals: all, from: null, to: new Date(), baseUrl: "http://x" }),
    );
    times.push(r.ms);
    items = r.v.items.length;
    if (i === 0) {
      const html = renderDigest(r.v, "HTML");
      console.log(`HTML size: ${(html.length / 1024).toFixed(1)} KiB for ${items} items`);
    }
  }
  times.sort((a, b) => a - b);
  console.log(
    `previewDigest, 6 built-in signals, all of time (${items} items): median ${times[2]} ms (min ${times[0]}, max ${times[4]})`,
  );
  const sub = await createSubscription(
    handle.db,
    {
      slug: "bench",
      name: "Bench",
      cron: "0 9 * * 1",
      timeZone: "UTC",
      signals: all,
      formats: ["JSON"],
      folder: "/tmp/hyperscope-bench-digests",
    },
    "bench",
  );
  const slot = new Date("2026-11-30T09:00:00Z");
  const run = await ms(() => runDigestForSlot(handle.db, sub, slot, { baseUrl: "http://x" }));
  console.log(`one scheduled slot (content, 12-point trends, claim, items, deliveries): ${run.ms} ms`);
} finally {
  await handle.close();
}
