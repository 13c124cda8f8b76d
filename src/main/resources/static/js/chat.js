// The chat page: posts the question to /api/v1/agents/chat as a server-sent-event stream, shows each
// progress line as it arrives, then renders the answer with its metadata, citations and any
// suggested action (which only ever waits for approval).
(function () {
  var form = document.getElementById('chat-form');
  var input = document.getElementById('question');
  var agentSelect = document.getElementById('agent');
  var progress = document.getElementById('progress');
  var answers = document.getElementById('answers');
  var list = document.getElementById('conversations');

  function csrfHeaders(headers) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) headers[header.content] = token.content;
    return headers;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function kbLink(citation) {
    // "safety-checklist.md § Before leaving the site" -> the document in the knowledge base
    var doc = citation.split(' § ')[0];
    var a = el('a', null, citation);
    a.href = '/api/v1/agents/kb/' + encodeURIComponent(doc);
    a.target = '_blank';
    return a;
  }

  function render(question, answer) {
    var card = el('article', 'chat-answer');
    card.appendChild(el('p', 'chat-question', question));
    // Who answered, and through whom: "Manager → SolarController" or "SolarController (asked directly)".
    var who = answer.askedAgent === 'manager' || !answer.askedAgent
      ? 'Manager → ' + answer.agent : answer.agent + ' (asked directly)';
    var meta = (answer.offline ? 'offline mode · ' : '') + who + ' · ' + answer.durationMs + ' ms'
      + (answer.toolsCalled && answer.toolsCalled.length
        ? ' · tools: ' + answer.toolsCalled.map(function (t) { return t.tool; }).join(', ') : '')
      + (answer.inputTokens != null ? ' · tokens ' + answer.inputTokens + '/' + answer.outputTokens : '');
    card.appendChild(el('div', 'chat-meta muted', meta));
    card.appendChild(el('pre', 'chat-text', answer.answer));
    if (answer.citations && answer.citations.length) {
      var cites = el('div', 'chat-citations');
      cites.appendChild(el('span', 'muted', 'Sources: '));
      answer.citations.forEach(function (c, i) {
        if (i > 0) cites.appendChild(document.createTextNode(' · '));
        cites.appendChild(kbLink(c));
      });
      card.appendChild(cites);
    }
    if (answer.suggestedAction) {
      var s = answer.suggestedAction;
      card.appendChild(el('div', 'notice ' + (s.state === 'BLOCKED' ? 'error' : 'info'),
        'Suggested: switch ' + s.device + (s.on ? ' on' : ' off') + ' — ' + s.state
        + (s.detail ? ' (' + s.detail + ')' : '') + '. It runs only after an operator approves it.'));
    }
    answers.insertBefore(card, answers.firstChild);
  }

  function parseEvents(buffer, onEvent) {
    var parts = buffer.split('\n\n');
    var rest = parts.pop();
    parts.forEach(function (block) {
      var name = 'message', data = [];
      block.split('\n').forEach(function (line) {
        if (line.indexOf('event:') === 0) name = line.slice(6).trim();
        else if (line.indexOf('data:') === 0) data.push(line.slice(5).replace(/^ /, ''));
      });
      onEvent(name, data.join('\n'));
    });
    return rest;
  }

  async function ask(question, agent) {
    progress.textContent = 'Thinking…';
    document.getElementById('ask').disabled = true;
    try {
      var response = await fetch('/api/v1/agents/chat', {
        method: 'POST',
        headers: csrfHeaders({'Content-Type': 'application/json', 'Accept': 'text/event-stream'}),
        body: JSON.stringify({question: question, agent: agent})
      });
      if (!response.ok) {
        var problem = await response.json().catch(function () { return {}; });
        progress.textContent = problem.detail || ('Request failed (HTTP ' + response.status + ')');
        return;
      }
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var buffer = '';
      while (true) {
        var chunk = await reader.read();
        if (chunk.done) break;
        buffer = parseEvents(buffer + decoder.decode(chunk.value, {stream: true}), function (name, data) {
          if (name === 'progress') progress.textContent = data;
          else if (name === 'answer') { progress.textContent = ''; render(question, JSON.parse(data)); }
          else if (name === 'error') progress.textContent = 'Failed: ' + data;
        });
      }
      loadConversations();
    } finally {
      document.getElementById('ask').disabled = false;
    }
  }

  async function loadConversations() {
    var response = await fetch('/api/v1/agents/conversations?limit=30', {headers: {'Accept': 'application/json'}});
    if (!response.ok) return;
    var items = await response.json();
    list.innerHTML = '';
    if (!items.length) list.appendChild(el('li', 'muted', 'No conversations yet.'));
    items.forEach(function (c) {
      var li = el('li');
      li.appendChild(el('div', null, c.question));
      var links = el('div', 'muted small');
      links.appendChild(document.createTextNode(c.agent + ' · '));
      var md = el('a', null, 'markdown'); md.href = '/api/v1/agents/conversations/' + c.id + '.md';
      var json = el('a', null, 'json'); json.href = '/api/v1/agents/conversations/' + c.id;
      links.appendChild(md); links.appendChild(document.createTextNode(' · ')); links.appendChild(json);
      li.appendChild(links);
      list.appendChild(li);
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var question = input.value.trim();
    if (question) { input.value = ''; ask(question, agentSelect.value); }
  });
  loadConversations();
})();
