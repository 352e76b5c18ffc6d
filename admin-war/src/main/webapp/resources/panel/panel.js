/* The few lines of script the panel needs: copy buttons, the phone drawer, following the log. */
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
  }
};
