// Progressive enhancement: the live plain-language check (A12). Without JavaScript the server checks
// the text when it is saved and shows the same panel. A field opts in with
// data-plain-language="<id of its panel>" (and data-reading-age for a child's version); the panel is
// an aria-live="polite" region, so a screen reader hears the new findings when the worker pauses.

const labels = {
  'reading-level': 'Hard to read',
  'long-sentence': 'Long sentence',
  passive: 'Passive voice',
  jargon: 'Jargon',
  blaming: 'Blaming or labelling',
  'vague-severity': 'Does not say what happened',
};

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function render(panel, report) {
  const parts = [el('h3', 'govuk-heading-s', 'Check your wording')];
  if (report.stats && report.stats.readingAge) {
    parts.push(el('p', 'govuk-body-s', `Reading age about ${report.stats.readingAge}. Aim for ${report.readingAge} or under.`));
  }
  const findings = report.findings || [];
  if (findings.length === 0) {
    parts.push(el('p', 'govuk-body-s', 'No problems found in the wording.'));
  } else {
    parts.push(el('p', 'govuk-body-s', `${findings.length} thing${findings.length === 1 ? '' : 's'} to look at. You can still save: these are suggestions.`));
    const list = el('ul', 'govuk-list hearth-plain-language__list');
    for (const f of findings) {
      const item = el('li', `hearth-plain-language__finding hearth-plain-language__finding--${f.kind}`);
      item.append(el('strong', '', labels[f.kind] || f.label || f.kind));
      if (f.text !== 'The whole text') item.append(document.createTextNode(`: “${f.text.length > 160 ? `${f.text.slice(0, 157)}...` : f.text}”`));
      item.append(el('br'));
      item.append(el('span', 'govuk-body-s', f.suggestion));
      list.append(item);
    }
    parts.push(list);
  }
  panel.replaceChildren(...parts);
}

function csrfToken(field) {
  const form = field.form;
  const input = form ? form.querySelector('input[name="_csrf"]') : document.querySelector('input[name="_csrf"]');
  return input ? input.value : '';
}

for (const field of document.querySelectorAll('[data-plain-language]')) {
  const panelId = field.getAttribute('data-plain-language');
  let panel = panelId ? document.getElementById(panelId) : null;
  if (!panel) {
    panel = el('div', 'hearth-plain-language');
    panel.id = panelId || `${field.id}-plain-language`;
    panel.setAttribute('aria-live', 'polite');
    field.insertAdjacentElement('afterend', panel);
  }
  let timer = null;
  let last = field.value;
  let controller = null;
  const run = async () => {
    const text = field.value;
    if (text === last && panel.childElementCount > 0) return;
    last = text;
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const body = { text };
      const age = field.getAttribute('data-reading-age');
      if (age) body.readingAge = Number(age);
      const res = await fetch('/plain-language/check', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrfToken(field) },
        body: JSON.stringify(body),
        credentials: 'same-origin',
        signal: controller.signal,
      });
      if (res.ok) render(panel, await res.json());
    } catch {
      // Offline or a newer check started: the check on saving still runs.
    }
  };
  field.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 800);
  });
}
