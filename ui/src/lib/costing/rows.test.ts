import { describe, expect, it, vi } from 'vitest';
import { BLOCK, GridRowCache, KEPT_BLOCKS, visibleRows } from './rows.svelte';
import type { GridLine } from '../api/bindings/GridLine';
import type { GridRows } from '../api/bindings/GridRows';

/** A line that says which row of which version of the plan it is. */
const line = (row: number, version = 1) => ({ id: `v${version}-${row}` }) as unknown as GridLine;

function source(count: number) {
  let version = 1;
  const fetch = vi.fn(async (offset: number, limit: number): Promise<GridRows> => ({
    offset,
    lines: Array.from({ length: Math.max(0, Math.min(limit, count - offset)) }, (_, k) => line(offset + k, version)),
    count,
  }));
  return {
    fetch,
    bump: (newCount: number) => {
      version += 1;
      count = newCount;
    },
  };
}

const held = (cache: GridRowCache) => Array.from({ length: Math.ceil(cache.count / BLOCK) }, (_, b) => b).filter((b) => cache.at(b * BLOCK));

describe('the rows of the costing grid the page holds', () => {
  it('fetches a block once however often it is asked for', async () => {
    const { fetch } = source(1000);
    const cache = new GridRowCache(fetch, () => {});
    cache.reset(1000, Array.from({ length: BLOCK }, (_, r) => line(r)));
    expect(cache.at(99)?.id).toBe('v1-99');
    expect(cache.at(150)).toBeUndefined();
    await Promise.all([cache.ensure(150, 160), cache.ensure(140, 210)]);
    expect(fetch.mock.calls).toEqual([
      [100, BLOCK],
      [200, BLOCK],
    ]);
    expect(cache.at(150)?.id).toBe('v1-150');
    expect(cache.at(250)?.id).toBe('v1-250');
    await cache.ensure(0, 300);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('keeps only the blocks nearest the rows last asked for', async () => {
    const { fetch } = source(5000);
    const cache = new GridRowCache(fetch, () => {});
    cache.reset(5000, []);
    for (let b = 0; b < 30; b++) await cache.ensure(b * BLOCK, b * BLOCK + 1);
    const kept = held(cache);
    expect(kept.length).toBe(KEPT_BLOCKS);
    expect(kept).toContain(29);
    expect(kept).not.toContain(0);
  });

  it('fetches again the rows after a line added or deleted, and keeps those before', async () => {
    const { fetch, bump } = source(1000);
    const cache = new GridRowCache(fetch, () => {});
    cache.reset(1000, []);
    await cache.ensure(0, 400);
    bump(1001);
    cache.shiftedFrom(250, 1001);
    expect(cache.count).toBe(1001);
    expect(cache.at(199)?.id).toBe('v1-199');
    expect(cache.at(250)).toBeUndefined();
    await cache.ensure(250, 251);
    expect(cache.at(250)?.id).toBe('v2-250');
  });

  it('drops what a fetch started before the lines started again brings', async () => {
    let answer: (rows: GridRows) => void = () => {};
    const fetch = vi.fn(() => new Promise<GridRows>((resolve) => (answer = resolve)));
    const cache = new GridRowCache(fetch, () => {});
    cache.reset(500, []);
    const waiting = cache.ensure(300, 301);
    cache.reset(500, []);
    answer({ offset: 300, lines: Array.from({ length: BLOCK }, (_, k) => line(300 + k)), count: 500 });
    await waiting;
    expect(cache.at(300)).toBeUndefined();
  });

  it('reports a failed fetch and fetches again when asked again', async () => {
    const failure = vi.fn();
    const fetch = vi.fn().mockRejectedValueOnce(new Error('no plan is open'));
    const cache = new GridRowCache(fetch, failure);
    cache.reset(300, []);
    await cache.ensure(0, 1);
    expect(failure).toHaveBeenCalledTimes(1);
    fetch.mockResolvedValueOnce({ offset: 0, lines: Array.from({ length: BLOCK }, (_, k) => line(k)), count: 300 });
    await cache.ensure(0, 1);
    expect(cache.at(0)?.id).toBe('v1-0');
  });
});

describe('visibleRows', () => {
  it('keeps the item of every row whose line did not change, and makes one for the rest', () => {
    const lines = [line(0), line(1), line(2), undefined];
    const first = visibleRows(new Map(), 0, 4, (r) => lines[r]);
    expect([...first.values()].map((v) => v.line)).toEqual(lines);

    // An edit replaced line 1, and line 3 came in.
    lines[1] = line(1, 2);
    lines[3] = line(3);
    const second = visibleRows(first, 0, 4, (r) => lines[r]);
    expect(second.get(0)).toBe(first.get(0));
    expect(second.get(2)).toBe(first.get(2));
    expect(second.get(1)).not.toBe(first.get(1));
    expect(second.get(1)).toEqual({ line: lines[1], row: 1 });
    expect(second.get(3)).toEqual({ line: lines[3], row: 3 });

    // Scrolled by one row: rows out of view go, a new one comes.
    lines.push(line(4));
    const third = visibleRows(second, 1, 5, (r) => lines[r]);
    expect([...third.keys()]).toEqual([1, 2, 3, 4]);
    expect(third.get(2)).toBe(first.get(2));
  });
});
