// The settings page's feature flags (GET /api/v1/features; admins: PUT /api/v1/features/{FLAG}, POST …/{FLAG}/reset):
// each flag, whether it is on, where that comes from, and for an admin a switch that asks why.
(function () {
  var page = document.getElementById('settings-page');
  var table = document.getElementById('feature-table');
  var isAdmin = page.dataset.admin === 'true';

  function headers() {
    var h = { 'Accept': 'application/json', 'Content-Type': 'application/json' };
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) h[header.content] = token.content;
    return h;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function notice(kind, text) {
    var box = document.getElementById('feature-notices');
    box.innerHTML = '';
    var div = el('div', 'notice ' + kind, text);
    div.id = 'feature-notice';
    box.appendChild(div);
  }

  function when(iso) {
    return iso ? String(iso).replace('T', ' ').substring(0, 16) + ' UTC' : '';
  }

  function send(method, url, body) {
    return fetch(url, { method: method, headers: headers(), body: JSON.stringify(body) }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (json) { return { ok: r.ok, status: r.status, json: json }; });
    });
  }

  function changed(f, r) {
    if (r.ok) {
      notice('success', r.json.label + ' is ' + (r.json.enabled ? 'on' : 'off') + ' (' + r.json.sourceText + ').');
      load();
    } else {
      var params = (r.json.invalidParams || []).map(function (p) { return p.field + ': ' + p.message; });
      notice('error', (r.json.detail || ('Not changed (HTTP ' + r.status + ')')) + (params.length ? ' — ' + params.join('; ') : ''));
    }
  }

  function row(f) {
    var tr = el('tr');
    tr.id = 'feature-' + f.flag;
    var name = el('td');
    name.appendChild(el('strong', null, f.label));
    name.appendChild(el('br'));
    name.appendChild(el('code', 'small', f.flag));
    tr.appendChild(name);
    var state = el('td');
    var badge = el('span', 'badge state ' + (f.enabled ? 'on' : 'off'), f.enabled ? 'on' : 'off');
    state.appendChild(badge);
    tr.appendChild(state);
    var what = el('td', 'small');
    what.appendChild(document.createTextNode(f.description));
    what.appendChild(el('br'));
    what.appendChild(el('span', 'muted', 'Off: ' + f.whenOff));
    tr.appendChild(what);
    var source = el('td', 'small source');
    if (f.override) {
      source.appendChild(document.createTextNode('admin override by ' + f.override.by + ', ' + when(f.override.at)));
      source.appendChild(el('br'));
      source.appendChild(el('span', 'muted', '“' + f.override.reason + '” — default: ' + (f.defaultEnabled ? 'on' : 'off')));
    } else {
      source.appendChild(document.createTextNode('environment default'));
      source.appendChild(el('br'));
      source.appendChild(el('span', 'muted', f.defaultFrom));
    }
    tr.appendChild(source);
    if (isAdmin) {
      var change = el('td');
      var reason = el('input');
      reason.type = 'text';
      reason.maxLength = 500;
      reason.placeholder = 'why';
      reason.name = 'reason';
      var toggle = el('button', f.enabled ? '' : 'primary', f.enabled ? 'Switch off' : 'Switch on');
      toggle.type = 'button';
      toggle.className += ' toggle';
      toggle.addEventListener('click', function () {
        if (!reason.value.trim()) { reason.classList.add('invalid'); notice('error', 'Say why you change ' + f.label + ': it is kept with the change.'); return; }
        send('PUT', '/api/v1/features/' + f.flag, { enabled: !f.enabled, reason: reason.value }).then(function (r) { changed(f, r); });
      });
      change.appendChild(reason);
      change.appendChild(toggle);
      if (f.override) {
        var reset = el('button', 'reset', 'Back to default');
        reset.type = 'button';
        reset.addEventListener('click', function () {
          if (!reason.value.trim()) { reason.classList.add('invalid'); notice('error', 'Say why ' + f.label + ' goes back to its default.'); return; }
          send('POST', '/api/v1/features/' + f.flag + '/reset', { reason: reason.value }).then(function (r) { changed(f, r); });
        });
        change.appendChild(reset);
      }
      tr.appendChild(change);
    }
    return tr;
  }

  function load() {
    fetch('/api/v1/features', { headers: { 'Accept': 'application/json' } })
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then(function (flags) {
        var body = table.tBodies[0];
        body.innerHTML = '';
        flags.forEach(function (f) { body.appendChild(row(f)); });
      })
      .catch(function () { notice('error', 'Could not load the feature flags.'); });
  }

  load();
})();
