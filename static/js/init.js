// Initialises GOV.UK Frontend components (header menu, skip link, …).
// GOV.UK normally sets `govuk-frontend-supported` with an inline script; our CSP
// (default-src 'self') forbids inline scripts, so it is done here. Module scripts are
// deferred, so document.body exists. Keep the version in step with scripts/vendor-assets.
import { initAll } from '/static/vendor/govuk-frontend-5.14.0.min.js';
import '/static/js/add-another.js';

document.body.classList.add('govuk-frontend-supported');
initAll();

// Content that htmx swaps in (an assessment form shown again with its errors, a filtered board)
// gets its components too: the error summary then takes focus, as after a full page load.
document.addEventListener('htmx:load', (event) => {
  if (event.target !== document.body) initAll({ scope: event.target });
});
