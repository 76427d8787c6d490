import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { Series } from './inquiryFigures';

// Only what this chart draws: stacked bars, their grid, legend and tooltip, drawn as SVG.
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** The site's palette for series: distinct hues, each at least 3:1 against white. */
const COLOURS = ['#0b4f9c', '#b45309', '#1d6b34', '#a3161a', '#6b21a8', '#0e7490', '#7a4b00', '#4a5568'];

/**
 * Inquiries per month as stacked bars, one colour per institution or purpose. For assistive technology
 * the chart is one image whose name is `label` (the page's text summary of the same figures); the
 * page's table beside it holds every inquiry.
 */
export function InquiryChart({ months, monthLabels, series, label, locale }: { months: readonly string[]; monthLabels: readonly string[]; series: readonly Series[]; label: string; locale: string }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, null, { renderer: 'svg', locale: locale === 'en' ? 'EN' : 'ZH' });
    const option = {
      color: COLOURS,
      // The page's own font stack, so the chart's text is set like the page around it.
      textStyle: { fontFamily: getComputedStyle(element.current).fontFamily },
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 40, right: 16, top: 48, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: monthLabels },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({ name: s.name, type: 'bar', stack: 'inquiries', emphasis: { focus: 'series' }, data: s.counts })),
    };
    chart.setOption(option);
    // Text is measured when drawn: once the page's fonts have loaded, draw again with their widths.
    let disposed = false;
    void document.fonts?.ready.then(() => {
      if (!disposed) chart.setOption(option, true);
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      disposed = true;
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [months, monthLabels, series, locale]);
  return <div ref={element} className="chart" role="img" aria-label={label} />;
}
