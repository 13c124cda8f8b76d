// Sends the CSRF token with every htmx request, so htmx posts pass the same check as forms.
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// Shows failed htmx requests instead of doing nothing.
document.addEventListener('htmx:responseError', function (event) {
  var target = document.getElementById('notices');
  if (!target) return;
  var status = event.detail.xhr.status;
  var text = status === 403 ? 'You are not allowed to do that.' : 'Request failed (HTTP ' + status + ').';
  target.innerHTML = '<div class="notice error">' + text + '</div>';
});
