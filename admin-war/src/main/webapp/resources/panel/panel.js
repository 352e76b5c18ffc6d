/* The few lines of script the panel needs: copy buttons, the phone drawer, following the log and the
   test chat, playing a voice sample. */
var wabots = {
  copy: function (id, doneText) {
    var text = document.getElementById(id).textContent;
    var done = function () { PF('growl').renderMessage({summary: doneText, severity: 'info'}); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done);
      return;
    }
    var area = document.createElement('textarea');
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand('copy');
    document.body.removeChild(area);
    done();
  },
  toggleDrawer: function () {
    document.body.classList.toggle('drawer-open');
  },
  closeDrawer: function () {
    document.body.classList.remove('drawer-open');
  },
  scrollToEnd: function (id) {
    var log = document.getElementById(id);
    if (log) {
      log.scrollTop = log.scrollHeight;
    }
  },
  chatToEnd: function () {
    wabots.scrollToEnd('chatScroll');
  },
  focus: function (id) {
    var input = document.getElementById(id);
    if (input && !input.disabled) {
      input.focus();
    }
  },
  /* Plays the sample the server just made; a browser that refuses autoplay still shows the player. */
  play: function (id) {
    var audio = document.getElementById(id);
    if (audio && audio.play) {
      var started = audio.play();
      if (started && started.catch) {
        started.catch(function () {});
      }
    }
  }
};

/* The phone drawer's backdrop closes it (a listener here: the panel's CSP runs no inline handlers). */
document.addEventListener('click', function (event) {
  if (event.target && event.target.classList && event.target.classList.contains('drawer-backdrop')) {
    wabots.closeDrawer();
  }
});
