// Notification and approval settings on the settings page (GET/PUT /api/v1/notifications/settings).
(function () {
  var form = document.getElementById('notifications');
  var box = document.getElementById('notify-notices');

  function headers() {
    var h = {'Accept': 'application/json', 'Content-Type': 'application/json'};
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) h[header.content] = token.content;
    return h;
  }

  function show(kind, text) {
    box.innerHTML = '';
    var div = document.createElement('div');
    div.className = 'notice ' + kind;
    div.id = 'notifications-notice';
    div.textContent = text;
    box.appendChild(div);
  }

  function fill(s) {
    form.elements.email.value = s.email || '';
    form.elements.phone.value = s.phone || '';
    form.elements.criticalOnly.checked = !!s.criticalOnly;
    form.elements.confirmationMode.value = s.confirmationMode || 'NEVER';
    form.elements.quietStart.value = s.quietStart ? s.quietStart.substring(0, 5) : '';
    form.elements.quietEnd.value = s.quietEnd ? s.quietEnd.substring(0, 5) : '';
  }

  fetch('/api/v1/notifications/settings', {headers: {'Accept': 'application/json'}})
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (s) { if (s) fill(s); });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var body = {
      email: form.elements.email.value || null,
      phone: form.elements.phone.value || null,
      criticalOnly: form.elements.criticalOnly.checked,
      confirmationMode: form.elements.confirmationMode.value,
      quietStart: form.elements.quietStart.value || null,
      quietEnd: form.elements.quietEnd.value || null
    };
    fetch('/api/v1/notifications/settings', {method: 'PUT', headers: headers(), body: JSON.stringify(body)})
      .then(function (r) { return r.json().catch(function () { return {}; }).then(function (j) { return {ok: r.ok, json: j}; }); })
      .then(function (res) {
        if (res.ok) { fill(res.json); show('success', 'Notification settings saved.'); }
        else show('error', res.json.detail || 'Could not save the notification settings.');
      });
  });
})();
