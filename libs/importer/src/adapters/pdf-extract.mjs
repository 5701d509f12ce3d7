// Runs pdfjs-dist in a worker thread and posts back, per page, the text items with their positions and
// the straight lines drawn on it (table rulings). Plain ESM on purpose: pdfjs 5 ships only ES modules,
// and a separate thread lets the caller stop a runaway document instead of waiting for it.
// All layout reasoning lives in pdf-layout.ts; this file only extracts.
import { parentPort, workerData } from 'node:worker_threads';

const OPS_STROKE = new Set([20, 21, 24, 25, 26, 27]); // stroke, closeStroke, fillStroke, eoFillStroke, closeFillStroke, closeEOFillStroke
const OPS_FILL = new Set([22, 23, 24, 25, 26, 27]); // fill, eoFill and the fill-and-stroke variants
const OP = { save: 10, restore: 11, transform: 12, constructPath: 91 };
const PATH = { moveTo: 0, lineTo: 1, curveTo: 2, closePath: 3 };

const multiply = (m, n) => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m, x, y) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** Straight segments of stroked paths, and the box of thin filled rectangles (borders drawn as fills). */
function segmentsOf(ops) {
  const out = [];
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i];
    if (fn === OP.save) stack.push(ctm);
    else if (fn === OP.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === OP.transform) ctm = multiply(ctm, args);
    else if (fn === OP.constructPath) {
      const [paintOp, [path], minMax] = args;
      if (!path || typeof path.length !== 'number') continue;
      if (OPS_STROKE.has(paintOp)) {
        let cur = null;
        let start = null;
        for (let k = 0; k < path.length; ) {
          const code = path[k++];
          if (code === PATH.moveTo) {
            cur = apply(ctm, path[k++], path[k++]);
            start = cur;
          } else if (code === PATH.lineTo) {
            const next = apply(ctm, path[k++], path[k++]);
            if (cur) out.push([cur[0], cur[1], next[0], next[1]]);
            cur = next;
          } else if (code === PATH.curveTo) {
            cur = apply(ctm, path[k + 4], path[k + 5]);
            k += 6;
          } else if (code === PATH.closePath) {
            if (cur && start) out.push([cur[0], cur[1], start[0], start[1]]);
            cur = start;
          } else break;
        }
      } else if (OPS_FILL.has(paintOp) && minMax) {
        const [x1, y1] = apply(ctm, minMax[0], minMax[1]);
        const [x2, y2] = apply(ctm, minMax[2], minMax[3]);
        const w = Math.abs(x2 - x1);
        const h = Math.abs(y2 - y1);
        if (h < 2.5 && w > 3) out.push([Math.min(x1, x2), (y1 + y2) / 2, Math.max(x1, x2), (y1 + y2) / 2]);
        else if (w < 2.5 && h > 3) out.push([(x1 + x2) / 2, Math.min(y1, y2), (x1 + x2) / 2, Math.max(y1, y2)]);
      }
    }
  }
  return out;
}

async function run() {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // The worker code runs in this thread: no nested worker, no file URL to resolve.
  globalThis.pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  const task = pdfjs.getDocument({
    data: workerData.bytes,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  const doc = await task.promise;
  parentPort.postMessage({ type: 'start', pages: doc.numPages });
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const [x0, y0, x1, y1] = page.view;
    const content = await page.getTextContent();
    const ops = await page.getOperatorList();
    const fonts = new Map();
    const boldOf = (name) => {
      if (!fonts.has(name)) {
        let font = null;
        try {
          font = page.commonObjs.has(name) ? page.commonObjs.get(name) : null;
        } catch {
          font = null;
        }
        fonts.set(name, /bold|black|heavy|semibold|demi/i.test(font?.name ?? '') || font?.bold === true);
      }
      return fonts.get(name);
    };
    const items = [];
    for (const it of content.items) {
      if (typeof it.str !== 'string' || it.str.trim() === '') continue; // spacing is recomputed from positions
      const [a, b, , d, e, f] = it.transform;
      const size = Math.hypot(a, b) || Math.abs(d) || it.height || 10;
      items.push({ str: it.str, x: e - x0, y: f - y0, w: it.width, size, bold: boldOf(it.fontName) });
    }
    const lines = segmentsOf(ops).map(([ax, ay, bx, by]) => [ax - x0, ay - y0, bx - x0, by - y0]);
    parentPort.postMessage({ type: 'page', page: { number: p, width: x1 - x0, height: y1 - y0, items, lines } });
    page.cleanup();
  }
  await doc.destroy();
  parentPort.postMessage({ type: 'done' });
}

run().catch((e) => {
  parentPort.postMessage({ type: 'error', name: e?.name ?? 'Error', message: String(e?.message ?? e) });
});
