// shiju Workbench: draws the charts from JSON data blocks (never from HTML), and wires the document view.
// Tooltips use ECharts' richText mode: labels from documents are drawn on the canvas, never parsed as HTML.
(function () {
  "use strict";
  var QUAD = ["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"];
  var QUAD_ZH = { verbal_coop: "言语合作", material_coop: "实质合作", verbal_conflict: "言语冲突", material_conflict: "实质冲突" };
  var QUAD_COLOR = { verbal_coop: "#69db7c", material_coop: "#2f9e44", verbal_conflict: "#ffa94d", material_conflict: "#d9480f" };
  var FONT = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

  function data(el) {
    var src = document.getElementById(el.getAttribute("data-source"));
    return src ? JSON.parse(src.textContent) : null;
  }
  function uniq(xs) { var seen = {}, out = []; xs.forEach(function (x) { if (!seen[x]) { seen[x] = 1; out.push(x); } }); return out; }
  function empty(el, msg) { el.classList.add("empty"); el.textContent = msg; }
  function base() {
    return { textStyle: { fontFamily: FONT }, tooltip: { renderMode: "richText", confine: true }, animation: false };
  }

  var builders = {
    types: function (rows) {
      if (!rows.length) return null;
      var periods = uniq(rows.map(function (r) { return r.period; })).sort();
      var types = uniq(rows.map(function (r) { return r.type; })).sort();
      var series = types.map(function (t) {
        var byP = {}; rows.forEach(function (r) { if (r.type === t) byP[r.period] = r.events; });
        return { name: t, type: "bar", stack: "all", data: periods.map(function (p) { return byP[p] || 0; }) };
      });
      var o = base();
      o.tooltip.trigger = "axis";
      o.legend = { type: "scroll", top: 0 };
      o.grid = { left: 40, right: 16, top: 40, bottom: 30 };
      o.xAxis = { type: "category", data: periods };
      o.yAxis = { type: "value", minInterval: 1 };
      o.series = series;
      return o;
    },
    heatmap: function (h) {
      if (!h.actors.length) return null;
      var ids = h.actors.map(function (a) { return a.id; });
      var labels = h.actors.map(function (a) { return a.label; });
      var cells = h.cells.map(function (c) { return [ids.indexOf(c.target), ids.indexOf(c.source), c.events, c.mean_intensity]; });
      var max = Math.max.apply(null, [1].concat(h.cells.map(function (c) { return c.events; })));
      var o = base();
      o.tooltip.formatter = function (p) {
        return labels[p.data[1]] + " → " + labels[p.data[0]] + "\n事件 " + p.data[2] +
          (p.data[3] === null ? "" : "  平均强度 " + p.data[3]);
      };
      o.grid = { left: 90, right: 20, top: 10, bottom: 90 };
      o.xAxis = { type: "category", data: labels, axisLabel: { rotate: 45, interval: 0 }, name: "recipient", nameLocation: "middle", nameGap: 70 };
      o.yAxis = { type: "category", data: labels, axisLabel: { interval: 0 }, inverse: true };
      o.visualMap = { min: 0, max: max, show: false, inRange: { color: ["#eef4ff", "#1c5fb8"] } };
      o.series = [{ type: "heatmap", data: cells, label: { show: true, formatter: function (p) { return p.data[2]; } } }];
      return o;
    },
    timeline: function (rows) {
      if (!rows.length) return null;
      var o = base();
      o.tooltip.trigger = "axis";
      o.legend = { top: 0 };
      o.grid = { left: 40, right: 16, top: 36, bottom: 30 };
      o.xAxis = { type: "category", data: rows.map(function (r) { return r.period; }) };
      o.yAxis = { type: "value", minInterval: 1 };
      o.series = [
        { name: "作为行为体 as actor", type: "bar", data: rows.map(function (r) { return r.as_actor; }), itemStyle: { color: "#1c5fb8" } },
        { name: "作为对象 as recipient", type: "bar", data: rows.map(function (r) { return r.as_recipient; }), itemStyle: { color: "#f08c00" } }
      ];
      return o;
    },
    dyad: function (d) {
      if (!d.curve.length) return null;
      var periods = uniq(d.curve.map(function (r) { return r.period; })).sort();
      var sums = {}, isum = {}, n = {};
      d.curve.forEach(function (r) {
        var s = sums[r.period] || (sums[r.period] = { verbal_coop: 0, material_coop: 0, verbal_conflict: 0, material_conflict: 0 });
        QUAD.forEach(function (k) { s[k] += r[k]; });
        if (r.mean_intensity !== null) { isum[r.period] = (isum[r.period] || 0) + r.mean_intensity * r.events; n[r.period] = (n[r.period] || 0) + r.events; }
      });
      var series = QUAD.map(function (k) {
        var sign = k.indexOf("conflict") >= 0 ? -1 : 1;
        return { name: QUAD_ZH[k], type: "bar", stack: sign > 0 ? "coop" : "conflict", itemStyle: { color: QUAD_COLOR[k] },
                 data: periods.map(function (p) { return sign * sums[p][k]; }) };
      });
      series.push({ name: "平均强度 intensity", type: "line", yAxisIndex: 1, smooth: true, itemStyle: { color: "#343a40" },
                    data: periods.map(function (p) { return n[p] ? Math.round(isum[p] / n[p] * 100) / 100 : null; }) });
      var o = base();
      o.tooltip.trigger = "axis";
      o.legend = { top: 0 };
      o.grid = { left: 40, right: 40, top: 36, bottom: 30 };
      o.xAxis = { type: "category", data: periods };
      o.yAxis = [{ type: "value", minInterval: 1, name: "合作 ↑ / 冲突 ↓", axisLabel: { formatter: function (v) { return Math.abs(v); } } },
                 { type: "value", min: -10, max: 10, splitLine: { show: false } }];
      o.series = series;
      return o;
    },
    graph: function (g) {
      if (!g.nodes.length) return null;
      var maxN = Math.max.apply(null, g.nodes.map(function (x) { return x.events; }));
      var maxE = Math.max.apply(null, [1].concat(g.edges.map(function (x) { return x.events; })));
      var o = base();
      o.tooltip.formatter = function (p) {
        if (p.dataType === "edge") {
          var e = p.data.raw;
          return e.source + " → " + e.target + "\n事件 " + e.events + "\n" + QUAD.map(function (k) { return QUAD_ZH[k] + " " + e[k]; }).join("\n");
        }
        return p.data.name + " (" + p.data.id + ")\n事件 " + p.data.value;
      };
      o.series = [{
        type: "graph", layout: "force", roam: true, draggable: true, edgeSymbol: ["none", "arrow"], edgeSymbolSize: 7,
        force: { repulsion: 900, edgeLength: [140, 280], gravity: 0.05, layoutAnimation: false },
        label: { show: true, position: "right", fontFamily: FONT, fontSize: 13 },
        data: g.nodes.map(function (x) {
          return { id: x.id, name: x.label, value: x.events, symbolSize: 12 + 30 * Math.sqrt(x.events / maxN),
                   itemStyle: { color: x.type === "state" ? "#1c5fb8" : (x.type === "person" ? "#f08c00" : "#7048e8") } };
        }),
        links: g.edges.map(function (e) {
          var coop = e.verbal_coop + e.material_coop, conf = e.verbal_conflict + e.material_conflict;
          return { source: e.source, target: e.target, raw: e,
                   lineStyle: { width: 1 + 5 * e.events / maxE, curveness: 0.15, opacity: 0.8,
                                color: conf > coop ? "#d9480f" : (coop > conf ? "#2f9e44" : "#868e96") } };
        })
      }];
      return o;
    }
  };

  function drawCharts() {
    if (!window.echarts) return;
    var charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var build = builders[el.getAttribute("data-chart")];
      var d = data(el);
      var option = build && d ? build(d) : null;
      if (!option) { empty(el, "没有可画的数据 nothing to draw yet"); return; }
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(option);
      if (el.getAttribute("data-chart") === "graph") {
        chart.on("click", function (p) {
          if (p.dataType === "node") window.location.href = "/actor/" + encodeURIComponent(p.data.id);
        });
      }
      el.setAttribute("data-rendered", "1");
      charts.push(chart);
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  }

  function wireDocument() {
    var doc = document.getElementById("doc");
    if (!doc) return;
    function marks(li) {
      var ids = (li.getAttribute("data-span") || "").split(" ").filter(Boolean);
      var out = [];
      ids.forEach(function (id) {
        doc.querySelectorAll(".hl[data-spans]").forEach(function (el) {
          if (el.getAttribute("data-spans").split(" ").indexOf(id) >= 0) out.push(el);
        });
      });
      return out;
    }
    doc.querySelectorAll(".panel li[data-span]").forEach(function (li) {
      li.addEventListener("mouseenter", function () { marks(li).forEach(function (m) { m.classList.add("focus"); }); });
      li.addEventListener("mouseleave", function () { marks(li).forEach(function (m) { m.classList.remove("focus"); }); });
      li.addEventListener("click", function (ev) {
        if (ev.target.closest("a")) return;
        var m = marks(li);
        if (m.length) m[0].scrollIntoView({ behavior: "smooth", block: "center" });
      });
    });
    doc.querySelectorAll(".legend-item").forEach(function (b) {
      b.addEventListener("click", function () {
        var on = b.getAttribute("aria-pressed") !== "true";
        b.setAttribute("aria-pressed", on ? "true" : "false");
        doc.classList.toggle("off-" + b.getAttribute("data-kind"), !on);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { drawCharts(); wireDocument(); });
})();
