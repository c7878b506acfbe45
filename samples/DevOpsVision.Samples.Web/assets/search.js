// As-you-type search: completions from /api/search/suggest and live results from /api/search.
// The page works without it: the form submits to the server-rendered /search/ page.
(function () {
  "use strict";
  var form = document.querySelector("form[data-api]");
  if (!form) { return; }
  var input = form.querySelector("input[name=q]");
  var list = document.getElementById("suggestions");
  var results = document.getElementById("search-results");
  var timer = 0;
  var latest = 0;

  function filters() {
    var params = new URLSearchParams();
    form.querySelectorAll("input[type=hidden]").forEach(function (hidden) { params.set(hidden.name, hidden.value); });
    return params;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function dayOf(iso) {
    // The API gives the date in the blog's time zone; show its calendar day as the server does.
    var months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    var parts = iso.substring(0, 10).split("-");
    return months[parseInt(parts[1], 10) - 1] + " " + parseInt(parts[2], 10) + ", " + parts[0];
  }

  function render(data) {
    results.replaceChildren();
    var line = element("p", "summary-line", data.total + (data.total === 1 ? " post matches " : " posts match "));
    line.appendChild(element("strong", "", data.query));
    results.appendChild(line);
    if (data.didYouMean) {
      var dym = element("p", "did-you-mean", "Did you mean ");
      var link = element("a", "", data.didYouMean);
      link.href = "/search/?q=" + encodeURIComponent(data.didYouMean);
      dym.appendChild(link);
      dym.appendChild(document.createTextNode("?"));
      results.appendChild(dym);
    }
    var hits = element("ol", "hits");
    data.hits.forEach(function (hit) {
      var item = element("li", "hit");
      var heading = element("h2");
      var anchor = element("a");
      anchor.href = hit.url;
      // titleHtml and snippet are HTML-escaped by the server; the only markup is <mark>.
      anchor.innerHTML = hit.titleHtml;
      heading.appendChild(anchor);
      item.appendChild(heading);
      item.appendChild(element("p", "meta", "Posted on " + dayOf(hit.date)));
      var snippet = element("p", "snippet");
      snippet.innerHTML = hit.snippet;
      item.appendChild(snippet);
      hits.appendChild(item);
    });
    results.appendChild(hits);
  }

  function search(text) {
    var ticket = ++latest;
    var params = filters();
    params.set("q", text);
    fetch(form.dataset.api + "?" + params.toString(), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json().then(function (body) { return { ok: response.ok, body: body }; }); })
      .then(function (answer) {
        if (ticket !== latest) { return; }
        if (!answer.ok) {
          results.replaceChildren(element("p", "error", answer.body.detail || "The search failed."));
          return;
        }
        render(answer.body);
        history.replaceState(null, "", "/search/?" + params.toString());
      })
      .catch(function () { /* keep the last results; the form still submits */ });

    fetch(form.dataset.suggest + "?q=" + encodeURIComponent(text))
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (words) {
        if (ticket !== latest) { return; }
        list.replaceChildren.apply(list, words.map(function (word) { var option = document.createElement("option"); option.value = word; return option; }));
      })
      .catch(function () { });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var text = input.value.trim();
    if (text.length < 2) { return; }
    timer = setTimeout(function () { search(text); }, 150);
  });
})();
