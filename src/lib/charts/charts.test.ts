// The bar charts are drawn by ECharts as SVG; a drawing is kept by what it was drawn from.
import { describe, expect, it } from 'vitest';
import { barChartSvg, chartSvg } from './charts.ts';

/** Every start tag's attributes are name="value" pairs, none cut short by a quote inside its value. */
function expectWellFormedTags(svg: string) {
  const tags = svg.match(/<[a-zA-Z][^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag).toMatch(/^<[\w:-]+(\s+[\w:-]+="[^"<]*")*\s*\/?>$/);
}

const bars = [
  { label: '农安县', value: 12 },
  { label: '德惠市人民医院第一分院（城东）', value: 7 },
];

describe('bar charts', () => {
  it('draw each bar with its label and value, a long name cut short', () => {
    const svg = barChartSvg(bars);
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('农安县');
    expect(svg).toContain('德惠市人民医院第一分院…');
    expect(svg).toContain('>12<');
  });

  it('give the same drawing for the same bars, and a new one when a value, a label, the colour or the width changes', () => {
    const first = barChartSvg(bars);
    expect(barChartSvg(structuredClone(bars))).toBe(first);
    expect(barChartSvg([bars[0], { ...bars[1], value: 8 }])).toContain('>8<');
    expect(barChartSvg([{ ...bars[0], label: '榆树市' }, bars[1]])).toContain('榆树市');
    expect(barChartSvg(bars, { color: '#1f5fa8' })).toContain('#1f5fa8');
    expect(barChartSvg(bars, { width: 360 })).toContain('width="360"');
  });

  it('are valid SVG, the font named in a style attribute without closing it early', () => {
    expectWellFormedTags(barChartSvg(bars));
    expectWellFormedTags(chartSvg({ xAxis: { type: 'category', data: ['10月', '11月'] }, yAxis: { type: 'value' }, series: [{ type: 'line', data: [120, 135] }] }));
    expect(barChartSvg(bars)).toContain("font-family:system-ui, 'Noto Sans CJK SC', sans-serif");
  });
});
