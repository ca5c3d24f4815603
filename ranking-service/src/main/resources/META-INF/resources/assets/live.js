// Figures that stay current: a Server-Sent Events stream while it works, polling with If-None-Match while it does
// not (a proxy that buffers or cuts streams, a refusal when the service holds too many), back to the stream later.

const POLL_MS = 10000;
const RETRY_STREAM_MS = 30000;

/**
 * @param {object} source
 * @param {string} source.stream  the stream's URL
 * @param {string} source.poll    the same figures' URL, to poll
 * @param {string} source.event   the name of the stream's events
 * @param {function} source.onData   called with the parsed figures whenever they change
 * @param {function} source.onState  called with {mode: 'live' | 'polling' | 'offline', checked: Date, changed: Date}
 */
export function follow({ stream, poll, event, onData, onState }) {
  let etag = null;
  let source = null;
  let pollTimer = null;
  let retryTimer = null;
  let stopped = false;
  const state = { mode: 'connecting', checked: null, changed: null };

  const report = (mode, changed) => {
    state.mode = mode;
    state.checked = new Date();
    if (changed) state.changed = state.checked;
    onState({ ...state });
  };

  const deliver = (tag, data, mode) => {
    const changed = tag !== etag;
    etag = tag;
    if (changed) onData(data);
    report(mode, changed);
  };

  const pollOnce = async () => {
    try {
      const headers = etag ? { 'If-None-Match': '"' + etag + '"' } : {};
      const response = await fetch(poll, { headers, cache: 'no-store' });
      if (stopped) return;
      if (response.status === 304) {
        report('polling', false);
      } else if (response.ok) {
        const tag = (response.headers.get('ETag') || '').replace(/^W\//, '').replace(/"/g, '');
        deliver(tag, await response.json(), 'polling');
      } else {
        report('offline', false);
      }
    } catch (e) {
      if (!stopped) report('offline', false);
    }
  };

  const startPolling = () => {
    if (pollTimer || stopped) return;
    pollOnce();
    pollTimer = setInterval(pollOnce, POLL_MS);
  };

  const stopPolling = () => {
    clearInterval(pollTimer);
    pollTimer = null;
  };

  const open = () => {
    if (stopped) return;
    if (!window.EventSource) {
      startPolling();
      return;
    }
    source = new EventSource(stream);
    source.addEventListener('open', () => {
      stopPolling();
      // a reconnect with Last-Event-ID gets no event while nothing changed: what the page shows is current
      if (etag) report('live', false);
    });
    source.addEventListener(event, (e) => {
      stopPolling();
      deliver(e.lastEventId, JSON.parse(e.data), 'live');
    });
    source.addEventListener('error', () => {
      startPolling();
      if (source.readyState === EventSource.CLOSED) {
        // refused (429, 503) or not a stream at all: poll, and try the stream again later
        source = null;
        retryTimer = setTimeout(open, RETRY_STREAM_MS);
      }
    });
  };

  open();
  return {
    stop() {
      stopped = true;
      stopPolling();
      clearTimeout(retryTimer);
      if (source) source.close();
    },
  };
}
