// The settings page: the engine's preferences (GET/PUT /api/v1/preferences, POST /api/v1/preferences/reset).
(function () {
  var page = document.getElementById('settings-page');
  var form = document.getElementById('preferences');
  var user = page.dataset.user;
  var isAdmin = page.dataset.admin === 'true';
  var NUMBERS = ['criticalSoc', 'minSoc', 'targetSoc', 'pauseMinersBelow', 'resumeMinersAbove', 'maxGridDrawWatts',
    'minerCooldownMinutes', 'manualHoldMinutes', 'pauseConfirmMinutes', 'batteryCapacityKwh'];
  var TIMES = ['solarPriorityFrom', 'solarPriorityUntil', 'quietFrom', 'quietUntil'];
  var CHECKS = ['autoPauseMiners'];

  function headers() {
    var h = { 'Accept': 'application/json', 'Content-Type': 'application/json', 'X-Requested-By': user };
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) h[header.content] = token.content;
    return h;
  }

  function call(method, url, body) {
    document.getElementById('settings-busy').style.display = 'inline-block';
    return fetch(url, { method: method, headers: headers(), body: body ? JSON.stringify(body) : undefined })
      .then(function (r) {
        document.getElementById('settings-busy').style.display = 'none';
        return r.json().catch(function () { return {}; }).then(function (json) { return { ok: r.ok, status: r.status, json: json }; });
      });
  }

  function notice(kind, text, items) {
    var box = document.getElementById('notices');
    box.innerHTML = '';
    var div = document.createElement('div');
    div.className = 'notice ' + kind;
    div.id = 'settings-notice';
    div.textContent = text;
    if (items && items.length) {
      var ul = document.createElement('ul');
      items.forEach(function (t) { var li = document.createElement('li'); li.textContent = t; ul.appendChild(li); });
      div.appendChild(ul);
    }
    box.appendChild(div);
  }

  function clearErrors() {
    form.querySelectorAll('.invalid').forEach(function (i) { i.classList.remove('invalid'); });
    form.querySelectorAll('.field-error').forEach(function (e) { e.remove(); });
  }

  // Marks each field a server message names ("criticalSoc must be below minSoc" marks criticalSoc).
  function markFields(messages) {
    messages.forEach(function (m) {
      NUMBERS.concat(TIMES).forEach(function (name) {
        if (m.indexOf(name) === 0 || (name.indexOf('solarPriority') === 0 && m.indexOf('solar priority') === 0)
            || (name.indexOf('quiet') === 0 && m.indexOf('quiet') === 0)) {
          var input = form.elements[name];
          input.classList.add('invalid');
          if (m.indexOf(name) === 0 || name.endsWith('From')) {
            var err = document.createElement('div');
            err.className = 'field-error';
            err.textContent = m;
            input.closest('fieldset').appendChild(err);
          }
        }
      });
    });
  }

  function fill(p) {
    NUMBERS.forEach(function (n) { form.elements[n].value = p[n]; });
    TIMES.forEach(function (n) { form.elements[n].value = p[n] ? String(p[n]).substring(0, 5) : ''; });
    CHECKS.forEach(function (n) { form.elements[n].checked = p[n] === true; });
    Array.prototype.forEach.call(form.elements, function (e) { if (!isAdmin) e.disabled = true; });
  }

  function read() {
    var p = {};
    NUMBERS.forEach(function (n) { var v = form.elements[n].value; p[n] = v === '' ? null : Number(v); });
    TIMES.forEach(function (n) { var v = form.elements[n].value; p[n] = v === '' ? null : v; });
    CHECKS.forEach(function (n) { p[n] = form.elements[n].checked; });
    return p;
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearErrors();
    var missing = NUMBERS.filter(function (n) { return form.elements[n].value === '' || !form.elements[n].checkValidity(); });
    if (missing.length) {
      missing.forEach(function (n) { form.elements[n].classList.add('invalid'); });
      notice('error', 'Please fill in every number within its range.', missing);
      return;
    }
    call('PUT', '/api/v1/preferences', read()).then(function (r) {
      if (r.ok) { fill(r.json); notice('success', 'Saved. The rules use the new settings now.'); }
      else { var errs = r.json.errors || []; markFields(errs); notice('error', r.json.detail || ('Not saved (HTTP ' + r.status + ')'), errs); }
    });
  });

  document.getElementById('reset-settings').addEventListener('click', function () {
    if (!confirm('Reset every setting to its default?')) return;
    clearErrors();
    call('POST', '/api/v1/preferences/reset').then(function (r) {
      if (r.ok) { fill(r.json); notice('success', 'Reset to the defaults.'); }
      else notice('error', 'Reset failed (HTTP ' + r.status + ').');
    });
  });

  fetch('/api/v1/preferences', { headers: { 'Accept': 'application/json' } })
    .then(function (r) { return r.json(); })
    .then(fill)
    .catch(function () { notice('error', 'Could not load the settings.'); });
})();
