import { extname } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { EmbedkitError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { escapeXml } from './svg-text.js';

export const PLOT_EXTENSIONS = ['.svg', '.png', '.html'] as const;
export type PlotFormat = 'svg' | 'png' | 'html';

/** The output format named by a file's extension; anything else throws with the accepted ones. */
export function plotFormatOf(path: string): PlotFormat {
  const extension = extname(path).toLowerCase();
  if (extension === '.svg' || extension === '.png' || extension === '.html') return extension.slice(1) as PlotFormat;
  throw new EmbedkitError('BAD_OPTION', `cannot tell the plot format from "${extension || '(no extension)'}": use .svg, .png or .html`, {
    file: path,
  });
}

/**
 * SVG → PNG with resvg, using the fonts installed on the system (so CJK labels render when a CJK font
 * such as Noto Sans CJK is installed; without one they come out as boxes).
 */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}

/** A self-contained HTML page showing the SVG inline: no scripts, no external files. */
export function svgToHtml(svg: string, title: string): string {
  return (
    `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escapeXml(title)}</title>\n` +
    `<style>body{margin:0;padding:16px;background:#f7f7f7;font-family:sans-serif}svg{max-width:100%;height:auto;background:#fff;box-shadow:0 1px 4px #0002}</style>\n` +
    `</head>\n<body>\n${svg}</body>\n</html>\n`
  );
}

/** Writes an SVG chart as .svg, .png or .html (chosen by the extension), atomically. */
export async function writePlot(svg: string, path: string, title = 'embedkit plot'): Promise<PlotFormat> {
  const format = plotFormatOf(path);
  const content = format === 'svg' ? svg : format === 'png' ? svgToPng(svg) : svgToHtml(svg, title);
  await writeFileAtomic(path, content);
  return format;
}
