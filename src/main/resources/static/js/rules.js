// The rules page: talks to the engine's REST API (/api/v1/engine/rules, /api/v1/engine/tables) with the session's CSRF token.
(function () {
  var page = document.getElementById('rules-page');
  var user = page.dataset.user;
  var isAdmin = page.dataset.admin === 'true';
  var tables = [];
  var current = null;   // the table being edited (a copy)
  var dirty = false;
  var rowProblems = {}; // row number -> [messages] for the current table

  var COLUMNS = [
    ['name', 'Row', 'text', 'wide'], ['socFrom', 'SOC from %', 'number'], ['socBelow', 'SOC below %', 'number'],
    ['pvFrom', 'PV from W', 'number'], ['pvBelow', 'PV below W', 'number'],
    ['loadFrom', 'Load from W', 'number'], ['loadBelow', 'Load below W', 'number'],
    ['gridFrom', 'Grid from W', 'number'], ['gridBelow', 'Grid below W', 'number'],
    ['timeFrom', 'From', 'time'], ['timeUntil', 'Until', 'time'], ['weekdays', 'Weekdays', 'text'],
    ['device', 'Device', 'text', 'wide'], ['deviceType', 'Type', 'type'], ['on', 'Switch', 'onoff'],
    ['priority', 'Priority', 'int'], ['cooldownMinutes', 'Cooldown min', 'int'], ['enabled', 'Enabled', 'check']
  ];
  var TYPES = ['', 'MINER', 'PUMP', 'HEATER', 'LIGHTING', 'OTHER'];

  function csrf() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    var h = {};
    if (token && header) h[header.content] = token.content;
    return h;
  }

  function api(method, url, body, contentType) {
    var headers = Object.assign({ 'Accept': 'application/json', 'X-Requested-By': user }, csrf());
    var init = { method: method, headers: headers };
    if (body !== undefined) {
      headers['Content-Type'] = contentType || 'application/json';
      init.body = contentType ? body : JSON.stringify(body);
    }
    return fetch(url, init).then(function (r) {
      return r.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        return { ok: r.ok, status: r.status, json: json };
      });
    });
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'class') e.className = attrs[k];
      else if (k.indexOf('on') === 0) e.addEventListener(k.substring(2), attrs[k]);
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(c); });
    return e;
  }

  function notice(kind, text) {
    var box = document.getElementById('notices');
    box.innerHTML = '';
    box.appendChild(el('div', { 'class': 'notice ' + kind, id: 'rules-notice', text: text }));
  }

  function busy(on) {
    document.getElementById('rules-busy').style.display = on ? 'inline-block' : 'none';
    ['validate', 'activate'].forEach(function (id) { document.getElementById(id).disabled = on || !isAdmin; });
  }

  // --- active rule set, files, versions ---

  function loadRules() {
    return api('GET', '/api/v1/engine/rules').then(function (r) {
      if (!r.ok) { notice('error', 'Could not load the rules (HTTP ' + r.status + ').'); return; }
      var rules = r.json;
      document.getElementById('active-version').textContent = rules.version;
      document.getElementById('active-detail').textContent = rules.activatedAt
        ? '— activated ' + new Date(rules.activatedAt).toLocaleString() + ' by ' + rules.activatedBy + ' (' + rules.source + ')' : '';
      var files = document.getElementById('rule-files');
      files.innerHTML = '';
      rules.files.forEach(function (f) {
        var pre = el('pre', { 'class': 'drl' });
        pre.innerHTML = highlight(f.content);
        files.appendChild(el('details', { 'class': 'rule-file' }, [
          el('summary', { text: f.name + '  ·  ' + f.lines + ' lines' }), pre]));
      });
    });
  }

  function loadVersions() {
    return api('GET', '/api/v1/engine/rules/versions').then(function (r) {
      var body = document.querySelector('#versions tbody');
      body.innerHTML = '';
      (r.json || []).slice().sort(function (a, b) { return b.version - a.version; }).forEach(function (v) {
        var action = v.active ? el('span', { 'class': 'badge on', text: 'active' })
          : (isAdmin ? el('button', { type: 'button', 'class': 'rollback', 'data-version': v.version, text: 'Roll back to this',
              onclick: function () { rollback(v.version); } }) : null);
        body.appendChild(el('tr', { id: 'version-' + v.version }, [
          el('td', { text: String(v.version) }),
          el('td', { text: new Date(v.activatedAt).toLocaleString() }),
          el('td', { text: v.activatedBy }),
          el('td', { text: v.source }),
          el('td', { text: String((v.files || []).length) }),
          el('td', {}, [action])]));
      });
    });
  }

  // A small DRL highlighter: comments, strings, keywords, numbers; line numbers for compile errors.
  function highlight(source) {
    var KW = /\b(package|import|declare|end|rule|query|when|then|not|exists|forall|from|collect|accumulate|and|or|eval|salience|no-loop|lock-on-active|agenda-group|insert|insertLogical|modify|update|retract|delete|global|function|dialect|over|window|in|matches|memberOf|contains|true|false|null)\b/g;
    return source.split('\n').map(function (line, i) {
      var esc = line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      var out = '', rest = esc, m;
      // split off a // comment that is not inside a string (good enough for our rule files)
      var comment = '';
      var idx = rest.indexOf('//');
      if (idx >= 0 && (rest.substring(0, idx).split('"').length % 2 === 1)) { comment = rest.substring(idx); rest = rest.substring(0, idx); }
      out = rest.split(/("(?:[^"\\]|\\.)*")/).map(function (part, j) {
        if (j % 2 === 1) return '<span class="str">' + part + '</span>';
        return part.replace(KW, '<span class="kw">$1</span>').replace(/\b(\d+(?:\.\d+)?)\b/g, '<span class="num">$1</span>');
      }).join('');
      if (comment) out += '<span class="com">' + comment + '</span>';
      return '<span class="ln">' + (i + 1) + '</span>' + out;
    }).join('\n');
  }

  // --- decision tables ---

  function loadTables(select) {
    return api('GET', '/api/v1/engine/tables').then(function (r) {
      tables = r.json || [];
      var name = select || (current && current.name) || (tables[0] && tables[0].name);
      var found = tables.filter(function (t) { return t.name === name; })[0];
      edit(found ? JSON.parse(JSON.stringify(found)) : (current && current.name === name ? current : null));
    });
  }

  function renderTabs() {
    var tabs = document.getElementById('table-tabs');
    tabs.innerHTML = '';
    var names = tables.map(function (t) { return t.name; });
    if (current && names.indexOf(current.name) < 0) names.push(current.name);
    names.forEach(function (n) {
      tabs.appendChild(el('button', { type: 'button', 'class': current && current.name === n ? 'active' : '', text: n,
        onclick: function () {
          if (dirty && !confirm('Discard unsaved changes to ' + current.name + '?')) return;
          var t = tables.filter(function (x) { return x.name === n; })[0];
          edit(JSON.parse(JSON.stringify(t)));
        } }));
    });
  }

  function edit(table) {
    current = table;
    dirty = false;
    rowProblems = {};
    renderTabs();
    renderGrid();
  }

  function cellInput(row, col) {
    var key = col[0], kind = col[2], value = row[key];
    var input;
    if (kind === 'check') {
      input = el('input', { type: 'checkbox' });
      input.checked = !!value;
    } else if (kind === 'onoff') {
      input = el('select', {}, [el('option', { value: 'true', text: 'on' }), el('option', { value: 'false', text: 'off' })]);
      input.value = value ? 'true' : 'false';
    } else if (kind === 'type') {
      input = el('select', {}, TYPES.map(function (t) { return el('option', { value: t, text: t ? t.toLowerCase() : 'any' }); }));
      input.value = value || '';
    } else {
      input = el('input', { type: 'text', 'class': col[3] || '' });
      input.value = value == null ? '' : (kind === 'time' ? String(value).substring(0, 5) : value);
      if (kind === 'time') input.placeholder = 'hh:mm';
    }
    input.name = key;
    input.disabled = !isAdmin;
    input.addEventListener('change', function () { dirty = true; });
    return el('td', {}, [input]);
  }

  function renderGrid() {
    var box = document.getElementById('table-editor');
    box.innerHTML = '';
    if (!current) {
      box.appendChild(el('p', { 'class': 'muted', text: 'No decision tables yet. Create one with "New table".' }));
      return;
    }
    var head = el('tr', {}, COLUMNS.map(function (c) { return el('th', { text: c[1] }); }).concat([el('th', { text: '' })]));
    var body = el('tbody');
    current.rows.forEach(function (row) {
      var problems = rowProblems[row.row] || [];
      var tr = el('tr', { 'data-row': row.row, id: 'row-' + row.row,
        'class': (row.enabled ? '' : 'row-disabled') + (problems.length ? ' row-error' : '') },
        COLUMNS.map(function (c) { return cellInput(row, c); }).concat([
          el('td', {}, [isAdmin ? el('button', { type: 'button', 'class': 'delete-row', text: 'Delete',
            onclick: function () { syncFromGrid(); current.rows = current.rows.filter(function (r) { return r.row !== row.row; }); dirty = true; renderGrid(); } }) : null])]));
      body.appendChild(tr);
      if (problems.length) {
        // the problem sits right under its row, across the whole grid, so it is seen without scrolling
        body.appendChild(el('tr', { 'class': 'problem-row', id: 'row-' + row.row + '-problems' }, [
          el('td', { 'class': 'row-problems', colspan: String(COLUMNS.length + 1),
            text: '✖ Row ' + row.row + ' (' + row.name + '): ' + problems.join('; ') })]));
      }
    });
    var description = el('input', { type: 'text', id: 'table-description', 'class': 'wide', style: 'width:420px' });
    description.value = current.description || '';
    description.disabled = !isAdmin;
    description.addEventListener('change', function () { dirty = true; });
    var enabled = el('input', { type: 'checkbox', id: 'table-enabled' });
    enabled.checked = current.enabled !== false;
    enabled.disabled = !isAdmin;
    enabled.addEventListener('change', function () { dirty = true; });
    var file = el('input', { type: 'file', id: 'import-file', accept: '.xlsx,.csv', style: 'display:none' });
    file.addEventListener('change', function () { importSheet(file.files[0]); });
    box.appendChild(el('div', { 'class': 'toolbar' }, [
      el('strong', { text: current.name }),
      el('label', { 'class': 'muted', text: ' Description ' }), description,
      el('label', { 'class': 'muted' }, [enabled, document.createTextNode(' table enabled')]),
      el('span', { 'class': 'spacer' }),
      el('a', { 'class': 'button', href: '/api/v1/engine/tables/' + current.name + '/spreadsheet?format=xlsx', text: 'Export .xlsx' }),
      el('a', { 'class': 'button', href: '/api/v1/engine/tables/' + current.name + '/spreadsheet?format=csv', text: 'Export .csv' }),
      isAdmin ? el('button', { type: 'button', id: 'import-sheet', text: 'Import spreadsheet…', onclick: function () { file.click(); } }) : null,
      file]));
    box.appendChild(el('div', { 'class': 'grid' }, [el('table', { id: 'table-grid' }, [el('thead', {}, [head]), body])]));
    if (isAdmin) {
      box.appendChild(el('div', { 'class': 'toolbar', style: 'margin-top:8px' }, [
        el('button', { type: 'button', id: 'add-row', text: 'Add row', onclick: addRow }),
        el('button', { type: 'button', 'class': 'primary', id: 'save-table', text: 'Save table', onclick: function () { save(); } }),
        el('span', { 'class': 'spacer' }),
        el('button', { type: 'button', id: 'delete-table', text: 'Delete table', onclick: deleteTable })]));
    }
  }

  function syncFromGrid() {
    if (!current) return;
    document.querySelectorAll('#table-grid tbody tr[data-row]').forEach(function (tr) {
      var n = Number(tr.dataset.row);
      var row = current.rows.filter(function (r) { return r.row === n; })[0];
      COLUMNS.forEach(function (c) {
        var input = tr.querySelector('[name="' + c[0] + '"]');
        var kind = c[2], v;
        if (kind === 'check') v = input.checked;
        else if (kind === 'onoff') v = input.value === 'true';
        else if (kind === 'type') v = input.value || null;
        else if (kind === 'number') v = input.value.trim() === '' ? null : Number(input.value);
        else if (kind === 'int') v = input.value.trim() === '' ? 0 : parseInt(input.value, 10);
        else v = input.value.trim() === '' ? null : input.value.trim();
        row[c[0]] = v;
      });
    });
    var d = document.getElementById('table-description');
    if (d) current.description = d.value;
    var e = document.getElementById('table-enabled');
    if (e) current.enabled = e.checked;
  }

  function addRow() {
    syncFromGrid();
    var next = current.rows.reduce(function (m, r) { return Math.max(m, r.row); }, 0) + 1;
    current.rows.push({ row: next, name: 'row-' + next, socFrom: null, socBelow: null, pvFrom: null, pvBelow: null,
      loadFrom: null, loadBelow: null, gridFrom: null, gridBelow: null, timeFrom: null, timeUntil: null, weekdays: null,
      device: null, deviceType: 'MINER', on: false, priority: 0, cooldownMinutes: 10, enabled: true });
    dirty = true;
    renderGrid();
  }

  function save() {
    syncFromGrid();
    busy(true);
    return api('PUT', '/api/v1/engine/tables/' + current.name, current).then(function (r) {
      busy(false);
      rowProblems = {};
      if (r.ok) {
        dirty = false;
        notice('success', 'Saved table ' + current.name + '. Validate and Activate to make it live.');
        return loadTables(current.name).then(function () { return true; });
      }
      showProblems(r, 'The table was not saved');
      return false;
    });
  }

  function showProblems(r, prefix) {
    var body = r.json || {};
    var errors = body.errors || [];
    var warnings = body.warnings || [];
    rowProblems = {};
    errors.forEach(function (p) {
      if (p.row && (!p.table || (current && p.table === current.name))) {
        (rowProblems[p.row] = rowProblems[p.row] || []).push(p.message);
      }
    });
    if (current) renderGrid();
    notice('error', prefix + ': ' + (body.detail || ('HTTP ' + r.status)));
    renderFindings(errors, warnings);
  }

  function renderFindings(errors, warnings) {
    var box = document.getElementById('findings');
    box.innerHTML = '';
    function where(p) {
      if (typeof p === 'string') return '';
      var parts = [];
      if (p.table) parts.push('table ' + p.table); else if (p.file) parts.push(p.file);
      if (p.row) parts.push('row ' + p.row);
      if (p.line) parts.push('line ' + p.line + (p.column ? ':' + p.column : ''));
      return parts.length ? parts.join(', ') + ': ' : '';
    }
    errors.forEach(function (p) { box.appendChild(el('div', { 'class': 'finding error', text: '✖ ' + where(p) + (p.message || p) })); });
    warnings.forEach(function (p) { box.appendChild(el('div', { 'class': 'finding warning', text: '⚠ ' + where(p) + (p.message || p) })); });
  }

  function saveIfDirty() {
    return dirty ? save() : Promise.resolve(true);
  }

  function validate() {
    saveIfDirty().then(function (saved) {
      if (!saved) return;
      busy(true);
      api('POST', '/api/v1/engine/rules/validate', {}).then(function (r) {
        busy(false);
        if (r.ok) {
          rowProblems = {};
          if (current) renderGrid();
          notice('success', 'The rules build' + (r.json.warnings.length ? ', with ' + r.json.warnings.length + ' warning(s).' : ' without findings.'));
          renderFindings([], r.json.warnings);
        } else {
          showProblems(r, 'Validation failed');
        }
      });
    });
  }

  function activate() {
    saveIfDirty().then(function (saved) {
      if (!saved) return;
      busy(true);
      api('POST', '/api/v1/engine/rules/activate', { activatedBy: user }).then(function (r) {
        busy(false);
        if (r.ok) {
          notice('success', 'Activated: version ' + r.json.version + ' is live.');
          renderFindings([], r.json.warnings || []);
          loadRules(); loadVersions();
        } else {
          showProblems(r, 'Not activated');
        }
      });
    });
  }

  function rollback(version) {
    if (!confirm('Roll back to version ' + version + '? It becomes live as a new version.')) return;
    busy(true);
    api('POST', '/api/v1/engine/rules/versions/' + version + '/rollback', { activatedBy: user }).then(function (r) {
      busy(false);
      if (r.ok) {
        notice('success', 'Rolled back to version ' + version + ': now live as version ' + r.json.version + '.');
        loadRules(); loadVersions(); loadTables();
      } else {
        showProblems(r, 'Rollback failed');
      }
    });
  }

  function importSheet(file) {
    if (!file) return;
    var type = /\.csv$/i.test(file.name) ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    file.arrayBuffer().then(function (buffer) {
      return api('PUT', '/api/v1/engine/tables/' + current.name + '/spreadsheet', buffer, type);
    }).then(function (r) {
      if (r.ok) {
        notice('success', 'Imported ' + file.name + ' into ' + current.name + '.');
        loadTables(current.name);
      } else {
        showProblems(r, 'Import failed');
      }
    });
  }

  function newTable() {
    var name = prompt('Name of the new table (lower case, digits, dashes):');
    if (!name) return;
    edit({ name: name.trim(), description: '', enabled: true, rows: [] });
    addRow();
  }

  function deleteTable() {
    if (!confirm('Delete table ' + current.name + '? The running rules keep it until the next activation.')) return;
    api('DELETE', '/api/v1/engine/tables/' + current.name).then(function (r) {
      if (r.ok || r.status === 404) {
        notice('success', 'Deleted table ' + current.name + '.');
        current = null;
        loadTables();
      } else {
        showProblems(r, 'Not deleted');
      }
    });
  }

  document.getElementById('validate').addEventListener('click', validate);
  document.getElementById('activate').addEventListener('click', activate);
  document.getElementById('new-table').addEventListener('click', newTable);
  busy(false);
  loadRules();
  loadVersions();
  loadTables();
})();
