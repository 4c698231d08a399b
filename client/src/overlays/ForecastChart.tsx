// One small quarter-hour chart of the gate forecast, drawn by uPlot on a canvas (the one module
// that imports uPlot; loaded lazily with the forecast tab). The plot is made once per mount and
// fed new figures with setData, so a re-render of the panel never rebuilds it.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatMinute } from '../format-time';

/** How a series is drawn: bars filling each quarter, or a level held over each quarter. */
export type SeriesStyle = 'bars' | 'level' | 'dashed-level';

export interface ChartSeries {
  /** Screen readers' and tests' name of the series (the legend is drawn by the panel). */
  name: string;
  colour: string;
  style: SeriesStyle;
  /** One value per quarter. */
  values: readonly number[];
}

export interface ForecastChartProps {
  /** Epoch ms each quarter starts at, in order. */
  starts: readonly number[];
  bucketMs: number;
  series: readonly ChartSeries[];
  /** Writes a y-axis figure (trucks, minutes). */
  formatY: (value: number) => string;
  height: number;
  /** The y scale stops here even when a figure is higher (a lane-less wait of a day would flatten the rest). */
  yCeiling?: number;
  testId: string;
  label: string;
}

const AXIS = { stroke: '#94a3b8', grid: { stroke: '#1e293b', width: 1 }, ticks: { stroke: '#334155', width: 1 } };

function pathsFor(style: SeriesStyle): uPlot.Series.PathBuilder | undefined {
  const { bars, stepped } = uPlot.paths;
  // Bars start at their quarter's start and fill most of it; levels hold from start to end.
  if (style === 'bars') return bars?.({ align: 1, size: [0.82, Infinity], gap: 2 });
  return stepped?.({ align: 1 });
}

/**
 * uPlot's data: x in seconds at each quarter's start plus the end of the last, so levels
 * run to the end; bars have no value at that end point.
 */
function plotData(props: Pick<ForecastChartProps, 'starts' | 'bucketMs' | 'series'>): uPlot.AlignedData {
  const { starts, bucketMs, series } = props;
  const last = starts[starts.length - 1];
  const x = [...starts, ...(last === undefined ? [] : [last + bucketMs])].map((ms) => ms / 1000);
  return [
    x,
    ...series.map((s) => (s.style === 'bars' ? [...s.values, null] : [...s.values, s.values[s.values.length - 1] ?? null])),
  ] as uPlot.AlignedData;
}

function plotOptions(latest: { current: ForecastChartProps }, width: number, onDraw: (plot: uPlot) => void): uPlot.Options {
  const props = latest.current;
  return {
    width,
    height: props.height,
    legend: { show: false },
    cursor: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    // Room on the right for the last tick's time, centred on the plot's edge.
    padding: [8, 22, 0, 0],
    scales: {
      x: { time: false },
      // From zero, with headroom over the tallest figure, so equal heights read as equal numbers.
      y: { range: (_plot, _min, max) => [0, Math.max(1, Math.min(max, latest.current.yCeiling ?? Infinity) * 1.15)] },
    },
    axes: [
      {
        ...AXIS,
        size: 28,
        font: '12px sans-serif',
        // A tick at each quarter's start and at the end of the last: the bars sit between them.
        splits: (plot) => (plot.data[0] as number[]).slice(),
        values: (_plot, splits) => splits.map((sec) => formatMinute(sec * 1000)),
      },
      {
        ...AXIS,
        size: 40,
        font: '12px sans-serif',
        values: (_plot, splits) => splits.map((value) => latest.current.formatY(value)),
      },
    ],
    series: [
      {},
      ...props.series.map((s): uPlot.Series => ({
        label: s.name,
        stroke: s.colour,
        width: s.style === 'bars' ? 0 : 2.5,
        fill: s.style === 'bars' ? `${s.colour}cc` : undefined,
        dash: s.style === 'dashed-level' ? [6, 4] : undefined,
        paths: pathsFor(s.style),
        points: { show: false },
      })),
    ],
    hooks: { draw: [onDraw] },
  };
}

/**
 * The chart. Its container carries what was last drawn (`data-points`, `data-values`) and how
 * many plots this mount has made (`data-plots`, 1 while it lives), for tests and for people
 * inspecting the page.
 */
export default function ForecastChart(props: ForecastChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const shape = props.series.map((s) => `${s.style}:${s.colour}`).join('|');

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let plots = Number(element.dataset.plots ?? 0);
    const onDraw = (drawn: uPlot) => {
      // The quarters drawn: every x but the closing one.
      const points = Math.max(0, drawn.data[0].length - 1);
      element.dataset.points = String(points);
      element.dataset.values = JSON.stringify(drawn.data.slice(1).map((values) => values.slice(0, points)));
    };
    const made = new uPlot(plotOptions(latest, Math.max(120, element.clientWidth), onDraw), plotData(latest.current), element);
    plot.current = made;
    element.dataset.plots = String(++plots);
    const resized = new ResizeObserver(() => made.setSize({ width: Math.max(120, element.clientWidth), height: latest.current.height }));
    resized.observe(element);
    return () => {
      resized.disconnect();
      made.destroy();
      plot.current = null;
    };
    // Rebuilt only when the kind of chart changes; new figures go through setData below.
  }, [shape]);

  const data = plotData(props);
  const dataKey = JSON.stringify(data);
  useEffect(() => {
    plot.current?.setData(JSON.parse(dataKey) as uPlot.AlignedData);
  }, [dataKey]);

  return <div ref={container} className="forecast__chart" data-testid={props.testId} role="img" aria-label={props.label} />;
}
