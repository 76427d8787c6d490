import type { Block, ReportDocument } from './document';

/**
 * The report document as one HTML page, rendered on the server: every value escaped (the
 * subject's statements and every record field are text from outside), `lang="zh-CN"`, one section
 * per printed page (CSS page breaks), no script and no external resource.
 */

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

const STYLE = `
body { font-family: "Noto Sans SC", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2em; color: #111; }
section { break-after: page; page-break-after: always; }
section:last-of-type { break-after: auto; page-break-after: auto; }
h1 { font-size: 1.6em; margin: 0; } h2 { font-size: 1.3em; border-bottom: 1px solid #999; } h3 { font-size: 1em; margin: 1em 0 0.3em; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
th { width: 30%; font-weight: normal; background: #f4f4f4; } td { white-space: pre-wrap; overflow-wrap: anywhere; }
`;

function block(b: Block): string {
  if (b.kind === 'note') return `<p>${escapeHtml(b.text)}</p>`;
  const heading = b.heading ? `<h3>${escapeHtml(b.heading)}</h3>` : '';
  const rows = b.rows.map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('');
  return `${heading}<table>${rows}</table>`;
}

export function renderHtml(document: ReportDocument): string {
  const sections = document.sections
    .map((s, i) => `<section>${i === 0 ? `<h1>${escapeHtml(document.title)}</h1><p>${escapeHtml(document.subtitle)}</p>` : ''}<h2>${escapeHtml(s.title)}</h2>${s.blocks.map(block).join('')}</section>`)
    .join('\n');
  return `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${escapeHtml(document.title)}</title><style>${STYLE}</style></head><body>\n${sections}\n</body></html>\n`;
}
