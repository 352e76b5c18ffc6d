/* The funnel's screens editor: live character counters, counted as WhatsApp does (code points, an emoji is one). */
(function () {
  if (window.wabotsFunnelCounters) {
    return;
  }
  window.wabotsFunnelCounters = true;
  document.addEventListener('input', function (event) {
    var box = event.target.closest && event.target.closest('.counted');
    var counter = box && box.querySelector('.counter');
    if (!counter) {
      return;
    }
    var max = parseInt(counter.getAttribute('data-max'), 10);
    var n = Array.from(event.target.value || '').length;
    counter.textContent = n + '/' + max;
    counter.classList.toggle('over', n > max);
  });
})();
