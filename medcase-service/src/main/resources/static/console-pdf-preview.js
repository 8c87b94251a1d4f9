// pdf.js draws the pages into canvases: nothing from the document runs (no eval, no XFA, no document scripts),
// and the bytes come from the audited, consent-decided content URL named by the preview element.
(function () {
  var box = document.getElementById('preview');
  if (!box || !box.dataset.url || typeof pdfjsLib === 'undefined') { return; }
  pdfjsLib.GlobalWorkerOptions.workerSrc = box.dataset.worker;
  pdfjsLib.getDocument({url: box.dataset.url, isEvalSupported: false, enableXfa: false}).promise.then(function (pdf) {
    var pages = Math.min(pdf.numPages, 5);
    var chain = Promise.resolve();
    for (var n = 1; n <= pages; n++) {
      (function (number) {
        chain = chain.then(function () { return pdf.getPage(number); }).then(function (page) {
          var viewport = page.getViewport({scale: Math.min(2, (box.clientWidth || 600) / page.getViewport({scale: 1}).width)});
          var canvas = document.createElement('canvas');
          canvas.width = viewport.width;
          canvas.height = viewport.height;
          canvas.className = 'd-block w-100';
          box.appendChild(canvas);
          return page.render({canvasContext: canvas.getContext('2d'), viewport: viewport}).promise
            .then(function () { canvas.setAttribute('data-rendered', 'true'); });
        });
      })(n);
    }
  }).catch(function () { box.textContent = box.dataset.failed; });
})();
