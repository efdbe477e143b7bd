// The studio's little JS: copy buttons, and live stage states (polls the JSON API every 2 s).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.copy");
    if (!button) return;
    var text = button.getAttribute("data-copy");
    var done = function () { button.textContent = "copied"; setTimeout(function () { button.textContent = "copy"; }, 1500); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done);
    } else {  // http on a LAN address is not a secure context: fall back to a selection
      var area = document.createElement("textarea");
      area.value = text; document.body.appendChild(area); area.select();
      try { document.execCommand("copy"); done(); } finally { document.body.removeChild(area); }
    }
  });

  function paint(list, states) {
    states.forEach(function (s) {
      var item = list.querySelector('li[data-stage="' + s.stage + '"]');
      if (!item) return;
      var status = s.status.replace(/ /g, "-");
      item.className = "stage st-" + status;
      item.title = s.error || "";
      item.querySelector(".status").textContent = s.status;
    });
  }

  // Companies page: every company's stages from one call.
  var table = document.querySelector("table.companies");
  if (table) {
    (function pollAll() {
      fetch("/api/companies", { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
        .then(function (lines) {
          lines.forEach(function (line) {
            var list = table.querySelector('ol.stages[data-company="' + line.status.partition_key + '"]');
            if (list) paint(list, line.stages);
          });
        })
        .catch(function () { /* the next poll tries again */ })
        .finally(function () { setTimeout(pollAll, 2000); });
    })();
  }

  var live = document.querySelector("#live ol.stages");
  if (!live) return;
  var key = live.getAttribute("data-company");
  var note = document.getElementById("live-error");
  function poll() {
    fetch("/api/companies/" + encodeURIComponent(key) + "/stages", { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then(function (states) { paint(live, states); note.textContent = ""; })
      .catch(function (e) { note.textContent = "live status paused: " + e.message; })
      .finally(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 2000);
})();
