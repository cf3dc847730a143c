/** Fonts for every chart: Latin first, then the CJK families of Linux, macOS and Windows, so Chinese labels render. */
export const FONT_FAMILY =
  "'DejaVu Sans', 'Helvetica Neue', Arial, 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', sans-serif";

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Approximate rendered width of `text` in pixels: wide (CJK, full-width) characters take one em, others
 * about 0.66 em. Label placement needs boxes before any font is at hand (no browser, no font metrics),
 * so this errs on the wide side.
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const char of text) ems += isWide(char.codePointAt(0)!) ? 1 : 0.66;
  return ems * fontSize;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000
  );
}

/** Ten distinguishable colours (Tableau 10) for groups; cycled beyond ten. */
export const GROUP_COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** Numbers in SVG attributes: two decimals are below a pixel's worth and keep files small. */
export function px(value: number): string {
  return String(Math.round(value * 100) / 100);
}
