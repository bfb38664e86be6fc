import type { Lab } from '../model/colour';

/**
 * The SQL seam of the colour rule (model/colour-search.ts): a query over `asset_colours` giving
 * `(asset_rowid, distance)` for every asset with a dominant colour within ΔE `tolerance` of `target` and a
 * share of at least `minShare`, its closest such colour's distance. Join it to `assets a ON a.rowid =
 * m.asset_rowid`, or test membership with `a.rowid IN (SELECT asset_rowid FROM (<sql>))`; `params` go where
 * the fragment sits among the host query's positional parameters.
 *
 * The R*Tree reads only the box [target ± tolerance] (its float32 boxes are rounded outwards, so nothing in the
 * box is missed); the sphere is then checked on the exact auxiliary columns.
 */
export function colourMatchSql(target: Lab, tolerance: number, minShare: number): { sql: string; params: number[] } {
  const { l, a, b } = target;
  const t = tolerance;
  const dist2 = '((l - ?) * (l - ?) + (a - ?) * (a - ?) + (b - ?) * (b - ?))';
  const sq = [l, l, a, a, b, b];
  return {
    sql: `SELECT asset_rowid, sqrt(min(${dist2})) AS distance FROM asset_colours
      WHERE l0 <= ? AND l1 >= ? AND a0 <= ? AND a1 >= ? AND b0 <= ? AND b1 >= ?
        AND share >= ? AND ${dist2} <= ?
      GROUP BY asset_rowid`,
    params: [...sq, l + t, l - t, a + t, a - t, b + t, b - t, minShare, ...sq, t * t],
  };
}
