// Progressive enhancement only: every page works without this file.
import { initAll } from '/javascripts/govuk-frontend.min.js';

initAll();

// GOV.UK Frontend marks a radio that reveals a follow-up question with aria-expanded, which ARIA does not
// allow on a radio (a known issue: alphagov/govuk-frontend#979), so accessibility checkers and audits report
// it as an error. The revealed question comes straight after its radio, so take the attribute off whenever
// it is set; the reveal itself is unchanged.
const radiosExpanded = new MutationObserver((changes) => {
  for (const change of changes) {
    const input = change.target;
    if (input instanceof HTMLInputElement && input.type === 'radio' && input.hasAttribute('aria-expanded')) input.removeAttribute('aria-expanded');
  }
});
radiosExpanded.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['aria-expanded'] });
for (const input of document.querySelectorAll('input[type="radio"][aria-expanded]')) input.removeAttribute('aria-expanded');

// Autosave: a form with data-autosave keeps a draft on the server while someone types.
for (const form of document.querySelectorAll('form[data-autosave]')) {
  const action = new URL(form.action, window.location.href).pathname;
  const status = document.createElement('p');
  status.className = 'govuk-body-s hearth-autosave-status';
  status.setAttribute('role', 'status');
  form.prepend(status);
  let dirty = false;
  let sent = false;
  /** The autosave on its way, if one is. */
  let sending = null;
  form.addEventListener('input', () => {
    dirty = true;
  });
  // Once the form is sent, the server has what was typed: no draft on the way out, and a draft still on
  // its way is called back, so it cannot arrive after the save has removed the draft.
  form.addEventListener('submit', () => {
    dirty = false;
    sent = true;
    sending?.abort();
  });
  const save = async () => {
    if (!dirty || sending || sent) return;
    dirty = false;
    sending = new AbortController();
    try {
      const body = new URLSearchParams(new FormData(form));
      const res = await fetch(`/drafts?form=${encodeURIComponent(action)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        credentials: 'same-origin',
        signal: sending.signal,
      });
      if (res.status === 401) {
        // Signed out after a timeout: the server kept what was typed, and the form's page shows it again after signing in.
        const kept = (await res.json().catch(() => ({}))).saved === true;
        status.textContent = kept
          ? 'You have been signed out because Hearth was not used for a while. What you typed is kept: sign in again to carry on.'
          : 'You have been signed out. Copy what you typed somewhere safe, then sign in again.';
        return;
      }
      const saved = res.ok && !res.redirected;
      status.textContent = saved
        ? `Draft saved at ${new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`
        : 'Your draft could not be saved just now. Keep this page open.';
      if (!saved) dirty = true;
    } catch {
      if (sent) return; // called back because the form was sent
      dirty = true;
      status.textContent = 'You seem to be offline. Keep this page open: we will save your draft when you are back.';
    } finally {
      sending = null;
    }
  };
  setInterval(save, 5000);
  window.addEventListener('pagehide', save);
}

// The live plain-language check (A12), only on pages with a family-facing field.
if (document.querySelector('[data-plain-language]')) import('/public/plain-language.js');
