// The household's reading chart writes its time axis in the reader's language.
import { describe, expect, it } from 'vitest';
import { healthChartSvg, type ReadingPoint } from './health-chart.ts';

const at = (date: string) => Date.parse(`${date}T10:00:00+08:00`);
const points: ReadingPoint[] = [
  { visitedAt: at('2019-08-15'), systolic: 150, diastolic: 95, glucoseTenths: 72 },
  { visitedAt: at('2019-10-15'), systolic: 142, diastolic: 90, glucoseTenths: 68 },
  { visitedAt: at('2019-12-15'), systolic: 136, diastolic: 86, glucoseTenths: null },
];
const labels = { systolic: '收缩压', diastolic: '舒张压', glucose: '血糖' };
const axisLabels = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('the reading chart', () => {
  it('writes the months in Chinese for a Chinese reader, never in English', () => {
    const written = axisLabels(healthChartSvg(points, labels, 'zh-CN'));
    expect(written).toContain('10月');
    expect(written.join(' ')).not.toMatch(/Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec/);
  });

  it('writes them in English for an English reader', () => {
    expect(axisLabels(healthChartSvg(points, labels, 'en'))).toContain('Oct');
  });
});
