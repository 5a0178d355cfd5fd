(function () {
  var box = document.getElementById("filters");
  var table = document.getElementById("sentences-table");
  if (!box || !table || !table.tBodies.length) return;
  var diff = document.getElementById("f-diff");
  var only = document.getElementById("f-only");
  var count = document.getElementById("f-count");
  function apply() {
    var rows = table.tBodies[0].rows, shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var c = rows[i].classList;
      var hide = (diff.checked && c.contains("same")) || (only.checked && c.contains("only"));
      rows[i].hidden = hide;
      if (!hide) shown++;
    }
    count.textContent = shown + " of " + rows.length + " rows shown";
  }
  diff.addEventListener("change", apply);
  only.addEventListener("change", apply);
  box.hidden = false;
  apply();
})();
