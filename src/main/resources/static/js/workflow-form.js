// The workflow form on /automation (admins): a name, On, an optional daily start, and steps in order, each row
// showing only what its kind needs, turned into the body of PUT /api/v1/workflows/{name}; Edit fills it from
// GET /api/v1/workflows/{name}, Delete removes a workflow after asking. The form comes with the workflows section,
// which htmx loads after the page, so it is bound when it appears (htmx:load), whatever htmx swaps later.
(function () {
  var A = window.Automation;
  var BASE = '/api/v1/workflows/';
  var SECTION = '/automation/workflows';
  var END = 'end';
  // What a step's "otherwise" means for each kind of step, and what its empty choice does.
  var OTHERWISE = {
    SWITCH_DEVICE: ['if blocked go to', 'nowhere: stop'],
    SWITCH_TYPE: ['if blocked go to', 'nowhere: stop'],
    WAIT_CONDITIONS: ['on timeout go to', 'nowhere: stop'],
    BRANCH: ['else go to', 'choose a step']
  };
  var form, steps, days, noticeBox;
  var editing = null; // the name of the workflow in the form when it is an existing one

  function input(scope, name) { return scope.querySelector('[name="' + name + '"]'); }
  function details(name) { return input(form.querySelector('.builder-details'), name); }
  // A step's own inputs, not those of its conditions (which also have a device, a mode, an until).
  function field(row, name) { return input(row.querySelector('.step-fields'), name); }
  function value(row, name) { return field(row, name).value; }
  function rows() { return Array.prototype.slice.call(steps.children); }
  function conditionsOf(row) { return row.querySelector('.step-conditions'); }

  // "WAIT" is three kinds of step to the form: for minutes, until a time, until conditions.
  function kind(row) {
    var does = value(row, 'does');
    return does === 'WAIT' ? 'WAIT_' + value(row, 'waitFor') : does;
  }

  function needsConditions(k) { return k === 'BRANCH' || k === 'WAIT_CONDITIONS'; }

  // ---- step rows ----

  function addStep(s) {
    return A.addRow(steps, 'workflow-step-row', function (row) {
      field(row, 'id').value = s.id || freeId();
      row.setAttribute('data-id', field(row, 'id').value);
      field(row, 'does').addEventListener('change', function () { stepInputs(row); });
      field(row, 'waitFor').addEventListener('change', function () { stepInputs(row); });
      field(row, 'id').addEventListener('change', function () { renamed(row); });
      row.querySelector('.move-up').addEventListener('click', function () { move(row, -1); });
      row.querySelector('.move-down').addEventListener('click', function () { move(row, 1); });
      row.querySelector('.add-condition').addEventListener('click', function () { addCondition(row, { trigger: 'SOC' }); });
      fillStep(row, s);
      stepInputs(row);
    }, changed);
  }

  // s1, s2, …: the first number no step has yet
  function freeId() {
    var taken = rows().map(function (r) { return value(r, 'id'); });
    for (var n = rows().length; ; n++) {
      if (taken.indexOf('s' + n) < 0) return 's' + n;
    }
  }

  function addCondition(row, c) {
    var container = conditionsOf(row);
    return A.addCondition(container, 'workflow-condition-row', c, function () {
      A.numberRows(container, row.id + '-condition');
    });
  }

  // After a row is added, removed or moved: number the rows again and offer the steps there are now.
  function changed() {
    rows().forEach(function (row, i) {
      row.id = 'step-' + i;
      row.querySelector('.step-number').textContent = (i + 1) + '.';
      A.numberRows(conditionsOf(row), row.id + '-condition');
    });
    targets();
  }

  function move(row, by) {
    var all = rows();
    var i = all.indexOf(row) + by;
    if (i < 0 || i >= all.length) return;
    if (by < 0) steps.insertBefore(row, all[i]);
    else steps.insertBefore(row, all[i].nextSibling);
    changed();
  }

  // A step that gets a new id keeps everything that went to it.
  function renamed(row) {
    var was = row.getAttribute('data-id');
    var now = value(row, 'id').trim();
    row.setAttribute('data-id', now);
    if (was && now) {
      form.querySelectorAll('select.go-to').forEach(function (select) {
        if (select.value === was) goTo(select, now);
      });
    }
    targets();
  }

  // Only the inputs the step's kind needs; a wait for conditions or a branch starts with one condition.
  function stepInputs(row) {
    var k = kind(row);
    A.show(row, 'step', k);
    var otherwise = OTHERWISE[k];
    if (otherwise) row.querySelector('.otherwise-label').textContent = otherwise[0];
    // the runner's defaults: a switch waits 10 minutes for the rules, a wait for conditions 60
    row.querySelector('.timeout-label').textContent = k === 'WAIT_CONDITIONS' ? 'for at most' : 'within';
    field(row, 'timeoutMinutes').placeholder = k === 'WAIT_CONDITIONS' ? '60' : '10';
    if (needsConditions(k) && conditionsOf(row).children.length === 0) addCondition(row, { trigger: 'SOC' });
    targets();
  }

  // Every "go to" select offers the other steps by id and "end"; a choice stays, even one no longer there.
  function targets() {
    var ids = [];
    rows().forEach(function (r) {
      var id = value(r, 'id').trim();
      if (id && ids.indexOf(id) < 0) ids.push(id);
    });
    rows().forEach(function (row) {
      var own = value(row, 'id').trim();
      var k = kind(row);
      [['next', 'the next step'], ['otherwise', (OTHERWISE[k] || ['', 'nowhere'])[1]]].forEach(function (pair) {
        var select = field(row, pair[0]);
        var keep = select.value;
        select.innerHTML = '';
        select.appendChild(A.el('option', { value: '' }, pair[1]));
        ids.forEach(function (id) { if (id !== own) select.appendChild(A.el('option', { value: id }, id)); });
        select.appendChild(A.el('option', { value: END }, 'the end'));
        goTo(select, keep);
      });
    });
  }

  function goTo(select, id) {
    if (id === null || id === undefined || id === '') { select.value = ''; return; }
    if (!Array.prototype.some.call(select.options, function (o) { return o.value === id; })) {
      select.appendChild(A.el('option', { value: id }, id + ' (no such step)'));
    }
    select.value = id;
  }

  // A step as the REST API takes it: only the fields its kind uses.
  function readStep(row) {
    var k = kind(row);
    var s = { id: value(row, 'id').trim() || null };
    if (k === 'SWITCH_DEVICE' || k === 'SWITCH_TYPE') {
      s.does = 'SWITCH';
      if (k === 'SWITCH_DEVICE') s.device = value(row, 'device') || null;
      else s.deviceType = value(row, 'deviceType');
      s.on = value(row, 'on') === 'true';
    } else if (k === 'SET_MODE') {
      s.does = 'SET_MODE';
      s.mode = value(row, 'mode') || null;
    } else if (k === 'NOTIFY') {
      s.does = 'NOTIFY';
      s.message = value(row, 'message') || null;
      s.critical = field(row, 'critical').checked;
    } else if (k === 'BRANCH') {
      s.does = 'BRANCH';
    } else {
      s.does = 'WAIT';
      if (k === 'WAIT_MINUTES') s.minutes = A.number(value(row, 'minutes'));
      if (k === 'WAIT_UNTIL') s.until = value(row, 'until') || null;
    }
    if (needsConditions(k)) s.conditions = Array.prototype.map.call(conditionsOf(row).children, A.readCondition);
    if (k === 'SWITCH_DEVICE' || k === 'SWITCH_TYPE' || k === 'WAIT_CONDITIONS') {
      s.timeoutMinutes = A.number(value(row, 'timeoutMinutes'));
    }
    if (OTHERWISE[k]) s.otherwise = value(row, 'otherwise') || null;
    s.next = value(row, 'next') || null;
    return s;
  }

  // Fills a new row; its "go to" selects are set by fill() once every step is there to go to.
  function fillStep(row, s) {
    field(row, 'does').value = s.does === 'SWITCH' ? (s.device ? 'SWITCH_DEVICE' : 'SWITCH_TYPE') : s.does || 'NOTIFY';
    var has = function (v) { return v !== null && v !== undefined; };
    field(row, 'waitFor').value = has(s.until) ? 'UNTIL' : (s.conditions || []).length && !has(s.minutes)
      ? 'CONDITIONS' : 'MINUTES';
    if (s.device) A.choose(field(row, 'device'), s.device);
    if (s.deviceType) A.choose(field(row, 'deviceType'), s.deviceType);
    field(row, 'on').value = s.on === true ? 'true' : 'false';
    field(row, 'minutes').value = has(s.minutes) ? s.minutes : '';
    field(row, 'until').value = A.hhmm(s.until);
    if (s.mode) A.choose(field(row, 'mode'), s.mode);
    field(row, 'message').value = s.message || '';
    field(row, 'critical').checked = s.critical === true;
    field(row, 'timeoutMinutes').value = has(s.timeoutMinutes) ? s.timeoutMinutes : '';
    (s.conditions || []).forEach(function (c) { addCondition(row, c); });
  }

  // ---- the whole workflow ----

  function read() {
    return {
      enabled: details('enabled').checked,
      startsAt: details('startsAt').value || null,
      weekdays: A.checkedDays(days),
      steps: rows().map(readStep)
    };
  }

  function fill(w) {
    steps.innerHTML = '';
    var all = w.steps || [];
    var added = all.map(addStep);
    targets();
    added.forEach(function (row, i) {
      goTo(field(row, 'next'), all[i].next);
      goTo(field(row, 'otherwise'), all[i].otherwise);
    });
    details('name').value = w.name || '';
    details('enabled').checked = w.enabled !== false;
    details('startsAt').value = A.hhmm(w.startsAt);
    A.checkDays(days, w.weekdays);
  }

  // An existing workflow keeps its name (a new name would be a second workflow); "Start a new workflow" clears it.
  function editingWorkflow(name) {
    editing = name;
    details('name').readOnly = name !== null;
    document.getElementById('workflow-title').textContent = name === null ? 'New workflow' : 'Editing "' + name + '"';
    document.getElementById('save-workflow').textContent = name === null ? 'Save' : 'Save changes';
  }

  function startNew() {
    fill({ steps: [{ id: 's1', does: 'SWITCH', deviceType: 'MINER', on: false }] });
    editingWorkflow(null);
    A.clearErrors(form);
    noticeBox.innerHTML = '';
  }

  // A refused workflow: each problem beside the field it names (steps[2].conditions[0].below on step 3's first
  // condition), the ones that fit nowhere in the notice.
  function refused(r, what) {
    var problems = r.json.invalidParams || [];
    var unplaced = problems.filter(function (p) { return !place(p.field, p.message); })
      .map(function (p) { return p.field + ': ' + p.message; });
    A.notice(noticeBox, 'error', what + ': ' + (r.json.detail || 'HTTP ' + r.status)
      + (problems.length > unplaced.length ? ' (see the fields marked in red).' : ''), unplaced);
  }

  function place(name, message) {
    var m = /^steps\[(\d+)\](?:\.conditions\[(\d+)\])?(?:\.(.+))?$/.exec(name || '');
    if (!m) return A.markField(form, form, name, message);
    var row = rows()[Number(m[1])];
    if (!row) return false;
    if (m[2] === undefined) return A.markField(form, row, m[3] || null, message);
    var condition = conditionsOf(row).children[Number(m[2])];
    return condition ? A.markField(form, condition, m[3] || null, message) : false;
  }

  function call(method, url, body) {
    A.busy('workflow-busy', true);
    return A.api(method, url, body).then(function (r) { A.busy('workflow-busy', false); return r; });
  }

  // The lists are server-rendered: after a change, htmx fetches the section again and swaps in its lists only.
  function reloadList() {
    return htmx.ajax('GET', SECTION, { target: '#workflow-lists', select: '#workflow-lists', swap: 'outerHTML' });
  }

  function save(e) {
    e.preventDefault();
    A.clearErrors(form);
    var name = details('name').value.trim();
    var problem = A.nameProblem(name);
    if (problem) {
      A.markField(form, form, 'name', problem);
      A.notice(noticeBox, 'error', 'Give the workflow a name first.');
      return;
    }
    call('PUT', BASE + encodeURIComponent(name), read()).then(function (r) {
      if (!r.ok) { refused(r, 'Not saved'); return; }
      editingWorkflow(r.json.name);
      A.notice(noticeBox, 'success', 'Saved "' + r.json.name + '": ' + r.json.inWords);
      reloadList();
    });
  }

  function bind() {
    var found = document.getElementById('workflow-form');
    if (!found || found === form) return;
    form = found;
    steps = document.getElementById('workflow-steps');
    days = document.getElementById('workflow-days');
    noticeBox = document.getElementById('workflow-notice');
    editing = null;
    form.addEventListener('submit', save);
    document.getElementById('add-step').addEventListener('click', function () { addStep({ does: 'NOTIFY' }); });
    document.getElementById('new-workflow').addEventListener('click', startNew);
    startNew();
  }

  document.addEventListener('htmx:load', bind);
  bind();

  // Edit and Delete sit in the lists, which htmx swaps: one listener each, for every list there will be.
  A.onListButton('edit-workflow', function (name) {
    if (!form) return;
    A.api('GET', BASE + encodeURIComponent(name)).then(function (r) {
      if (!r.ok) { A.notice(noticeBox, 'error', 'Could not load "' + name + '" (HTTP ' + r.status + ').'); return; }
      A.clearErrors(form);
      noticeBox.innerHTML = '';
      fill(r.json);
      editingWorkflow(r.json.name);
      document.getElementById('workflow-builder').scrollIntoView();
    });
  });

  A.onListButton('delete-workflow', function (name) {
    if (!form || !confirm('Delete the workflow "' + name + '"? It no longer starts; a run already going finishes as it began.')) return;
    call('DELETE', BASE + encodeURIComponent(name)).then(function (r) {
      if (!r.ok) { refused(r, 'Not deleted'); return; }
      if (editing === name) startNew();
      A.notice(noticeBox, 'success', 'Deleted "' + name + '".');
      reloadList();
    });
  });
})();
