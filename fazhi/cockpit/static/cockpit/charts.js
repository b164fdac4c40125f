/* Draw every chart of the page from its JSON (each chart has its table beside it). */
function drawCharts() {
  document.querySelectorAll("[data-chart]").forEach(function (box) {
    var data = JSON.parse(document.getElementById(box.dataset.chart).textContent);
    var names = Object.keys(data.series);
    var chart = echarts.init(box, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      title: { text: data.title, left: "center", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis" },
      legend: { bottom: 0, data: names },
      toolbox: { feature: { saveAsImage: { title: "下载图片", name: data.title } } },
      grid: { left: 48, right: 24, top: 48, bottom: 56 },
      xAxis: { type: "category", data: data.categories, axisLabel: { interval: 0, rotate: data.categories.length > 8 ? 30 : 0 } },
      yAxis: { type: "value", name: data.measure },
      series: names.map(function (name) {
        return { name: name, type: data.kind === "line" ? "line" : "bar", data: data.series[name], label: { show: true, position: "top" } };
      }),
    });
    box.dataset.rendered = "1";
    window.addEventListener("resize", function () { chart.resize(); });
  });
}
if (document.readyState === "complete") { drawCharts(); } else { window.addEventListener("load", drawCharts); }
