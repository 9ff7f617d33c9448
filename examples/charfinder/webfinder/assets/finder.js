// Live search: asks /search as the user types and fills the table. Without
// JavaScript the form does the same through a page load (GET /?q=...).
"use strict";
(function () {
  document.documentElement.dataset.js = "on";
  const form = document.getElementById("form");
  const input = document.getElementById("q");
  const table = document.getElementById("results");
  const caption = document.getElementById("caption");
  const rows = document.getElementById("rows");
  const samples = document.getElementById("samples");
  let seq = 0;
  let timer = 0;

  function cell(cls, text) {
    const td = document.createElement("td");
    td.className = cls;
    td.textContent = text;
    return td;
  }

  function countText(n, shown) {
    let s = n === 1 ? "1 character found" : n + " characters found";
    if (shown < n) s += " (first " + shown + " shown)";
    return s;
  }

  async function search() {
    const query = input.value;
    const mine = ++seq;
    const url = "/?q=" + encodeURIComponent(query);
    let text, list = [];
    if (query.trim() === "") {
      text = "Enter words describing characters.";
    } else {
      try {
        const resp = await fetch("/search?q=" + encodeURIComponent(query));
        const body = await resp.json();
        if (mine !== seq) return; // a later search has started
        if (!resp.ok) {
          text = body.error || resp.statusText;
        } else {
          list = body;
          const total = Number(resp.headers.get("X-Total-Count") || list.length);
          text = countText(total, list.length);
        }
      } catch (e) {
        if (mine !== seq) return;
        text = "Search failed: " + e;
      }
    }
    const trs = list.map(function (c) {
      const tr = document.createElement("tr");
      tr.append(cell("code", c.code), cell("char", c.char), cell("name", c.name));
      return tr;
    });
    rows.replaceChildren.apply(rows, trs);
    caption.textContent = text;
    table.dataset.query = query;
    if (samples) samples.hidden = query !== "";
    history.replaceState(null, "", url);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 100);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    search();
  });
})();
