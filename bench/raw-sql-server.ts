/**
 * The raw-SQL baseline of npm run bench:api: one hand-written statement per request (postgres.js,
 * prepared) that returns the nested facility list's JSON exactly as the GraphQL API shapes it, served
 * over plain node:http. GET /nested?order=NAME|IT_POWER_MW|COUNTRY. Prints "PORT <n>" when listening.
 */
import { createServer } from "node:http";
import postgres from "postgres";

const sql = postgres(process.env.DATABASE_URL as string, { max: 10, onnotice: () => {} });

/** ORDER BY of each ordering, as the API orders (nullable keys NULLS LAST, then id). */
const orders: Record<string, string> = {
  NAME: "f.name asc, f.id asc",
  IT_POWER_MW: "f.it_power_mw desc nulls last, f.id desc nulls last",
  COUNTRY: "f.country asc, f.id asc",
};

const nested = (order: string) => `
select json_build_object('data', json_build_object('facilities', json_build_object('edges',
  coalesce(json_agg(json_build_object('node', json_build_object(
    'name', p.name, 'itPowerMw', p.it_power_mw,
    'operator', json_build_object('name', v.name),
    'deployments', json_build_object('edges', d.edges))) order by p.hs_ord), '[]'::json))))::text as body
from (select f.*, row_number() over (order by ${order}) as hs_ord from facilities f order by ${order} limit 100) p
join vendors v on v.id = p.operator_id
cross join lateral (
  select coalesce(json_agg(json_build_object('node', json_build_object(
    'acceleratorCount', d.accelerator_count, 'asOf', d.as_of, 'chip', json_build_object('name', c.name)))
    order by d.as_of desc, d.id desc), '[]'::json) as edges
  from (select * from deployments d where d.facility_id = p.id order by d.as_of desc, d.id desc limit 10) d
  join chips c on c.id = d.chip_id
) d`;

const statements = Object.fromEntries(Object.entries(orders).map(([k, o]) => [k, nested(o)]));

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  const text = statements[url.searchParams.get("order") ?? "NAME"];
  if (url.pathname !== "/nested" || !text) {
    res.writeHead(404).end();
    return;
  }
  try {
    const [row] = await sql.unsafe(text, [], { prepare: true });
    res.writeHead(200, { "content-type": "application/json" }).end(row?.body);
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`PORT ${typeof address === "object" && address ? address.port : 0}`);
});
process.on("SIGTERM", () => {
  server.close();
  void sql.end({ timeout: 1 }).then(() => process.exit(0));
});
