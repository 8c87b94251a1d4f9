// Disposition pages (no inline script under the console's CSP): "select all" on the due list, and the
// execution page reloads itself every second until the run has finished.
(function () {
  'use strict';
  var all = document.getElementById('select-all');
  if (all) {
    all.addEventListener('change', function () {
      document.querySelectorAll('input.select-item').forEach(function (box) { box.checked = all.checked; });
    });
  }
  var run = document.getElementById('run');
  if (run && run.getAttribute('data-finished') === 'false') {
    window.setTimeout(function () { window.location.reload(); }, 1000);
  }
})();
