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

/* Test chat: a file or a recorded voice note goes to the bot through the sandbox, as WhatsApp sends
   it (POST …/share; the poll then shows it). Recording uses the browser's MediaRecorder: OGG/Opus
   where it can (Firefox), else WebM/Opus, which the server converts to OGG/Opus. */
wabots.attach = {
  recorder: null,
  box: function () {
    return document.getElementById('chatAttach');
  },
  status: function (text, failed) {
    var s = document.getElementById('chatAttachStatus');
    if (s) {
      s.textContent = text || '';
      s.classList.toggle('failed', !!failed);
    }
  },
  typeOf: function (mime) {
    if (/^image\/(jpeg|png|webp)$/.test(mime)) {
      return 'image';
    }
    if (/^audio\//.test(mime)) {
      return 'audio';
    }
    if (/^video\//.test(mime)) {
      return 'video';
    }
    return 'document';
  },
  send: function (blob, type, filename) {
    var box = wabots.attach.box();
    if (!box) {
      return;
    }
    var phone = document.getElementById(box.dataset.phoneInput);
    var captionInput = document.getElementById(box.dataset.captionInput);
    var caption = (type === 'image' || type === 'document' || type === 'video') && captionInput ? captionInput.value : '';
    var query = 'from=' + encodeURIComponent(phone ? phone.value : '') + '&type=' + encodeURIComponent(type);
    if (filename) {
      query += '&filename=' + encodeURIComponent(filename);
    }
    if (caption) {
      query += '&caption=' + encodeURIComponent(caption);
    }
    wabots.attach.status(box.dataset.sending);
    fetch(box.dataset.share + '?' + query, {
      method: 'POST', credentials: 'same-origin', body: blob,
      headers: {'Content-Type': blob.type || 'application/octet-stream', 'X-Requested-With': 'wabots-panel'}
    }).then(function (r) {
      return r.json().then(function (answer) {
        if (!r.ok) {
          var why = answer.fields && answer.fields.length ? answer.fields.join('; ') : answer.message;
          wabots.attach.status(box.dataset.refused + ': ' + why, true);
          return;
        }
        if (caption && captionInput) {
          captionInput.value = '';
        }
        wabots.attach.status(box.dataset.sent);
      });
    }).catch(function (e) {
      wabots.attach.status(box.dataset.refused + ': ' + e, true);
    });
  },
  file: function (input) {
    var f = input.files && input.files[0];
    if (f) {
      var mime = f.type || 'application/octet-stream';
      wabots.attach.send(f, wabots.attach.typeOf(mime), f.name);
    }
    input.value = '';
  },
  record: function (button) {
    var box = wabots.attach.box();
    var label = button.querySelector('.record-label');
    var rec = wabots.attach.recorder;
    if (rec && rec.state === 'recording') {
      rec.stop();
      return;
    }
    if (!navigator.mediaDevices || !window.MediaRecorder) {
      wabots.attach.status(box.dataset.noMicrophone, true);
      return;
    }
    var mime = ['audio/ogg;codecs=opus', 'audio/webm;codecs=opus', 'audio/webm'].filter(function (t) {
      return MediaRecorder.isTypeSupported(t);
    })[0];
    navigator.mediaDevices.getUserMedia({audio: true}).then(function (stream) {
      var chunks = [];
      rec = new MediaRecorder(stream, mime ? {mimeType: mime} : undefined);
      wabots.attach.recorder = rec;
      rec.ondataavailable = function (e) {
        if (e.data && e.data.size) {
          chunks.push(e.data);
        }
      };
      rec.onstop = function () {
        stream.getTracks().forEach(function (t) { t.stop(); });
        button.setAttribute('aria-pressed', 'false');
        button.classList.remove('recording');
        label.textContent = label.dataset.start;
        var blob = new Blob(chunks, {type: rec.mimeType || mime || 'audio/webm'});
        wabots.attach.send(blob, 'voice', null);
      };
      rec.start();
      button.setAttribute('aria-pressed', 'true');
      button.classList.add('recording');
      label.textContent = label.dataset.stop;
      var ogg = /ogg/.test(rec.mimeType || mime || '');
      wabots.attach.status(ogg ? box.dataset.recordingOgg : box.dataset.recordingWebm);
    }).catch(function (e) {
      wabots.attach.status(box.dataset.noMicrophone + ' (' + e.name + ')', true);
    });
  }
};

/* Listeners here, not inline: the panel's CSP runs no inline handlers; the chat is re-rendered by Ajax. */
document.addEventListener('change', function (event) {
  if (event.target && event.target.id === 'chatFile') {
    wabots.attach.file(event.target);
  }
});
document.addEventListener('click', function (event) {
  var button = event.target && event.target.closest ? event.target.closest('#chatRecord') : null;
  if (button) {
    wabots.attach.record(button);
  }
});
