/**
 * "Save chart" for slides and reports: the learning-curve chart as a standalone SVG file (the styles recharts takes
 * from the page's CSS inlined, a white background, the legend drawn under the plot) or as a PNG drawn from that SVG
 * at twice its size. Nothing leaves the device: the file is offered as a download.
 */
import { offerDownload } from './exportResults';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** SVG presentation properties the page's CSS may set on chart elements; copied so the file looks as on screen. */
const STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
];
const LEGEND_ROW = 22;

export interface LegendEntry {
  label: string;
  color: string;
}

/** A standalone SVG document of `svg` as shown, with `legend` in rows under it; returns its text and size in px. */
export function standaloneSvg(
  svg: SVGSVGElement,
  legend: readonly LegendEntry[],
): { text: string; width: number; height: number } {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const sources = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const targets = [copy, ...Array.from(copy.querySelectorAll('*'))];
  // As presentation attributes, not a style attribute: the studio's Content-Security-Policy (style-src 'self')
  // blocks inline styles, and in a file without CSS the attributes are what applies.
  sources.forEach((source, i) => {
    const style = getComputedStyle(source);
    for (const property of STYLE_PROPERTIES) {
      const value = style.getPropertyValue(property);
      if (value !== '') targets[i].setAttribute(property, value);
    }
  });
  const box = svg.getBoundingClientRect();
  const width = Math.max(1, Math.round(box.width));
  const plotHeight = Math.max(1, Math.round(box.height));
  const height = plotHeight + (legend.length > 0 ? LEGEND_ROW * legend.length + 8 : 0);
  const font = getComputedStyle(svg).getPropertyValue('font-family') || 'sans-serif';

  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  copy.insertBefore(background, copy.firstChild);
  legend.forEach((entry, i) => {
    const y = plotHeight + 4 + LEGEND_ROW * i;
    const swatch = document.createElementNS(SVG_NS, 'rect');
    Object.entries({ x: '16', y: String(y + 5), width: '18', height: '4', fill: entry.color }).forEach(([k, v]) =>
      swatch.setAttribute(k, v),
    );
    const text = document.createElementNS(SVG_NS, 'text');
    Object.entries({ x: '42', y: String(y + 12), 'font-size': '13', 'font-family': font, fill: '#111827' }).forEach(
      ([k, v]) => text.setAttribute(k, v),
    );
    text.textContent = entry.label;
    copy.append(swatch, text);
  });
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return { text: new XMLSerializer().serializeToString(copy), width, height };
}

/** The SVG drawn on a canvas `scale` times its size, as a PNG. */
async function pngOf(svg: { text: string; width: number; height: number }, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = svg.width * scale;
    canvas.height = svg.height * scale;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2-D canvas');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Offers the chart in `svg` as `<name>.svg` or `<name>.png`. */
export async function saveChart(
  svg: SVGSVGElement,
  legend: readonly LegendEntry[],
  format: 'png' | 'svg',
  name: string,
): Promise<void> {
  const drawn = standaloneSvg(svg, legend);
  const blob = format === 'svg' ? new Blob([drawn.text], { type: 'image/svg+xml' }) : await pngOf(drawn);
  offerDownload(blob, `${name}.${format}`);
}
