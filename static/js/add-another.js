// "Add another link" on the assessment form, in the browser: a new empty row is added in place
// (without a round trip), numbered after the others, and takes focus. Without JavaScript the same
// button submits the form with action=add-link and the server shows it again with one more row.
// Delegated from the document, so that forms htmx swaps in work too.

function renumber(row, n) {
  for (const el of row.querySelectorAll('[id], [for], [name], [aria-describedby]')) {
    for (const attr of ['id', 'for', 'name']) {
      const value = el.getAttribute(attr);
      if (value) el.setAttribute(attr, value.replace(/_\d+$/, `_${n}`));
    }
    el.removeAttribute('aria-describedby');
  }
  for (const label of row.querySelectorAll('label')) {
    label.textContent = label.textContent.replace(/\d+\s*$/, String(n));
  }
}

function clear(row) {
  for (const error of row.querySelectorAll('.govuk-error-message')) error.remove();
  for (const group of row.querySelectorAll('.govuk-form-group--error')) {
    group.classList.remove('govuk-form-group--error');
  }
  for (const input of row.querySelectorAll('input')) {
    input.classList.remove('govuk-input--error');
    input.value = '';
  }
}

document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-add-another]');
  if (!button) return;
  const fieldset = button.closest('fieldset');
  const rows = fieldset.querySelectorAll('[data-evidence-row]');
  const max = Number(button.dataset.max);
  if (rows.length === 0 || rows.length >= max) return;
  event.preventDefault();
  const last = rows[rows.length - 1];
  const row = last.cloneNode(true);
  clear(row);
  renumber(row, rows.length + 1);
  last.after(row);
  row.querySelector('input').focus();
  if (rows.length + 1 >= max) {
    // At the limit the button gives way to the hint that says so, as the server would render it.
    const note = document.createElement('p');
    note.className = 'govuk-hint';
    note.id = 'evidence-max';
    note.textContent = button.dataset.maxMessage;
    button.replaceWith(note);
  }
});
