// Pending approvals on the hardware page: lists actions waiting for a person's yes and lets an
// operator approve or reject them. The rules check the action again when it is approved.
(function () {
  var table = document.querySelector('#pending-approvals tbody');
  var notices = document.getElementById('approvals-notices');
  var operator = document.getElementById('hardware-page').dataset.operator === 'true';

  function csrfHeaders(headers) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) headers[header.content] = token.content;
    return headers;
  }

  function cell(row, text) {
    var td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  async function decide(id, decision) {
    var response = await fetch('/api/v1/approvals/' + id + '/' + decision, {
      method: 'POST', headers: csrfHeaders({'Accept': 'application/json'})
    });
    var body = await response.json().catch(function () { return {}; });
    var ok = response.ok;
    notices.innerHTML = '';
    var div = document.createElement('div');
    div.className = 'notice ' + (ok ? 'success' : 'error');
    div.textContent = body.message || body.detail || ('HTTP ' + response.status);
    notices.appendChild(div);
    load();
  }

  async function load() {
    var response = await fetch('/api/v1/approvals/pending', {headers: {'Accept': 'application/json'}});
    if (!response.ok) return;
    var pending = await response.json();
    table.innerHTML = '';
    var badge = document.getElementById('approvals-badge');
    if (badge) badge.textContent = pending.length || '';
    if (!pending.length) {
      var empty = document.createElement('tr');
      cell(empty, 'Nothing is waiting for approval.').colSpan = 6;
      table.appendChild(empty);
      return;
    }
    pending.forEach(function (p) {
      var row = document.createElement('tr');
      row.id = 'approval-' + p.id;
      cell(row, 'Turn ' + (p.on ? 'on ' : 'off ') + p.device);
      cell(row, p.source.toLowerCase() + ' · ' + p.requestedBy);
      cell(row, p.why || p.reason || '');
      cell(row, p.shortCode);
      cell(row, new Date(p.expiresAt).toLocaleTimeString());
      var actions = cell(row, '');
      if (operator) {
        var yes = document.createElement('button');
        yes.textContent = 'Approve'; yes.className = 'primary approve';
        yes.onclick = function () { decide(p.id, 'approve'); };
        var no = document.createElement('button');
        no.textContent = 'Reject'; no.className = 'reject';
        no.onclick = function () { decide(p.id, 'reject'); };
        actions.appendChild(yes); actions.appendChild(no);
      }
      table.appendChild(row);
    });
  }

  load();
  setInterval(load, 10000);
})();
