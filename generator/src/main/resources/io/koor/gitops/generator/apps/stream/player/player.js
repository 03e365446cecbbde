// The stream's player: the live HLS stream (fragmented MP4 segments) through Media Source
// Extensions, or the browser's own HLS where it has no MSE (iOS Safari), and the recordings, as the
// bucket lists them, played as plain MP4 files. Served from the stream's bucket, next to the stream.
'use strict';

const LIVE = 'live/index.m3u8';
// H.264 Main and AAC-LC, as the encoder's arguments (stream.args) make them
const CODECS = 'video/mp4; codecs="avc1.4d401f,mp4a.40.2"';
const video = document.getElementById('video');
const status = document.getElementById('status');
let session = 0; // a new source (live or a recording) ends the loader of the one before

function report(state, text) {
  document.body.dataset.live = state;
  status.textContent = text;
}

function parsePlaylist(text, base) {
  const lines = text.split('\n').map(l => l.trim()).filter(l => l);
  const playlist = { init: null, segments: [], ended: false, target: 2, sequence: 0 };
  for (const line of lines) {
    if (line.startsWith('#EXT-X-MAP:')) {
      playlist.init = new URL(/URI="([^"]+)"/.exec(line)[1], base).href;
    } else if (line.startsWith('#EXT-X-TARGETDURATION:')) {
      playlist.target = Number(line.split(':')[1]);
    } else if (line.startsWith('#EXT-X-MEDIA-SEQUENCE:')) {
      playlist.sequence = Number(line.split(':')[1]);
    } else if (line === '#EXT-X-ENDLIST') {
      playlist.ended = true;
    } else if (!line.startsWith('#')) {
      playlist.segments.push(new URL(line, base).href);
    }
  }
  return playlist;
}

async function fetchBytes(url) {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) {
    throw new Error(url + ': HTTP ' + response.status);
  }
  return response.arrayBuffer();
}

function append(buffer, bytes) {
  return new Promise((resolve, reject) => {
    buffer.addEventListener('updateend', resolve, { once: true });
    buffer.addEventListener('error', () => reject(new Error('the browser refused a segment')), { once: true });
    buffer.appendBuffer(bytes);
  });
}

async function playLive() {
  const mine = ++session;
  document.getElementById('now-playing').textContent = 'Live';
  document.getElementById('live').hidden = true;
  const url = new URL(LIVE, location.href);
  if (!window.MediaSource || !MediaSource.isTypeSupported(CODECS)) {
    video.src = url.href; // the browser plays HLS itself, or says it cannot
    report('native', 'Live (the browser\'s own HLS player)');
    return;
  }
  const source = new MediaSource();
  video.src = URL.createObjectURL(source);
  await new Promise(resolve => source.addEventListener('sourceopen', resolve, { once: true }));
  const buffer = source.addSourceBuffer(CODECS);
  buffer.mode = 'sequence'; // segments back to back, whatever their timestamps: a live edge joined late
  const appended = new Set();
  let init = null;
  while (mine === session) {
    let playlist;
    try {
      playlist = parsePlaylist(await (await fetch(url, { cache: 'no-store' })).text(), url);
    } catch (e) {
      if (mine !== session) {
        return;
      }
      report('waiting', 'Waiting for the stream…');
      await sleep(2000);
      continue;
    }
    // a recording chosen while this waited: it owns the video and the status line now
    if (mine !== session) {
      return;
    }
    if (playlist.init !== init) {
      await append(buffer, await fetchBytes(playlist.init));
      init = playlist.init;
    }
    // joining: start three segments from the live edge, not at the oldest one the playlist keeps
    const fresh = playlist.segments.filter(s => !appended.has(s));
    const todo = appended.size === 0 ? fresh.slice(-3) : fresh;
    for (const segment of todo) {
      if (mine !== session) {
        return;
      }
      await append(buffer, await fetchBytes(segment));
      appended.add(segment);
      trim(buffer);
    }
    if (mine !== session) {
      return;
    }
    if (video.paused && video.readyState >= 2) {
      video.play().catch(() => report('paused', 'Press play to watch'));
    }
    if (playlist.ended) {
      if (source.readyState === 'open' && !buffer.updating) {
        source.endOfStream();
      }
      report('ended', 'The stream has ended');
      return;
    }
    await sleep(playlist.target * 1000);
  }
}

// Keeps half a minute behind the playhead, so a long session does not fill the browser's memory.
function trim(buffer) {
  if (buffer.buffered.length && video.currentTime - buffer.buffered.start(0) > 60 && !buffer.updating) {
    buffer.remove(0, video.currentTime - 30);
  }
}

function sleep(ms) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

function playRecording(key) {
  session++;
  document.getElementById('now-playing').textContent = 'Recording ' + key.replace(/^recordings\//, '');
  document.getElementById('live').hidden = false;
  video.src = new URL(key, location.href).href;
  video.play().catch(() => report('paused', 'Press play to watch'));
  report('recording', 'Recording');
}

// The bucket lists its recordings itself (S3 ListObjectsV2, allowed to anyone by its policy); the
// lifecycle rule removes old ones, so the list is always what can be played.
async function listRecordings() {
  const list = document.getElementById('recordings');
  const keys = [];
  let token = null;
  do {
    const query = new URLSearchParams({ 'list-type': '2', prefix: 'recordings/' });
    if (token) {
      query.set('continuation-token', token);
    }
    const response = await fetch(new URL('.', location.href).href + '?' + query, { cache: 'no-store' });
    const xml = new DOMParser().parseFromString(await response.text(), 'application/xml');
    for (const item of xml.getElementsByTagName('Contents')) {
      const key = item.getElementsByTagName('Key')[0].textContent;
      if (key.endsWith('.mp4')) {
        keys.push({ key, size: Number(item.getElementsByTagName('Size')[0].textContent) });
      }
    }
    const next = xml.getElementsByTagName('NextContinuationToken')[0];
    token = next ? next.textContent : null;
  } while (token);
  keys.sort((a, b) => a.key < b.key ? 1 : -1);
  list.replaceChildren(...keys.map(({ key, size }) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = key.replace(/^recordings\/recording-/, '').replace(/\.mp4$/, '');
    button.dataset.key = key;
    button.addEventListener('click', () => playRecording(key));
    const label = document.createElement('span');
    label.className = 'size';
    label.textContent = (size / 1048576).toFixed(1) + ' MiB';
    item.append(button, label);
    return item;
  }));
  document.getElementById('no-recordings').hidden = keys.length > 0;
  document.body.dataset.recordings = String(keys.length);
}

video.addEventListener('playing', () => {
  if (document.body.dataset.live !== 'recording') {
    report('playing', 'Live');
  }
});
video.addEventListener('error', () => report('error', 'The browser cannot play this: ' +
  (video.error ? video.error.message || video.error.code : 'unknown error')));
document.getElementById('live').addEventListener('click', () => playLive());
playLive().catch(e => report('error', String(e)));
listRecordings().catch(e => {
  document.body.dataset.recordings = 'error';
  document.getElementById('no-recordings').hidden = false;
  document.getElementById('no-recordings').textContent = 'Cannot list the recordings: ' + e;
});
setInterval(() => listRecordings().catch(() => {}), 60000);
