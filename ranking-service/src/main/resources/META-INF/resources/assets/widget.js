// Keeps an embedded widget current: when the standings it shows change, it fetches itself again (at most every
// 5 s) and swaps its table in place. Without script, a meta refresh in <noscript> reloads it instead.
(function () {
  var body = document.body;
  if (!window.EventSource || !window.fetch || !body.dataset.stream) {
    return;
  }
  var shown = body.dataset.etag;
  var last = 0;
  var timer = null;
  function reload() {
    timer = null;
    last = Date.now();
    fetch(location.href, { cache: 'no-cache' }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        document.querySelector('main').replaceWith(fresh.querySelector('main'));
      }
    }).catch(function () { /* the next change tries again */ });
  }
  new EventSource(body.dataset.stream).addEventListener('standings', function (event) {
    if (event.lastEventId === shown) {
      return;
    }
    shown = event.lastEventId;
    if (!timer) {
      timer = setTimeout(reload, Math.max(0, 5000 - (Date.now() - last)));
    }
  });
})();
