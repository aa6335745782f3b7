import { type SQL, sql } from "drizzle-orm";

/**
 * The shares of a market, in SQL, from rows (entity_key, value): s_i = v_i / max(Σ v, floor) over the
 * entities with a positive value. Measured values use floor 0, so s_i is the share of the attributed
 * total and the shares sum to 1. Reported shares use floor 1: they are taken as given (s_i = v_i) and
 * leave 1 − Σ s_i unattributed; should reported shares overrun 1 (mixed sources) they are scaled down
 * to sum to 1. Columns: entity_key, value, share, rank (1 = largest share; ties by key).
 */
export function sharesOf(valued: SQL, floor: 0 | 1): SQL {
  return sql`select p.entity_key, p.value, p.share,
      row_number() over (order by p.share desc, p.entity_key) as rank
    from (
      select a.entity_key, a.value, a.value / greatest(sum(a.value) over (), ${floor}::float8) as share
      from (
        select v.entity_key, sum(v.value)::float8 as value
        from (${valued}) v
        where v.entity_key is not null
        group by v.entity_key
        having sum(v.value) > 0
      ) a
    ) p`;
}

/**
 * One summary row over shares (from sharesOf): hhi = Σ (100·s_i)² (null on an empty market; shares
 * below 1e-100 add 0, which keeps float8 from underflowing),
 * cr_n = Σ of the n largest s_i, firms = number of entities, share_sum = Σ s_i.
 */
export function summaryOf(shares: SQL, n: number): SQL {
  return sql`select sum(case when s.share < 1e-100 then 0 else power(100 * s.share, 2) end)::float8 as hhi,
      sum(s.share) filter (where s.rank <= ${n})::float8 as cr_n,
      count(*)::int as firms,
      sum(s.share)::float8 as share_sum
    from (${shares}) s`;
}

/** Σ value of the rows no entity of the dimension owns (null key), 0 when none. */
export function unattributedValueOf(valued: SQL): SQL {
  return sql`select coalesce(sum(v.value) filter (where v.entity_key is null), 0)::float8 as unattributed_value
    from (${valued}) v`;
}
