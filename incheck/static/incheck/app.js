// Incheck's little bit of JavaScript: character counters ("n/280") and a note when a request
// fails. Everything works without it; htmx does the rest.
(function () {
  "use strict";

  function updateCounter(textarea) {
    var counter = document.querySelector('[data-counter-for="' + textarea.id + '"]');
    if (!counter) return;
    var limit = parseInt(textarea.getAttribute("data-limit"), 10) || 280;
    var length = textarea.value.length;
    counter.textContent = length + "/" + limit;
    counter.classList.toggle("is-over", length > limit);
    counter.classList.toggle("is-near", length <= limit && length > limit * 0.9);
  }

  function updateAll(root) {
    (root || document).querySelectorAll("textarea[data-limit]").forEach(updateCounter);
  }

  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target instanceof HTMLTextAreaElement && target.hasAttribute("data-limit")) {
      updateCounter(target);
    }
  });

  document.addEventListener("DOMContentLoaded", function () { updateAll(document); });
  // After htmx swaps in new content (the KR page after a check-in), count again.
  document.addEventListener("htmx:afterSettle", function (event) { updateAll(event.target); });

  function toast(status) {
    var box = document.getElementById("toast");
    if (!box) return;
    // The texts are translated on the server (base.html), like every other string.
    box.textContent = box.getAttribute(status === 403 ? "data-forbidden" : "data-failed");
    box.hidden = false;
    window.clearTimeout(box._timer);
    box._timer = window.setTimeout(function () { box.hidden = true; }, 6000);
  }

  // Coaching hints are a nicety: only a failed check-in is worth interrupting for.
  function failed(event) {
    var source = event.detail && event.detail.elt;
    if (source && source.tagName === "FORM") {
      toast(event.detail.xhr ? event.detail.xhr.status : 0);
    }
  }
  // A picker (the team page's period) shows its choice at once; its button stays for no-JS.
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.hasAttribute("data-submit-on-change") && target.form) {
      target.form.requestSubmit();
    }
  });

  // Alignment: a branch's toggle shows and hides it; htmx fetches it on the first click.
  document.addEventListener("click", function (event) {
    var toggle = event.target instanceof Element ? event.target.closest(".align-toggle") : null;
    if (!toggle) return;
    var branch = document.getElementById(toggle.getAttribute("aria-controls"));
    if (!branch) return;
    var open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", open ? "false" : "true");
    branch.hidden = open;
  });

  document.addEventListener("htmx:responseError", failed);
  document.addEventListener("htmx:sendError", failed);

  // The time-zone choice suggests the browser's own zone too, right after the person's current
  // one (the server only knows the browser's language). The choice itself stays as it was.
  function suggestBrowserZone() {
    var select = document.querySelector("select[data-likely-zones]");
    var zone = window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone;
    var suggested = select && select.querySelector("optgroup");
    if (!zone || !suggested) return;
    var known = Array.prototype.filter.call(select.options, function (option) {
      return option.value === zone;
    });
    if (!known.length || known[0].parentNode === suggested) return;
    var option = new Option(zone.replace(/_/g, " "), zone);
    suggested.insertBefore(option, suggested.children[1] || null);
  }
  document.addEventListener("DOMContentLoaded", suggestBrowserZone);
})();
