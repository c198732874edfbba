// Tooltips for the marks (hover or keyboard focus), linked facts lit up, and a marker tests read.
(function () {
  "use strict";
  var facts = JSON.parse(document.getElementById("factx-facts").textContent);
  var tip = document.getElementById("tip");
  var lit = [];
  var KIND = { date: "date", figure: "figure", trigger: "event", participant: "participant", place: "place" };

  function ids(el) { return (el.getAttribute("data-f") || el.getAttribute("data-t") || "").split(" ").filter(Boolean); }
  function sel(attr, id) { return "[" + attr + '~="' + id.replace(/["\\]/g, "\\$&") + '"]'; }

  function light(list) {
    lit.forEach(function (el) { el.classList.remove("on"); });
    lit = [];
    list.forEach(function (id) {
      ["data-ev", "data-t", "data-f"].forEach(function (attr) {
        document.querySelectorAll(sel(attr, id)).forEach(function (el) { el.classList.add("on"); lit.push(el); });
      });
    });
  }

  function row(table, label, value) {
    var tr = table.insertRow(), a = tr.insertCell(), b = tr.insertCell();
    a.textContent = label; b.textContent = value;
  }

  function show(el) {
    var list = ids(el).filter(function (id) { return facts[id]; });
    if (!list.length) { return; }
    tip.textContent = "";
    var related = [];
    list.forEach(function (id) {
      var f = facts[id];
      var head = document.createElement("div"), kind = document.createElement("span");
      head.className = "t"; kind.className = "kind";
      kind.textContent = (KIND[f.k] || f.k) + " " + id.split(":").pop() + "  ";
      head.appendChild(kind); head.appendChild(document.createTextNode(f.t));
      var table = document.createElement("table");
      f.r.forEach(function (r) { row(table, r[0], r[1]); });
      tip.appendChild(head); tip.appendChild(table);
      related = related.concat(f.x, [id]);
    });
    light(related);
    tip.hidden = false;
    place(el);
  }

  // Away from what it describes: a timeline row's or the side column's tip goes beside that column
  // (never over the timeline's dates), a mark's below it, else above it; the first that fits the window.
  function place(el) {
    var box = el.getBoundingClientRect(), w = tip.offsetWidth, h = tip.offsetHeight;
    var width = document.documentElement.clientWidth, height = window.innerHeight, gap = 8;
    var spots = [], side = el.closest(".side");
    if (side) {
      var column = side.getBoundingClientRect();
      spots.push([column.left - w - gap, box.top], [column.right + gap, box.top]);
    }
    spots.push([box.left, box.bottom + gap], [box.left, box.top - h - gap]);
    var fits = spots.filter(function (s) { return s[0] >= 4 && s[0] + w <= width - 4 && s[1] >= 0 && s[1] + h <= height; });
    var spot = fits.length ? fits[0] : spots[spots.length - 2];
    var x = Math.max(4, Math.min(spot[0], width - w - 4));
    tip.style.left = (window.scrollX + x) + "px";
    tip.style.top = (window.scrollY + spot[1]) + "px";
  }

  // Tick labels that would touch the one before them at this width are hidden (the axis keeps its order).
  function uncrowd() {
    document.querySelectorAll(".tl-axis").forEach(function (axis) {
      var kept = [];
      axis.querySelectorAll(".tl-tick").forEach(function (tick) {
        tick.classList.remove("crowded");
        var r = tick.getBoundingClientRect();
        var touches = kept.some(function (k) { return r.left < k.right + 6 && k.left < r.right + 6; });
        if (touches) { tick.classList.add("crowded"); } else { kept.push(r); }
      });
    });
  }
  uncrowd();
  window.addEventListener("resize", uncrowd);

  function hide() { tip.hidden = true; light([]); }
  function target(ev) { return ev.target.closest ? ev.target.closest(".m[data-f], [data-t]") : null; }

  document.addEventListener("mouseover", function (ev) { var el = target(ev); if (el) { show(el); } });
  document.addEventListener("mouseout", function (ev) { if (target(ev)) { hide(); } });
  document.addEventListener("focusin", function (ev) { var el = target(ev); if (el) { show(el); } });
  document.addEventListener("focusout", hide);
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { hide(); }
    if (ev.key === "Enter" && ev.target.hasAttribute && ev.target.hasAttribute("data-t")) {
      var id = ids(ev.target)[0], mark = document.querySelector(".m[tabindex]" + sel("data-f", id));
      if (mark) { mark.focus(); mark.scrollIntoView({ block: "center" }); }
    }
  });
  document.addEventListener("click", function (ev) {
    var el = ev.target.closest && ev.target.closest("[data-t]");
    if (!el) { return; }
    var mark = document.querySelector(".m[tabindex]" + sel("data-f", ids(el)[0]));
    if (mark) { mark.focus(); mark.scrollIntoView({ block: "center" }); }
  });
  // A link to one fact, e.g. page.html#f=1:e12, opens with that fact focused and its tooltip shown.
  var wanted = /^#f=(.+)$/.exec(decodeURIComponent(location.hash));
  var first = wanted && document.querySelector(".m[tabindex]" + sel("data-f", wanted[1]));
  if (first) { first.focus(); show(first); }
  document.documentElement.setAttribute("data-factx-view", "ready");
  // Navigation start to laid out (reading offsetHeight forces style and layout): what benchmarks read.
  window.addEventListener("load", function () {
    var height = document.body.offsetHeight;
    document.documentElement.setAttribute("data-render-ms", String(Math.round(performance.now())));
    document.documentElement.setAttribute("data-height", String(height));
  });
})();
