// "Give the leaflet": a search box that narrows the language list by native or English name.
// Without JavaScript the list is an ordinary select (type-ahead still works).
(function () {
  "use strict";
  var select = document.getElementById("id_language");
  var box = document.querySelector(".language-search");
  var input = document.getElementById("language-filter");
  if (!select || !box || !input) { return; }
  var all = Array.prototype.map.call(select.options, function (o) {
    return { value: o.value, text: o.text, key: (o.text + " " + o.value).toLocaleLowerCase() };
  });
  box.hidden = false;
  select.size = 6;
  input.addEventListener("input", function () {
    var q = input.value.trim().toLocaleLowerCase();
    var current = select.value;
    select.innerHTML = "";
    all.forEach(function (item) {
      if (!q || item.key.indexOf(q) !== -1) {
        var option = new Option(item.text, item.value, false, item.value === current);
        select.add(option);
      }
    });
    if (select.selectedIndex < 0 && select.options.length) { select.selectedIndex = 0; }
  });
})();
