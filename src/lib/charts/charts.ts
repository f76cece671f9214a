// Charts drawn on the server by Apache ECharts as SVG: a page needs no script for them, they print, and a
// screen reader gets the figures from the table beside each chart.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { LRUCache } from 'lru-cache';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, SVGRenderer]);

export type ChartOption = Parameters<echarts.ECharts['setOption']>[0];

/** The chart for `option` as an SVG string, without animation, in the site's font. */
export function chartSvg(option: ChartOption, { width = 640, height = 240 } = {}): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    // The font's name in single quotes: ECharts writes it into a style attribute that is itself in double quotes.
    chart.setOption({ animation: false, textStyle: { fontFamily: "system-ui, 'Noto Sans CJK SC', sans-serif" }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

// ECharts takes 7–13 ms to draw a bar chart, and a dashboard draws one for each figure. The same bars give the
// same drawing, so the last drawings are kept by what they were drawn from: a dashboard opened again, or by
// another reader, before its figures change costs nothing to draw.
const barCharts = new LRUCache<string, string>({ max: 200 });

/** Bars for a few labelled values (the largest first), horizontal so that long Chinese names fit. */
export function barChartSvg(bars: { label: string; value: number }[], { color = '#a3201c', width = 640 } = {}): string {
  const shown = bars.slice(0, 20);
  const key = JSON.stringify([shown, color, width]);
  let drawn = barCharts.get(key);
  if (drawn === undefined) {
    drawn = drawBars(shown, color, width);
    barCharts.set(key, drawn);
  }
  return drawn;
}

function drawBars(shown: { label: string; value: number }[], color: string, width: number): string {
  return chartSvg(
    {
      // The axis labels (long Chinese names) kept inside the chart, the layout shrunk to fit them.
      grid: { left: 8, right: 48, top: 8, bottom: 8, outerBoundsMode: 'same' },
      // Counts and yuan: no ticks between whole numbers.
      xAxis: { type: 'value', minInterval: 1, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'category', inverse: true, data: shown.map((b) => (b.label.length > 12 ? `${b.label.slice(0, 11)}…` : b.label)) },
      series: [{ type: 'bar', data: shown.map((b) => b.value), color, label: { show: true, position: 'right' } }],
    },
    { width, height: 40 + shown.length * 26 },
  );
}
