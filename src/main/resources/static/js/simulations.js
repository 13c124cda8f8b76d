// The simulations page: starts dry runs (POST /api/v1/simulations), follows their progress, shows the report.
(function () {
  var form = document.getElementById('simulation-form');
  var timer = null;

  function headers(json) {
    var h = { 'Accept': 'application/json' };
    if (json) h['Content-Type'] = 'application/json';
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) h[header.content] = token.content;
    return h;
  }

  function notice(kind, text) {
    var box = document.getElementById('notices');
    box.innerHTML = '';
    var div = document.createElement('div');
    div.className = 'notice ' + kind;
    div.id = 'simulation-notice';
    div.textContent = text;
    box.appendChild(div);
  }

  function request() {
    var body = {};
    var kind = form.querySelector('input[name="kind"]:checked').value;
    if (kind === 'replay') {
      var from = form.elements.replayFrom.value, to = form.elements.replayTo.value;
      if (!from || !to) throw new Error('A replay needs both "from" and "until".');
      body.replay = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
    } else {
      body.scenario = form.elements.scenario.value;
      if (form.elements.duration.value.trim()) body.duration = form.elements.duration.value.trim();
    }
    var overrides = {};
    form.elements.overrides.value.split('\n').map(function (l) { return l.trim(); }).filter(Boolean).forEach(function (line) {
      var i = line.indexOf('=');
      if (i < 1) throw new Error('Override "' + line + '" is not setting=value.');
      overrides[line.substring(0, i).trim()] = line.substring(i + 1).trim();
    });
    body.overrides = overrides;
    return body;
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var body;
    try { body = request(); } catch (err) { notice('error', err.message); return; }
    var button = document.getElementById('start-simulation');
    button.disabled = true;
    fetch('/api/v1/simulations', { method: 'POST', headers: headers(true), body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, status: r.status, json: j }; }); })
      .then(function (r) {
        button.disabled = false;
        if (!r.ok) { notice('error', (r.json && r.json.detail) || ('Not started (HTTP ' + r.status + ')')); return; }
        notice('success', 'Dry run started.');
        follow(r.json.id);
      })
      .catch(function () { button.disabled = false; notice('error', 'Not started: the server did not answer.'); });
  });

  function follow(id) {
    var box = document.getElementById('run');
    box.style.display = 'block';
    document.getElementById('report-box').style.display = 'none';
    document.getElementById('run-title').textContent = 'Run ' + id;
    if (timer) clearInterval(timer);
    var poll = function () {
      fetch('/api/v1/simulations/' + id, { headers: headers(false) }).then(function (r) { return r.json(); }).then(function (run) {
        var status = document.getElementById('run-status');
        status.textContent = run.status;
        status.className = 'badge' + (run.status === 'DONE' ? ' on' : run.status === 'FAILED' ? ' bad' : '');
        document.getElementById('run-progress').style.width = Math.round(run.progress * 100) + '%';
        document.getElementById('run-detail').textContent = Math.round(run.progress * 100) + ' %'
          + (run.error ? ' — ' + run.error : '')
          + (run.violationCount != null ? ' — ' + run.violationCount + ' safety violation(s)' : '');
        if (run.status === 'DONE' || run.status === 'FAILED') {
          clearInterval(timer);
          timer = null;
          loadRuns();
          if (run.status === 'DONE') showReport(id);
        }
      });
    };
    poll();
    timer = setInterval(poll, 1000);
  }

  function showReport(id) {
    document.getElementById('report-box').style.display = 'block';
    document.getElementById('report-link').href = '/api/v1/simulations/' + id + '/report.html';
    document.getElementById('report-json').href = '/api/v1/simulations/' + id + '/report';
    document.getElementById('report-frame').src = '/api/v1/simulations/' + id + '/report.html';
  }

  function loadRuns() {
    fetch('/api/v1/simulations', { headers: headers(false) }).then(function (r) { return r.json(); }).then(function (runs) {
      var body = document.querySelector('#runs tbody');
      body.innerHTML = '';
      runs.forEach(function (run) {
        var what = run.request && (run.request.scenario || (run.request.replay ? run.request.replay.from + ' → ' + run.request.replay.to : ''));
        var tr = document.createElement('tr');
        [run.createdAt ? new Date(run.createdAt).toLocaleString() : '', run.kind, what || '', run.status,
          run.violationCount == null ? '' : String(run.violationCount),
          run.wallMillis == null ? '' : (run.wallMillis / 1000).toFixed(1) + ' s'].forEach(function (t) {
          var td = document.createElement('td'); td.textContent = t; tr.appendChild(td);
        });
        var td = document.createElement('td');
        var open = document.createElement('button');
        open.type = 'button';
        open.textContent = run.status === 'DONE' ? 'Report' : 'Follow';
        open.addEventListener('click', function () { follow(run.id); });
        td.appendChild(open);
        tr.appendChild(td);
        body.appendChild(tr);
      });
    });
  }

  loadRuns();
})();
