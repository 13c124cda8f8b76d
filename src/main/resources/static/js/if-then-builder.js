// The if/then builder on /automation: condition and action rows that read as a sentence, turned into the body of
// PUT /api/v1/engine/if-then-rules/{name} (Save) or POST .../preview (a dry run, nothing saved); Edit fills the
// form from GET /api/v1/engine/if-then-rules/{name}, Delete removes a rule after asking.
(function () {
  var A = window.Automation;
  var form = document.getElementById('if-then-form');
  if (!form) return;
  var BASE = '/api/v1/engine/if-then-rules/';
  var conditions = document.getElementById('conditions');
  var actions = document.getElementById('actions');
  var noticeBox = document.getElementById('if-then-notice');
  var previewBox = document.getElementById('if-then-preview');
  var editing = null; // the name of the rule in the form when it is an existing one
  var CHANGES = { ONLY_CANDIDATE: 'only with this rule', ONLY_LIVE: 'only without it', OUTCOME_CHANGED: 'decided otherwise' };

  function input(scope, name) { return scope.querySelector('[name="' + name + '"]'); }
  function value(scope, name) { return input(scope, name).value; }

  // ---- rows: the condition rows are automation.js's, shared with the workflow form ----

  function addCondition(c) {
    return A.addCondition(conditions, 'condition-row', c, function () { A.numberRows(conditions, 'condition'); });
  }

  function addAction(a) {
    return A.addRow(actions, 'action-row', function (row) {
      var does = input(row, 'does');
      does.addEventListener('change', function () { A.show(row, 'does', does.value); });
      if (a) fillAction(row, a);
      A.show(row, 'does', does.value);
    }, function () { A.numberRows(actions, 'action'); });
  }

  // The form offers "switch" and "switch every" apart; the rule has one SWITCH with a device or a device type.
  function readAction(row) {
    var does = value(row, 'does');
    if (does === 'SWITCH_DEVICE') return { does: 'SWITCH', device: value(row, 'device') || null, on: value(row, 'on') === 'true' };
    if (does === 'SWITCH_TYPE') return { does: 'SWITCH', deviceType: value(row, 'deviceType'), on: value(row, 'on') === 'true' };
    if (does === 'SET_MODE') return { does: 'SET_MODE', mode: value(row, 'mode') || null };
    return { does: 'NOTIFY', message: value(row, 'message') || null, critical: input(row, 'critical').checked };
  }

  function fillAction(row, a) {
    input(row, 'does').value = a.does === 'SWITCH' ? (a.device ? 'SWITCH_DEVICE' : 'SWITCH_TYPE') : a.does;
    if (a.device) A.choose(input(row, 'device'), a.device);
    if (a.deviceType) A.choose(input(row, 'deviceType'), a.deviceType);
    input(row, 'on').value = a.on === true ? 'true' : 'false';
    if (a.mode) A.choose(input(row, 'mode'), a.mode);
    input(row, 'message').value = a.message || '';
    input(row, 'critical').checked = a.critical === true;
  }

  // ---- the whole rule ----

  function read() {
    return {
      enabled: input(form, 'enabled').checked,
      conditions: Array.prototype.map.call(conditions.children, A.readCondition),
      sustainedMinutes: A.number(value(form, 'sustainedMinutes')),
      cooldownMinutes: A.number(value(form, 'cooldownMinutes')),
      actions: Array.prototype.map.call(actions.children, readAction)
    };
  }

  function fill(rule) {
    conditions.innerHTML = '';
    actions.innerHTML = '';
    (rule.conditions || []).forEach(addCondition);
    (rule.actions || []).forEach(addAction);
    input(form, 'sustainedMinutes').value = rule.sustainedMinutes || 0;
    input(form, 'cooldownMinutes').value = rule.cooldownMinutes === undefined ? 10 : rule.cooldownMinutes;
    input(form, 'enabled').checked = rule.enabled !== false;
    input(form, 'name').value = rule.name || '';
  }

  // An existing rule keeps its name (a new name would be a second rule); "Start a new rule" clears the form.
  function editingRule(name) {
    editing = name;
    input(form, 'name').readOnly = name !== null;
    document.getElementById('if-then-title').textContent = name === null ? 'New if/then rule' : 'Editing "' + name + '"';
    document.getElementById('save-rule').textContent = name === null ? 'Save' : 'Save changes';
  }

  function startNew() {
    fill({ conditions: [{ trigger: 'SOC' }], actions: [{ does: 'SWITCH', deviceType: 'MINER', on: false }] });
    editingRule(null);
    A.clearErrors(form);
    noticeBox.innerHTML = '';
    previewBox.innerHTML = '';
  }

  // The name for the address, or null (and the problem shown on the name field) when it cannot be sent.
  function nameToSend() {
    A.clearErrors(form);
    var name = value(form, 'name').trim();
    var problem = A.nameProblem(name);
    if (problem) {
      A.markField(form, form, 'name', problem);
      A.notice(noticeBox, 'error', 'Give the rule a name first.');
      return null;
    }
    return name;
  }

  // A refused rule: each problem beside the field it names; the ones without a field (or the safety gate's
  // refusals) in the notice.
  function refused(r, what) {
    var problems = r.json.invalidParams || [];
    var unplaced = problems.filter(function (p) { return !place(p.field, p.message); })
      .map(function (p) { return p.field + ': ' + p.message; });
    A.notice(noticeBox, 'error', what + ': ' + (r.json.detail || 'HTTP ' + r.status)
      + (problems.length > unplaced.length ? ' (see the fields marked in red).' : ''), unplaced.concat(r.json.refusals || []));
  }

  function place(field, message) {
    var m = /^(conditions|actions)\[(\d+)\](?:\.(.+))?$/.exec(field || '');
    if (!m) return A.markField(form, form, field, message);
    var row = (m[1] === 'conditions' ? conditions : actions).children[Number(m[2])];
    return row ? A.markField(form, row, m[3] || null, message) : false;
  }

  function call(method, url, body) {
    A.busy('if-then-busy', true);
    return A.api(method, url, body).then(function (r) { A.busy('if-then-busy', false); return r; });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var name = nameToSend();
    if (name === null) return;
    call('PUT', BASE + encodeURIComponent(name), read()).then(function (r) {
      if (!r.ok) { refused(r, 'Not saved'); return; }
      previewBox.innerHTML = '';
      editingRule(r.json.name);
      A.notice(noticeBox, 'success', 'Saved "' + r.json.name + '", live now: ' + r.json.inWords);
      A.reloadLists();
    });
  });

  document.getElementById('preview-rule').addEventListener('click', function () {
    var name = nameToSend();
    if (name === null) return;
    var body = read();
    body.enabled = true; // a rule switched off does nothing: show what it would do when on
    previewBox.innerHTML = '';
    call('POST', BASE + encodeURIComponent(name) + '/preview', body).then(function (r) {
      if (!r.ok) { refused(r, 'Cannot preview'); return; }
      noticeBox.innerHTML = '';
      showPreview(r.json);
    });
  });

  document.getElementById('add-condition').addEventListener('click', function () { addCondition({ trigger: 'SOC' }); });
  document.getElementById('add-action').addEventListener('click', function () { addAction({ does: 'NOTIFY' }); });
  document.getElementById('new-rule').addEventListener('click', startNew);

  A.onListButton('edit-rule', function (name) {
    A.api('GET', BASE + encodeURIComponent(name)).then(function (r) {
      if (!r.ok) { A.notice(noticeBox, 'error', 'Could not load "' + name + '" (HTTP ' + r.status + ').'); return; }
      A.clearErrors(form);
      noticeBox.innerHTML = '';
      previewBox.innerHTML = '';
      fill(r.json);
      editingRule(r.json.name);
      document.getElementById('if-then-builder').scrollIntoView();
    });
  });

  A.onListButton('delete-rule', function (name) {
    if (!confirm('Delete the rule "' + name + '"? It stops acting at once.')) return;
    call('DELETE', BASE + encodeURIComponent(name)).then(function (r) {
      if (!r.ok) { refused(r, 'Not deleted'); return; }
      if (editing === name) startNew();
      A.notice(noticeBox, 'success', 'Deleted "' + name + '".');
      A.reloadLists();
    });
  });

  // ---- the preview, in words ----

  function showPreview(p) {
    var days = windowInWords(p.window);
    var box = A.el('div', { 'class': 'preview', id: 'preview-result' });
    box.appendChild(A.el('p', { 'class': 'in-words' }, p.inWords));
    var lines = p.differences || [];
    var summary = p.readings === 0
      ? 'No readings were recorded in the last ' + days + ', so there was nothing to replay.'
      : 'Over the last ' + days + ' (' + p.readings + ' readings replayed), ' + (lines.length === 0
        ? 'it would not have switched anything differently from the rules you have now.'
        : 'it would have made ' + lines.length + (lines.length === 1 ? ' decision' : ' decisions')
          + ' differently from the rules you have now:');
    box.appendChild(A.el('p', { id: 'preview-summary' }, summary));
    if (lines.length) {
      var ul = A.el('ul', { id: 'preview-differences' });
      lines.forEach(function (line) { ul.appendChild(A.el('li', {}, difference(line))); });
      box.appendChild(ul);
    }
    var violations = p.violations || [];
    if (violations.length) {
      box.appendChild(A.el('p', { 'class': 'bad' }, 'It would have broken a safety rule ' + violations.length + ' times:'));
      var bad = A.el('ul', { 'class': 'bad' });
      violations.forEach(function (v) { bad.appendChild(A.el('li', {}, v)); });
      box.appendChild(bad);
    } else if (p.readings > 0) {
      box.appendChild(A.el('p', {}, 'No safety rule would have been broken.'));
    }
    var also = p.alsoDoes || [];
    if (also.length) {
      box.appendChild(A.el('p', {}, 'It would also have set the site mode or told you ' + also.length
        + (also.length === 1 ? ' time:' : ' times:')));
      var more = A.el('ul', { id: 'preview-also' });
      also.forEach(function (line) { more.appendChild(A.el('li', {}, line)); });
      box.appendChild(more);
    }
    box.appendChild(A.el('p', { 'class': 'muted small' }, 'The replay runs the recorded readings through the rules;'
      + ' a forecast is not replayed, so forecast conditions do not hold in it. Nothing was saved: Save makes the rule live.'));
    previewBox.innerHTML = '';
    previewBox.appendChild(box);
  }

  // "2026-05-01T10:00:00Z miner-1 off: ONLY_CANDIDATE (live: no action, with the rule: ALLOWED (automation))"
  function difference(line) {
    var m = /^(\S+) (.+) (on|off): (\w+) \(live: (.*), with the rule: (.*)\)$/.exec(line);
    if (!m) return line;
    return new Date(m[1]).toLocaleString() + ': ' + m[2] + ' ' + m[3] + ' ' + (CHANGES[m[4]] || m[4])
      + ' — with the rule: ' + m[6].toLowerCase() + '; now: ' + m[5].toLowerCase();
  }

  // The window as JSON gives it (seconds, or an ISO duration such as PT168H), in days.
  function windowInWords(w) {
    var seconds = typeof w === 'number' ? w : null;
    var iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?/.exec(typeof w === 'string' ? w : '');
    if (seconds === null && iso) seconds = (Number(iso[1] || 0) * 24 + Number(iso[2] || 0)) * 3600 + Number(iso[3] || 0) * 60;
    var d = seconds ? Math.round(seconds / 86400) : 7;
    return d === 1 ? 'day' : d + ' days';
  }

  startNew();
})();
