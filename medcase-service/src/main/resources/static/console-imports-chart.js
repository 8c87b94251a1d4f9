// The import dashboard's throughput chart (ECharts). The data comes from JSON blocks in the page, so the
// console's CSP can forbid inline scripts.
(function () {
  var box = document.getElementById('throughput-chart');
  if (!box || typeof echarts === 'undefined') { return; }
  var data = JSON.parse(document.getElementById('throughput-data').textContent || '{}');
  var labels = JSON.parse(document.getElementById('throughput-labels').textContent || '[]');
  var chart = echarts.init(box);
  chart.setOption({
    animation: false,
    tooltip: {trigger: 'axis'},
    legend: {data: labels},
    grid: {left: 40, right: 16, top: 32, bottom: 24},
    xAxis: {type: 'category', data: data.times},
    yAxis: {type: 'value', minInterval: 1},
    series: [
      {name: labels[0], type: 'line', data: data.received},
      {name: labels[1], type: 'line', data: data.filed},
      {name: labels[2], type: 'line', data: data.failed}
    ]
  });
  window.addEventListener('resize', function () { chart.resize(); });
})();
