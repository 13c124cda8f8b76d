// The hardware page: confirm a switch in a dialog, post it with htmx (card shows loading, then the outcome),
// and show the action history as a timeline from /api/v1/shelly/actions/history.
(function () {
  var dialog = document.getElementById('confirm-switch');
  var pending = null;

  function ask(device, on) {
    pending = { device: device, on: on };
    document.getElementById('confirm-text').textContent = 'Turn ' + (on ? 'on' : 'off') + ' ' + device + '?';
    dialog.showModal();
  }

  function send(device, on) {
    var card = document.getElementById('hw-' + device);
    card.classList.add('busy');
    card.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
    htmx.ajax('POST', '/hardware/devices/' + encodeURIComponent(device) + '/' + (on ? 'on' : 'off'),
      { target: '#hw-' + device, swap: 'outerHTML' }).then(function () { loadHistory(); }, function () {
        card.classList.remove('busy');
        card.querySelectorAll('button').forEach(function (b) { b.disabled = false; });
      });
  }

  dialog.addEventListener('close', function () {
    if (dialog.returnValue === 'ok' && pending) send(pending.device, pending.on);
    pending = null;
  });

  document.getElementById('devices').addEventListener('click', function (e) {
    var button = e.target.closest('button');
    if (!button) return;
    var on = button.dataset.on === 'true';
    if (button.classList.contains('switch')) ask(button.dataset.device, on);
    if (button.classList.contains('retry')) send(button.dataset.device, on);
  });

  // A failed switch answers with a problem, not a card: show it on the card with a retry button.
  document.body.addEventListener('htmx:responseError', function (e) {
    var path = e.detail.pathInfo && e.detail.pathInfo.requestPath || '';
    var m = path.match(/\/hardware\/devices\/([^/]+)\/(on|off)$/);
    if (!m) return;
    var device = decodeURIComponent(m[1]);
    var card = document.getElementById('hw-' + device);
    card.classList.remove('busy');
    card.querySelectorAll('button').forEach(function (b) { b.disabled = false; });
    var detail = 'HTTP ' + e.detail.xhr.status;
    try { detail = JSON.parse(e.detail.xhr.responseText).detail || detail; } catch (ignored) { }
    var box = card.querySelector('.outcome') || card.appendChild(document.createElement('div'));
    box.className = 'outcome';
    box.innerHTML = '';
    var n = document.createElement('div');
    n.className = 'notice error';
    n.textContent = 'Not switched: ' + detail + ' ';
    var retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'retry';
    retry.dataset.device = device;
    retry.dataset.on = String(m[2] === 'on');
    retry.textContent = 'Retry';
    n.appendChild(retry);
    box.appendChild(n);
    loadHistory();
  });

  function loadHistory() {
    var device = document.getElementById('history-device').value;
    fetch('/api/v1/shelly/actions/history?limit=50' + (device ? '&device=' + encodeURIComponent(device) : ''),
      { headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (actions) {
        var list = document.getElementById('timeline');
        list.innerHTML = '';
        if (!actions.length) {
          var li = document.createElement('li');
          li.textContent = 'No actions yet.';
          list.appendChild(li);
        }
        actions.sort(function (a, b) { return new Date(b.requestedAt) - new Date(a.requestedAt); }).forEach(function (a) {
          var li = document.createElement('li');
          li.className = a.result === 'SUCCEEDED' ? 'ok' : (a.result ? 'bad' : '');
          li.dataset.device = a.device;
          var when = document.createElement('div');
          when.className = 'when';
          when.textContent = new Date(a.requestedAt).toLocaleString() + ' · ' + a.source.toLowerCase() + ' · by ' + a.requestedBy;
          var what = document.createElement('div');
          what.className = 'what';
          what.textContent = 'Turn ' + (a.requestedOn ? 'on' : 'off') + ' ' + a.device + ' — ' + (a.result || 'in progress')
            + (a.attempts ? ' after ' + a.attempts + ' attempt(s)' : '') + (a.latencyMs != null ? ' in ' + a.latencyMs + ' ms' : '');
          li.appendChild(when);
          li.appendChild(what);
          if (a.reasons && a.reasons.length) {
            var why = document.createElement('div');
            why.className = 'why';
            why.textContent = a.reasons.join('; ');
            li.appendChild(why);
          }
          list.appendChild(li);
        });
      });
  }

  document.getElementById('history-device').addEventListener('change', loadHistory);
  loadHistory();
  setInterval(loadHistory, 15000);
})();
