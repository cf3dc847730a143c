import { WordMap } from './word-map.js';

const $ = (id) => document.getElementById(id);

async function api(path, body) {
  const response = await fetch(path, body === undefined ? {} : {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(data.error ? data.error.message : `HTTP ${response.status}`);
  return data;
}

function showError(id, error) {
  const element = $(id);
  element.hidden = !error;
  element.textContent = error ? error.message : '';
}

function neighbourList(list, neighbours) {
  list.replaceChildren(...neighbours.map((n) => {
    const item = document.createElement('li');
    const word = document.createElement('span');
    word.className = 'word';
    word.textContent = n.word;
    word.dataset.word = n.word;
    const similarity = document.createElement('span');
    similarity.className = 'similarity';
    similarity.textContent = n.similarity.toFixed(3);
    item.append(word, similarity);
    return item;
  }));
}

const map = new WordMap($('plot'), (word) => selectWord(word));

async function selectWord(word) {
  $('search').value = word;
  hideSuggestions();
  const k = Number($('k').value) || 10;
  try {
    const result = await api(`/api/neighbours?word=${encodeURIComponent(word)}&k=${k}`);
    showError('search-error', null);
    $('neighbours-title').hidden = false;
    $('neighbours-title').textContent = `Nearest to “${result.word}” (cosine)`;
    neighbourList($('neighbours'), result.neighbours);
    await plot({ word, k: Math.max(k, 20) }, word);
  } catch (error) {
    showError('search-error', error);
  }
}

async function plot(selection, focus) {
  const method = $('method').value;
  const dims = Number($('dims').value);
  try {
    $('plot-caption').textContent = 'projecting…';
    const result = await api('/api/project', { ...selection, method, dims });
    const variance = result.explainedVarianceRatio
      ? ` · axes keep ${result.explainedVarianceRatio.map((r) => (r * 100).toFixed(1) + '%').join(' + ')} of the variance`
      : '';
    const what = focus ? `“${focus}” and its neighbours` : `the ${result.points.length} most frequent words`;
    $('plot-caption').textContent = `${what} · ${method.toUpperCase()}${variance}`;
    map.show(result.points, result.dims, focus);
    plot.last = { selection, focus };
  } catch (error) {
    $('plot-caption').textContent = error.message;
  }
}

// Autocomplete: debounced prefix queries; arrows move, Enter picks, Escape closes.
let active = -1;
let pending = 0;
function hideSuggestions() {
  $('suggestions').hidden = true;
  active = -1;
}
$('search').addEventListener('input', () => {
  clearTimeout(pending);
  const prefix = $('search').value.trim();
  if (!prefix) return hideSuggestions();
  pending = setTimeout(async () => {
    try {
      const { words } = await api(`/api/complete?prefix=${encodeURIComponent(prefix)}&limit=10`);
      if ($('search').value.trim() !== prefix) return;
      const list = $('suggestions');
      list.replaceChildren(...words.map((word) => {
        const item = document.createElement('li');
        item.textContent = word;
        item.dataset.word = word;
        item.setAttribute('role', 'option');
        return item;
      }));
      list.hidden = words.length === 0;
      active = -1;
    } catch {
      hideSuggestions();
    }
  }, 120);
});
$('search').addEventListener('keydown', (event) => {
  const items = [...$('suggestions').children];
  if ($('suggestions').hidden || items.length === 0) return;
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    active = (active + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
    items.forEach((item, i) => item.classList.toggle('active', i === active));
  } else if (event.key === 'Enter' && active >= 0) {
    event.preventDefault();
    selectWord(items[active].dataset.word);
  } else if (event.key === 'Escape') {
    hideSuggestions();
  }
});
$('suggestions').addEventListener('mousedown', (event) => {
  const word = event.target.dataset.word;
  if (word) {
    event.preventDefault();
    selectWord(word);
  }
});
$('search').addEventListener('blur', () => setTimeout(hideSuggestions, 150));
$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const word = $('search').value.trim();
  if (word) selectWord(word);
});
for (const list of [$('neighbours'), $('analogy-results')]) {
  list.addEventListener('click', (event) => {
    const word = event.target.dataset.word;
    if (word) selectWord(word);
  });
}

$('plot-form').addEventListener('submit', (event) => {
  event.preventDefault();
  plot({ top: Number($('top').value) || 100 }, null);
});
for (const id of ['method', 'dims']) {
  $(id).addEventListener('change', () => {
    const last = plot.last || { selection: { top: 100 }, focus: null };
    plot(last.selection, last.focus);
  });
}

$('analogy-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const [a, b, c] = ['a', 'b', 'c'].map((k) => $(`analogy-${k}`).value.trim());
  try {
    const result = await api(`/api/analogy?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}&c=${encodeURIComponent(c)}&k=10`);
    showError('analogy-error', null);
    neighbourList($('analogy-results'), result.neighbours);
  } catch (error) {
    showError('analogy-error', error);
    $('analogy-results').replaceChildren();
  }
});

$('predict-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const result = await api('/api/predict', { text: $('predict-text').value });
    showError('predict-error', null);
    const box = $('prediction');
    box.hidden = false;
    box.querySelector('.label').textContent = result.label;
    box.querySelector('.probability').textContent = `(p = ${result.probability.toFixed(3)})`;
    const strongest = Math.max(1e-9, ...result.tokens.map((t) => Math.abs(t.contribution)));
    box.querySelector('.tokens').replaceChildren(...result.tokens.map((t) => {
      const span = document.createElement('span');
      const direction = t.contribution > 0 ? 'pos' : t.contribution < 0 ? 'neg' : 'zero';
      span.className = `token ${direction}${t.used ? '' : ' unused'}`;
      span.textContent = t.token;
      span.title = result.method ? `contribution ${t.contribution.toFixed(4)}` : 'not explainable for this model';
      const strength = Math.abs(t.contribution) / strongest;
      if (direction !== 'zero') span.style.backgroundColor = direction === 'pos' ? `rgba(46, 160, 67, ${0.15 + 0.6 * strength})` : `rgba(215, 58, 73, ${0.15 + 0.6 * strength})`;
      return span;
    }));
  } catch (error) {
    showError('predict-error', error);
  }
});

const info = await api('/api/info');
$('info').textContent = `${info.name ? info.name + ' · ' : ''}${info.words.toLocaleString()} words × ${info.dim} dimensions${info.classifier ? ` · classifier: ${info.classifier.labels.join(', ')}` : ''}`;
$('predict-panel').hidden = !info.classifier;
await plot({ top: Math.min(100, info.words) }, null);
document.body.dataset.ready = 'true';
