// The schedule form on /automation: once / every day / every week / cron, then a switch (for N minutes) or a site
// mode, saved with PUT /api/v1/engine/schedules/{name}; Edit fills it from GET /api/v1/engine/schedules/{name}.
(function () {
  var A = window.Automation;
  var form = document.getElementById('schedule-form');
  if (!form) return;
  var BASE = '/api/v1/engine/schedules/';
  var noticeBox = document.getElementById('schedule-notice');
  var editing = null;

  function input(name) { return form.querySelector('[name="' + name + '"]'); }
  function value(name) { return input(name).value; }

  function choices() {
    A.show(form, 'repeat', value('repeat'));
    A.show(form, 'does', value('does'));
  }

  input('repeat').addEventListener('change', choices);
  input('does').addEventListener('change', choices);

  // Only what the chosen repeat and action use goes into the body.
  function read() {
    var repeat = value('repeat');
    var does = value('does');
    var s = { enabled: input('enabled').checked, repeat: repeat, missed: value('missed') };
    if (repeat === 'ONCE') s.at = value('at') || null;
    if (repeat === 'DAILY' || repeat === 'WEEKLY') s.time = value('time') || null;
    if (repeat === 'WEEKLY') s.weekdays = A.checkedDays(form);
    if (repeat === 'CRON') s.cron = value('cron').trim() || null;
    if (does === 'SET_MODE') {
      s.does = 'SET_MODE';
      s.mode = value('mode') || null;
    } else {
      s.does = 'SWITCH';
      s.on = value('on') === 'true';
      s.forMinutes = A.number(value('forMinutes'));
      if (does === 'SWITCH_DEVICE') s.device = value('device') || null;
      else s.deviceType = value('deviceType');
    }
    return s;
  }

  function fill(s) {
    input('name').value = s.name || '';
    input('enabled').checked = s.enabled !== false;
    input('repeat').value = s.repeat || 'DAILY';
    input('at').value = A.localDateTime(s.at);
    input('time').value = A.hhmm(s.time);
    A.checkDays(form, s.weekdays);
    input('cron').value = s.cron || '';
    input('does').value = s.does === 'SET_MODE' ? 'SET_MODE' : s.deviceType && !s.device ? 'SWITCH_TYPE' : 'SWITCH_DEVICE';
    if (s.device) A.choose(input('device'), s.device);
    if (s.deviceType) A.choose(input('deviceType'), s.deviceType);
    input('on').value = s.on === false ? 'false' : 'true';
    input('forMinutes').value = s.forMinutes || '';
    if (s.mode) A.choose(input('mode'), s.mode);
    input('missed').value = s.missed || 'SKIP';
    choices();
  }

  // An existing schedule keeps its name; "Start a new schedule" clears the form.
  function editingSchedule(name) {
    editing = name;
    input('name').readOnly = name !== null;
    document.getElementById('schedule-title').textContent = name === null ? 'New schedule' : 'Editing "' + name + '"';
    document.getElementById('save-schedule').textContent = name === null ? 'Save schedule' : 'Save changes';
  }

  function startNew() {
    fill({ repeat: 'DAILY', does: 'SWITCH', on: true });
    editingSchedule(null);
    A.clearErrors(form);
    noticeBox.innerHTML = '';
  }

  function refused(r, what) {
    var problems = r.json.invalidParams || [];
    var unplaced = problems.filter(function (p) { return !A.markField(form, form, p.field, p.message); })
      .map(function (p) { return p.field + ': ' + p.message; });
    A.notice(noticeBox, 'error', what + ': ' + (r.json.detail || 'HTTP ' + r.status)
      + (problems.length > unplaced.length ? ' (see the fields marked in red).' : ''), unplaced);
  }

  function call(method, url, body) {
    A.busy('schedule-busy', true);
    return A.api(method, url, body).then(function (r) { A.busy('schedule-busy', false); return r; });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    A.clearErrors(form);
    var name = value('name').trim();
    var problem = A.nameProblem(name);
    if (problem) {
      A.markField(form, form, 'name', problem);
      A.notice(noticeBox, 'error', 'Give the schedule a name first.');
      return;
    }
    call('PUT', BASE + encodeURIComponent(name), read()).then(function (r) {
      if (!r.ok) { refused(r, 'Not saved'); return; }
      var next = (r.json.nextRuns || [])[0];
      editingSchedule(r.json.schedule.name);
      A.notice(noticeBox, 'success', 'Saved "' + r.json.schedule.name + '": ' + r.json.inWords + '. '
        + (next ? 'Next run: ' + new Date(next).toLocaleString() + '.' : 'It will not run again.'));
      A.reloadLists();
    });
  });

  document.getElementById('new-schedule').addEventListener('click', startNew);

  A.onListButton('edit-schedule', function (name) {
    A.api('GET', BASE + encodeURIComponent(name)).then(function (r) {
      if (!r.ok) { A.notice(noticeBox, 'error', 'Could not load "' + name + '" (HTTP ' + r.status + ').'); return; }
      A.clearErrors(form);
      noticeBox.innerHTML = '';
      fill(r.json.schedule);
      editingSchedule(r.json.schedule.name);
      document.getElementById('schedule-builder').scrollIntoView();
    });
  });

  A.onListButton('delete-schedule', function (name) {
    if (!confirm('Delete the schedule "' + name + '"? Its next runs are dropped.')) return;
    call('DELETE', BASE + encodeURIComponent(name)).then(function (r) {
      if (!r.ok) { refused(r, 'Not deleted'); return; }
      if (editing === name) startNew();
      A.notice(noticeBox, 'success', 'Deleted "' + name + '".');
      A.reloadLists();
    });
  });

  startNew();
})();
