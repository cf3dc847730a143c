// A rotatable (3-D) / pannable (2-D), zoomable SVG scatter of words; clicking a point calls onSelect(word).
const SVG_NS = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const HEIGHT = 480;
const MAX_LABELS = 200;

export class WordMap {
  constructor(svg, onSelect) {
    this.svg = svg;
    this.onSelect = onSelect;
    this.points = [];
    this.dims = 2;
    this.focus = null;
    this.yaw = 0.6;
    this.pitch = 0.35;
    this.zoom = 1;
    this.panX = 0;
    this.panY = 0;
    this.attachGestures();
  }

  /** points: [{word, x, y, z?}]; focus: the word to emphasise. */
  show(points, dims, focus) {
    this.points = points;
    this.dims = dims;
    this.svg.dataset.dims = String(dims);
    this.focus = focus ?? null;
    this.zoom = 1;
    this.panX = 0;
    this.panY = 0;
    // Centre and scale the data once so that rotation happens about the cloud's middle.
    const keys = dims === 3 ? ['x', 'y', 'z'] : ['x', 'y'];
    const centre = {};
    let radius = 0;
    for (const key of keys) centre[key] = points.reduce((s, p) => s + p[key], 0) / Math.max(1, points.length);
    for (const p of points) {
      let r = 0;
      for (const key of keys) r += (p[key] - centre[key]) ** 2;
      radius = Math.max(radius, Math.sqrt(r));
    }
    this.normalised = points.map((p) => ({
      word: p.word,
      x: (p.x - centre.x) / (radius || 1),
      y: (p.y - centre.y) / (radius || 1),
      z: dims === 3 ? (p.z - centre.z) / (radius || 1) : 0,
    }));
    this.draw();
  }

  screenPositions() {
    const scale = (Math.min(WIDTH, HEIGHT) / 2 - 40) * this.zoom;
    const cy = Math.cos(this.yaw), sy = Math.sin(this.yaw), cp = Math.cos(this.pitch), sp = Math.sin(this.pitch);
    return this.normalised.map((p) => {
      let x = p.x, y = p.y, z = p.z;
      if (this.dims === 3) {
        const x1 = cy * x + sy * z;
        const z1 = -sy * x + cy * z;
        const y1 = cp * y - sp * z1;
        const z2 = sp * y + cp * z1;
        x = x1; y = y1; z = z2;
      }
      return { word: p.word, sx: WIDTH / 2 + this.panX + x * scale, sy: HEIGHT / 2 + this.panY - y * scale, depth: z };
    });
  }

  draw() {
    const svg = this.svg;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    const placed = this.screenPositions();
    // Far points first, so near ones are drawn on top.
    const order = placed.map((_, i) => i).sort((a, b) => placed[a].depth - placed[b].depth);
    const pointsGroup = document.createElementNS(SVG_NS, 'g');
    const labelsGroup = document.createElementNS(SVG_NS, 'g');
    for (const i of order) {
      const p = placed[i];
      const circle = document.createElementNS(SVG_NS, 'circle');
      const near = this.dims === 3 ? 0.5 + 0.5 * (p.depth + 1) / 2 : 1;
      circle.setAttribute('cx', p.sx.toFixed(1));
      circle.setAttribute('cy', p.sy.toFixed(1));
      circle.setAttribute('r', (this.dims === 3 ? 3 + 2 * near : 4).toFixed(1));
      circle.setAttribute('fill', '#4e79a7');
      circle.setAttribute('fill-opacity', near.toFixed(2));
      circle.setAttribute('class', p.word === this.focus ? 'point focus' : 'point');
      circle.dataset.word = p.word;
      const title = document.createElementNS(SVG_NS, 'title');
      title.textContent = p.word;
      circle.appendChild(title);
      pointsGroup.appendChild(circle);
    }
    // Greedy labels: the focus word first, then the others in frequency order; a label that would overlap is dropped.
    // Points are obstacles too, so a label never hides another point.
    const boxes = placed.map((p) => ({ left: p.sx - 4, top: p.sy - 4, right: p.sx + 4, bottom: p.sy + 4 }));
    const labelOrder = placed.map((_, i) => i).sort((a, b) => (placed[b].word === this.focus) - (placed[a].word === this.focus) || a - b);
    for (const i of labelOrder.slice(0, MAX_LABELS)) {
      const p = placed[i];
      const width = textWidth(p.word);
      for (const [dx, dy] of [[6, 4], [-6 - width, 4], [-width / 2, -8], [-width / 2, 16]]) {
        const box = { left: p.sx + dx, top: p.sy + dy - 11, right: p.sx + dx + width, bottom: p.sy + dy + 2 };
        if (box.left < 0 || box.right > WIDTH || box.top < 0 || box.bottom > HEIGHT) continue;
        if (boxes.some((b) => b.left < box.right && box.left < b.right && b.top < box.bottom && box.top < b.bottom)) continue;
        boxes.push(box);
        const text = document.createElementNS(SVG_NS, 'text');
        text.setAttribute('x', box.left.toFixed(1));
        text.setAttribute('y', (p.sy + dy).toFixed(1));
        if (p.word === this.focus) text.setAttribute('class', 'focus');
        text.textContent = p.word;
        labelsGroup.appendChild(text);
        break;
      }
    }
    svg.appendChild(pointsGroup);
    svg.appendChild(labelsGroup);
  }

  attachGestures() {
    let drag = null;
    this.svg.addEventListener('pointerdown', (event) => {
      if (event.target.classList && event.target.classList.contains('point')) return;
      drag = { x: event.clientX, y: event.clientY };
      this.svg.setPointerCapture(event.pointerId);
    });
    this.svg.addEventListener('pointermove', (event) => {
      if (!drag) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      drag = { x: event.clientX, y: event.clientY };
      if (this.dims === 3) {
        this.yaw += dx * 0.01;
        this.pitch = Math.max(-1.5, Math.min(1.5, this.pitch + dy * 0.01));
      } else {
        const k = WIDTH / this.svg.getBoundingClientRect().width;
        this.panX += dx * k;
        this.panY += dy * k;
      }
      this.draw();
    });
    this.svg.addEventListener('pointerup', () => { drag = null; });
    this.svg.addEventListener('wheel', (event) => {
      event.preventDefault();
      this.zoom = Math.max(0.2, Math.min(20, this.zoom * Math.exp(-event.deltaY * 0.001)));
      this.draw();
    }, { passive: false });
    this.svg.addEventListener('click', (event) => {
      const word = event.target.dataset && event.target.dataset.word;
      if (word) this.onSelect(word);
    });
  }
}

/** Pixel width estimate at 12px: CJK and other wide characters take a full em. */
function textWidth(text) {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/u.test(char) || char.codePointAt(0) > 0xffff ? 12 : 7.2;
  return width;
}
