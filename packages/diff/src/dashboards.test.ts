import { describe, expect, it } from 'vitest';
import { diffDashboards } from './dashboards.js';

const stat = (id: number, title: string, expr = 'up', y = 0) => ({
  id,
  type: 'stat',
  title,
  gridPos: { x: 0, y, w: 6, h: 4 },
  targets: [{ refId: 'A', expr }],
});
const dashboard = (panels: unknown[], title = 'lab: Node detail') =>
  new Map([['grafana/dashboards/lab-node.json', JSON.stringify({ uid: 'lab-node', title, version: 1, panels })]]);
const row = (id: number, title: string, panels: unknown[]) => ({
  id,
  type: 'row',
  title,
  collapsed: true,
  gridPos: { x: 0, y: 0, w: 24, h: 1 },
  panels,
});

describe('diffDashboards', () => {
  it('a panel inserted before others is one added panel, not every id shifted', () => {
    const before = dashboard([stat(1, 'CPU'), stat(2, 'Memory')]);
    const after = dashboard([stat(1, 'Uptime'), stat(2, 'CPU', 'up', 4), stat(3, 'Memory', 'up', 4)]);
    expect(diffDashboards(before, after).map((c) => c.summary)).toEqual(['new panel `Uptime` (stat) on `lab: Node detail`']);
  });

  it('finds panels inside collapsed rows and reports query changes', () => {
    const before = dashboard([row(1, 'Disks', [stat(2, 'Free space', 'node_filesystem_avail_bytes')])]);
    const after = dashboard([row(1, 'Disks', [stat(2, 'Free space', 'node_filesystem_free_bytes')])]);
    const [c] = diffDashboards(before, after);
    expect(c!.summary).toBe('panel `Free space` (stat) on `lab: Node detail` changed');
    expect(c!.details).toEqual(['`targets[0].expr`: `node_filesystem_avail_bytes` → `node_filesystem_free_bytes`']);
  });

  it('reports renamed and removed dashboards', () => {
    expect(diffDashboards(dashboard([]), dashboard([], 'lab: Hosts')).map((c) => c.summary)).toEqual([
      'dashboard `lab: Node detail` renamed to `lab: Hosts`',
    ]);
    expect(diffDashboards(dashboard([stat(1, 'CPU')]), new Map())[0]).toMatchObject({
      kind: 'removed',
      summary: 'removed dashboard `lab: Node detail` (uid `lab-node`, 1 panel)',
    });
  });
});
