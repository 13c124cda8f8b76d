// What the /automation page's forms share: REST calls with the session's CSRF token, a problem's fields shown
// beside the inputs they name (data-field), showing only the inputs a choice needs, reloading the lists, and the
// condition rows the if/then builder and the workflow form's wait and branch steps both use.
window.Automation = (function () {
  function headers() {
    var h = { 'Accept': 'application/json', 'Content-Type': 'application/json' };
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) h[header.content] = token.content;
    return h;
  }

  function api(method, url, body) {
    return fetch(url, { method: method, headers: headers(), body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (r) {
        return r.text().then(function (text) {
          var json = null;
          try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
          return { ok: r.ok, status: r.status, json: json || {} };
        });
      }, function () { return { ok: false, status: 0, json: { detail: 'CommandCenter did not answer.' } }; });
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function notice(box, kind, text, items) {
    box.innerHTML = '';
    var div = el('div', { 'class': 'notice ' + kind }, text);
    if (items && items.length) {
      var ul = el('ul');
      items.forEach(function (t) { ul.appendChild(el('li', {}, t)); });
      div.appendChild(ul);
    }
    box.appendChild(div);
  }

  // Shows the elements whose data-<attr> lists the value, hides the others ("data-kind='measure forecast'").
  function show(scope, attr, value) {
    scope.querySelectorAll('[data-' + attr + ']').forEach(function (e) {
      e.hidden = e.getAttribute('data-' + attr).split(' ').indexOf(value) < 0;
    });
  }

  function visible(e) { return e.offsetParent !== null; }

  function clearErrors(form) {
    form.querySelectorAll('.invalid').forEach(function (e) { e.classList.remove('invalid'); });
    form.querySelectorAll('.field-error').forEach(function (e) { e.textContent = ''; });
    form.querySelectorAll('.row-error').forEach(function (e) { e.classList.remove('row-error'); });
  }

  // Marks the input that {field} names inside {scope} and writes the message beside it: in a row's own error line,
  // else in the form's line for that field (data-error-for lists the fields it takes). False when nothing fits.
  function markField(form, scope, field, message) {
    var inputs = field ? Array.prototype.slice.call(scope.querySelectorAll('[data-field="' + field + '"]')) : [];
    var input = inputs.filter(visible)[0] || inputs[0];
    if (input) input.classList.add('invalid');
    var line = scope !== form ? scope.querySelector(':scope > .field-error')
      : form.querySelector('[data-error-for~="' + field + '"]');
    if (!line) return false;
    if (scope !== form) scope.classList.add('row-error');
    line.textContent = (line.textContent ? line.textContent + ' · ' : '') + message;
    return true;
  }

  // The lists are server-rendered: after a change, the page's own tables are fetched again and swapped in.
  function reloadLists() {
    return fetch('/automation', { headers: { 'Accept': 'text/html' } })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        ['if-then-rules', 'schedules'].forEach(function (id) {
          var now = document.getElementById(id);
          var next = fresh.getElementById(id);
          if (now && next) now.replaceWith(next);
        });
      });
  }

  function busy(id, on) { document.getElementById(id).style.display = on ? 'inline-block' : 'none'; }

  function number(value) { return value === '' || value === null || value === undefined ? null : Number(value); }

  // "10:00:00" and "2026-12-05T10:00:00" as the time and datetime-local inputs take them.
  function hhmm(value) { return value ? String(value).substring(0, 5) : ''; }
  function localDateTime(value) { return value ? String(value).substring(0, 16) : ''; }

  function checkedDays(scope) {
    return Array.prototype.map.call(scope.querySelectorAll('input[name="weekday"]:checked'), function (c) {
      return Number(c.value);
    });
  }

  function checkDays(scope, days) {
    scope.querySelectorAll('input[name="weekday"]').forEach(function (c) {
      c.checked = (days || []).indexOf(Number(c.value)) >= 0;
    });
  }

  // The server checks names too; this catches the ones that would not even make a valid address ("a/b").
  function nameProblem(name) {
    if (!name) return 'is required';
    return /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,59}$/u.test(name) ? null
      : "must be 1 to 60 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit";
  }

  // A select shows a stored value even when it is no longer offered (a device since removed), so nothing is lost.
  function choose(select, value) {
    if (value === null || value === undefined) return;
    value = String(value);
    if (!Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
      select.appendChild(el('option', { value: value }, value + ' (not registered)'));
    }
    select.value = value;
  }

  // The Edit and Delete buttons live in the lists, which are swapped after each change: one listener for all.
  function onListButton(className, handler) {
    document.addEventListener('click', function (e) {
      var button = e.target.closest('button.' + className);
      if (button) handler(button.getAttribute('data-name'));
    });
  }

  // ---- rows ----

  function input(scope, name) { return scope.querySelector('[name="' + name + '"]'); }

  // A row cloned from a <template> and appended to {container}; its × removes it. {changed} runs after either, so
  // the form can number its rows again.
  function addRow(container, templateId, setup, changed) {
    var row = document.getElementById(templateId).content.firstElementChild.cloneNode(true);
    container.appendChild(row);
    row.querySelector('.remove-row').addEventListener('click', function () {
      row.remove();
      if (changed) changed();
    });
    setup(row);
    if (changed) changed();
    return row;
  }

  // prefix-0, prefix-1, … in order, so a problem on conditions[1] lands on the second row
  function numberRows(container, prefix) {
    Array.prototype.forEach.call(container.children, function (row, i) { row.id = prefix + '-' + i; });
  }

  // ---- condition rows (the template automation/builder :: conditionRow) ----

  function addCondition(container, templateId, c, changed) {
    return addRow(container, templateId, function (row) {
      input(row, 'trigger').addEventListener('change', function () { conditionInputs(row); });
      input(row, 'comparison').addEventListener('change', function () { conditionInputs(row); });
      if (c) fillCondition(row, c);
      conditionInputs(row);
    }, changed);
  }

  function kindOf(row) { return input(row, 'trigger').selectedOptions[0].getAttribute('data-trigger-kind'); }

  // Only the inputs the trigger needs; "between" shows a second value; the first value is the field it fills.
  function conditionInputs(row) {
    var option = input(row, 'trigger').selectedOptions[0];
    show(row, 'kind', option.getAttribute('data-trigger-kind'));
    row.querySelector('.unit').textContent = option.getAttribute('data-unit');
    var how = input(row, 'comparison').value;
    input(row, 'value').setAttribute('data-field', how === 'below' ? 'below' : 'atLeast');
    row.querySelector('.second-value').hidden = how !== 'between';
  }

  // A condition as the REST API takes it: only the fields its trigger uses.
  function readCondition(row) {
    var kind = kindOf(row);
    var value = function (name) { return input(row, name).value; };
    var c = { trigger: value('trigger') };
    if (kind === 'measure' || kind === 'forecast') {
      var how = value('comparison');
      if (how === 'below') c.below = number(value('value'));
      else c.atLeast = number(value('value'));
      if (how === 'between') c.below = number(value('value2'));
      if (kind === 'forecast') c.hours = Number(value('hours'));
    } else if (kind === 'time') {
      c.from = value('from') || null;
      c.until = value('until') || null;
    } else if (kind === 'weekday') {
      c.weekdays = checkedDays(row);
    } else if (kind === 'device') {
      c.device = value('device') || null;
      c.state = value('state');
    } else if (kind === 'mode') {
      c.mode = value('mode') || null;
    }
    return c;
  }

  function fillCondition(row, c) {
    choose(input(row, 'trigger'), c.trigger);
    var low = c.atLeast, high = c.below;
    var has = function (v) { return v !== null && v !== undefined; };
    input(row, 'comparison').value = has(low) && has(high) ? 'between' : has(low) ? 'atLeast' : 'below';
    input(row, 'value').value = has(low) ? low : has(high) ? high : '';
    input(row, 'value2').value = has(low) && has(high) ? high : '';
    if (c.hours) choose(input(row, 'hours'), c.hours);
    input(row, 'from').value = hhmm(c.from);
    input(row, 'until').value = hhmm(c.until);
    checkDays(row, c.weekdays);
    if (c.device) choose(input(row, 'device'), c.device);
    if (c.state) choose(input(row, 'state'), String(c.state).toUpperCase());
    if (c.mode) choose(input(row, 'mode'), c.mode);
  }

  return {
    api: api, el: el, notice: notice, show: show, clearErrors: clearErrors, markField: markField,
    reloadLists: reloadLists, busy: busy, number: number, hhmm: hhmm, localDateTime: localDateTime,
    checkedDays: checkedDays, checkDays: checkDays, onListButton: onListButton, nameProblem: nameProblem,
    choose: choose, addRow: addRow, numberRows: numberRows, addCondition: addCondition, readCondition: readCondition
  };
})();
