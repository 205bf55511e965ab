// Progressive enhancement: a Print button for browsers with JavaScript. Without it, the page
// says how to print with the browser's own command.
document.querySelectorAll(".js-print").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
