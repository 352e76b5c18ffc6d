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
  /* The operator's reply as WhatsApp will show it: *bold*, _italic_, ~strike~, ```monospace```. */
  preview: function (input, targetId) {
    var target = document.getElementById(targetId);
    if (!target) {
      return;
    }
    var html = String(input.value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/```([^`]+)```/g, '<code>$1</code>')
      .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s.,!?)])/g, '$1<strong>$2</strong>')
      .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s.,!?)])/g, '$1<em>$2</em>')
      .replace(/(^|[\s(])~([^~\n]+)~(?=$|[\s.,!?)])/g, '$1<del>$2</del>')
      .replace(/\n/g, '<br/>');
    target.innerHTML = html;
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
