// The dashboards' charts: each element with data-chart names a <script type="application/json"> holding
// {kind: "line"|"bar", x: [...], series: [{name, data, dashed?}]}; drawn with Apache ECharts served by the
// centre itself (vendor/echarts), never from a CDN. No inline script: the console's CSP allows only 'self'.
(function () {
  "use strict";
  function draw(el) {
    var source = document.getElementById(el.dataset.chart);
    if (!source || typeof echarts === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: 40 },
      xAxis: { type: "category", data: spec.x, axisLabel: { rotate: spec.x.length > 16 ? 45 : 0 } },
      yAxis: { type: "value" },
      series: spec.series.map(function (s) {
        return { name: s.name, type: spec.kind, data: s.data, showSymbol: false,
                 lineStyle: s.dashed ? { type: "dashed" } : undefined };
      })
    });
    el.dataset.rendered = "1";
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function start() { document.querySelectorAll("[data-chart]").forEach(draw); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
