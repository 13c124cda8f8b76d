// Draws the 24-hour chart with uPlot: watts on the left axis, state of charge (%) on the right. The solar
// forecast (when there is one) is a dashed line with a shaded band between its low and high series.
(function () {
  var colors = ['#8250df', '#e3b341', '#1f6feb', '#6e7781', '#1a7f37', '#cf222e', '#0a7ea4', '#bf3989', '#9a6700'];
  var el = document.getElementById('power-chart');
  var plot = null;

  function draw(chart) {
    // Forecast points sit at the middle of each hour, between readings: there a reading series has no sample,
    // which uPlot must join over (undefined), while a real gap in the readings (null) still breaks the line.
    var readings = chart.series.filter(function (s) { return s.kind === 'reading'; });
    var forecastOnly = chart.t.map(function (_, i) {
      return readings.every(function (s) { return s.values[i] === null; })
        && chart.series.some(function (s) { return s.kind !== 'reading' && s.values[i] !== null; });
    });
    var data = [chart.t].concat(chart.series.map(function (s) {
      return s.kind !== 'reading' ? s.values
        : s.values.map(function (v, i) { return v === null && forecastOnly[i] ? undefined : v; });
    }));
    var low = -1, high = -1;
    var series = [{}].concat(chart.series.map(function (s, i) {
      if (s.kind === 'forecast-low' || s.kind === 'forecast-high') {
        if (s.kind === 'forecast-low') low = i + 1; else high = i + 1;
        return { label: s.label + ' (' + s.unit + ')', stroke: 'rgba(227,179,65,0.35)', width: 0.5,
                 scale: s.unit, spanGaps: true, points: { show: false } };
      }
      var forecast = s.kind === 'forecast';
      return { label: s.label + ' (' + s.unit + ')', stroke: forecast ? '#e3b341' : colors[i % colors.length],
               width: s.unit === '%' ? 2 : 1.5, dash: forecast ? [6, 4] : undefined,
               scale: s.unit, spanGaps: forecast, points: { show: false } };
    }));
    var opts = {
      width: el.clientWidth - 24, height: 340, series: series,
      scales: { '%': { range: [0, 100] } },
      axes: [{}, { scale: 'W', label: 'W' }, { scale: '%', side: 1, label: '%', grid: { show: false } }]
    };
    if (low > 0 && high > 0) {
      opts.bands = [{ series: [high, low], fill: 'rgba(227,179,65,0.18)' }];
    }
    if (plot) plot.destroy();
    el.innerHTML = '';
    if (chart.t.length === 0) {
      el.innerHTML = '<p class="muted">No readings in the last 24 hours yet.</p>';
      plot = null;
      return;
    }
    plot = new uPlot(opts, data, el);
  }

  function load() {
    fetch(el.dataset.src, { headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(draw)
      .catch(function (status) { el.innerHTML = '<p class="notice error">Chart unavailable (' + status + ').</p>'; });
  }

  load();
  setInterval(load, 60000);
})();
