import PDFDocument from 'pdfkit';
import type { ReportDocument } from './document';
import { reportFont } from './font';

/**
 * The report document as a PDF (pdfkit), in Noto Sans SC (gateway/report/font.ts: the TrueType
 * unwrapped once per process, so a document takes milliseconds, not the ~10 s of embedding the
 * WOFF), one section per page; a long section flows onto further pages.
 */

const FONT = 'NotoSansSC';
const MARGIN = 50;

export function renderPdf(document: ReportDocument): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, lang: 'zh-CN', autoFirstPage: false, info: { Title: `${document.title} ${document.subtitle}` } });
  doc.registerFont(FONT, reportFont());
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  document.sections.forEach((section, i) => {
    doc.addPage();
    doc.font(FONT);
    if (i === 0) {
      doc.fontSize(20).text(document.title);
      doc.fontSize(10).text(document.subtitle).moveDown();
    }
    doc.fontSize(15).text(section.title).moveDown(0.5);
    for (const block of section.blocks) {
      if (block.kind === 'note') {
        doc.fontSize(10).text(block.text).moveDown(0.3);
        continue;
      }
      if (block.heading) doc.fontSize(11).text(block.heading).moveDown(0.2);
      doc.fontSize(9);
      for (const [label, value] of block.rows) doc.text(`${label}：${value}`, { indent: 10 });
      doc.moveDown(0.5);
    }
  });
  doc.end();
  return done;
}
