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
    var box = el.getBoundingClientRect();
    var left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(4, left) + "px";
    tip.style.top = (window.scrollY + box.bottom + 6) + "px";
  }

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
