// Interview checklist: saves a tick without reloading the page. Progressive enhancement only — without this file
// every tick is an ordinary form post (with its antiforgery token), and the page comes back at the same item.
(function () {
  'use strict';

  var status = document.getElementById('checklist-status');

  function announce(text) {
    if (status) status.textContent = text;
  }

  function update(form, data) {
    var item = document.getElementById('item-' + data.itemId);
    if (!item) return;
    item.classList.toggle('done', data.done);
    var mark = item.querySelector('.item-mark');
    if (mark) mark.textContent = data.done ? '\u2713' : '\u25CB';
    var state = item.querySelector('.item-state');
    if (state) state.textContent = data.state;
    var next = form.querySelector('input[name="done"]');
    if (next) next.value = data.done ? 'false' : 'true';
    var button = form.querySelector('button');
    if (button && button.firstChild) button.firstChild.nodeValue = data.button;
    var phase = item.closest('.phase');
    if (phase) {
      var progress = phase.querySelector('progress');
      if (progress) { progress.max = data.total; progress.value = data.checked; progress.textContent = data.checked + ' / ' + data.total; }
      var label = phase.querySelector('.progress-label');
      if (label) label.textContent = data.label;
    }
    announce(data.label);
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('tick-form') || !window.fetch) return;
    event.preventDefault();
    var button = form.querySelector('button');
    if (button) button.disabled = true;
    fetch(form.action, { method: 'POST', body: new FormData(form), headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      })
      .then(function (result) {
        if (result.ok) update(form, result.data);
        else announce(result.data.message || '');
        if (button) button.disabled = false;
      })
      .catch(function () {
        // Anything unexpected (session expired, error page): let the browser post the form the ordinary way.
        form.submit();
      });
  });
})();
