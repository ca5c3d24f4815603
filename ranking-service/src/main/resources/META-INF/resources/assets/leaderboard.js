// The live leaderboard: national standings, a region's or an emulation cluster's, a province's page, ranked by the
// chosen figure; kept current by ./live.js; a conference mode that cycles the views full screen. The address says
// what is shown (#khu-vuc=…, #cum=…, #tinh=…, #xep=…, #hoi-nghi=1), so that any view can be bookmarked or put on a TV.

import { count, decimal, percent, time, movement, METRICS, metric, escape } from './format.js';
import { follow } from './live.js';

const PROGRAMME = '1-trieu-sang-kien';
const API = '/api/v1';
const CONFERENCE_SECONDS = 15;

const $ = (id) => document.getElementById(id);
const content = $('content');
const groupings = { REGION: [], EMULATION_CLUSTER: [] };
let standingsFeed = null;
let feedUrl = null;
let shownRows = [];
let current = {};
let province = null;
let lastGood = null;
let conferenceTimer = null;
/** The day the service counts as today (the summary's asOf): a chart's live point belongs to it. */
let asOf = null;

const COLUMNS = [
  { key: 'submissions', head: 'Lượt nộp', cell: (r) => count(r.submissions) },
  { key: 'submitters', head: 'Người đăng', cell: (r) => count(r.submitters), cls: 'wide' },
  { key: 'targetPercent', head: '% chỉ tiêu', cell: (r) => percent(r.targetPercent) },
  { key: 'perThousandMembers', head: 'Trên 1.000 đoàn viên', cell: (r) => decimal(r.perThousandMembers), cls: 'wide' },
  { key: 'thisWeek', head: 'Tuần này', cell: (r) => count(r.thisWeek) },
  { key: 'movementSinceLastWeek', head: 'So với tuần trước', cell: (r) => movementCell(r.movementSinceLastWeek) },
];

function movementCell(places) {
  const m = movement(places);
  return `<span class="${m.cls}" aria-label="${m.label}">${m.text}</span>`;
}

function route() {
  const p = new URLSearchParams(location.hash.slice(1));
  return { region: p.get('khu-vuc'), cluster: p.get('cum'), province: p.get('tinh'),
    sort: metric(p.get('xep')).sort, conference: p.get('hoi-nghi') === '1' };
}

function hashOf(view) {
  const p = new URLSearchParams();
  if (view.region) p.set('khu-vuc', view.region);
  if (view.cluster) p.set('cum', view.cluster);
  if (view.province) p.set('tinh', view.province);
  if (view.sort && view.sort !== 'submissions') p.set('xep', view.sort);
  return '#' + p.toString();
}

const groupingName = (code) =>
  [...groupings.REGION, ...groupings.EMULATION_CLUSTER].find((g) => g.code === code)?.name || code;

function query(view) {
  const p = new URLSearchParams({ programme: PROGRAMME, sort: view.sort || 'submissions' });
  if (view.region) p.set('region', view.region);
  if (view.cluster) p.set('cluster', view.cluster);
  return p.toString();
}

/** Shows a view: starts following its standings, or reuses the stream already open for them. */
function show(view) {
  current = view;
  syncControls(view);
  if (province && !view.province) {
    province.stop();
    province = null;
  }
  const q = query(view.province ? { sort: 'submissions' } : view);
  if (q !== feedUrl) {
    standingsFeed?.stop();
    feedUrl = q;
    shownRows = [];
    content.innerHTML = '<p class="loading">Đang tải…</p>';
    standingsFeed = follow({ stream: `${API}/standings/stream?${q}`, poll: `${API}/standings?${q}`,
      event: 'standings', onData: (rows) => render(rows), onState: freshness });
  } else if (shownRows.length) {
    render(shownRows);
  }
  if (view.province) {
    import('./province.js').then((module) => {
      if (current !== view) return;
      province?.stop();
      province = module.open(content, view.province, { programme: PROGRAMME, groupingName, today: () => asOf });
      if (shownRows.length) province.update(shownRows);
    });
  }
}

/** Rows a conference page holds: as many as fit under the header on this screen. */
const conferencePage = () => Math.max(5, Math.floor((window.innerHeight - 330) / 50));

function render(rows) {
  const previous = new Map(shownRows.map((r) => [r.provinceId, r]));
  shownRows = rows;
  if (current.province) {
    province?.update(rows);
    return;
  }
  const view = current;
  const m = metric(view.sort);
  const rankOf = (r) => (view.region ? r.regionRank : view.cluster ? r.clusterRank : r.rank);
  const scope = view.region ? 'Khu vực ' + groupingName(view.region)
    : view.cluster ? groupingName(view.cluster) : 'Toàn quốc';
  let shown = rows;
  const size = conferencePage();
  if (view.page != null) shown = rows.slice(view.page * size, (view.page + 1) * size);
  const range = view.page != null && rows.length > size
    ? ` (hạng ${view.page * size + 1}–${view.page * size + shown.length})` : '';
  const head = COLUMNS.map((c) => `<th scope="col" class="num ${c.cls || ''} ${c.key === m.column ? 'sorted' : ''}"`
    + `${c.key === m.column ? ' aria-sort="descending"' : ''}>${c.head}</th>`).join('');
  const body = shown.map((r) => {
    const before = previous.get(r.provinceId);
    const changed = before && before.submissions !== r.submissions;
    return `<tr data-code="${escape(r.code)}"${changed ? ' class="changed"' : ''}>`
      + `<td class="rank">${rankOf(r) ?? '–'}</td>`
      + `<th scope="row"><a href="${hashOf({ province: r.code })}">${escape(r.shortName)}</a></th>`
      + COLUMNS.map((c) => `<td class="num ${c.cls || ''} ${c.key === m.column ? 'sorted' : ''}">${c.cell(r)}</td>`)
        .join('')
      + '</tr>';
  }).join('');
  content.innerHTML = `<h2 id="view-title">${escape(scope)} · xếp theo ${m.name.toLowerCase()}${range}</h2>`
    + `<div class="scroll"><table class="standings" aria-labelledby="view-title">`
    + `<thead><tr><th scope="col">Hạng</th><th scope="col">Tỉnh, thành phố</th>${head}</tr></thead>`
    + `<tbody>${body}</tbody></table></div>`
    + (rows.length ? '' : '<p>Chưa có tỉnh, thành phố nào trong bảng này.</p>');
}

function freshness(state) {
  const el = $('freshness');
  if (state.mode === 'live' || state.mode === 'polling') lastGood = state.checked;
  el.dataset.mode = state.mode;
  if (state.mode === 'live') {
    el.textContent = `Trực tiếp · số liệu thay đổi lần cuối lúc ${time(state.changed || state.checked)}`;
  } else if (state.mode === 'polling') {
    el.textContent = `Tự cập nhật mỗi 10 giây · kiểm tra lúc ${time(state.checked)}`;
  } else {
    el.textContent = lastGood ? `Mất kết nối · số liệu lúc ${time(lastGood)}, đang thử lại…`
      : 'Chưa kết nối được, đang thử lại…';
  }
}

function summary(s) {
  asOf = s.asOf;
  $('total').textContent = count(s.submissions);
  $('target').textContent = count(s.nationalTarget);
  $('share').textContent = percent(s.targetShare);
  const bar = $('bar');
  bar.setAttribute('aria-valuenow', Math.min(100, Number(s.targetShare) || 0));
  bar.firstElementChild.style.width = Math.min(100, Number(s.targetShare) || 0) + '%';
  $('day').textContent = s.daysElapsed == null ? '–' : count(s.daysElapsed);
  $('days-left').textContent = s.daysRemaining == null ? '' : `còn ${count(s.daysRemaining)} ngày`;
  $('submitters').textContent = count(s.submitters);
  $('at-target').textContent = count(s.provincesAtOrAboveTarget);
  $('at-target-of').textContent = s.provincesWithTarget
    ? `trên ${count(s.provincesWithTarget)} tỉnh có chỉ tiêu (${percent(100 * s.provincesAtOrAboveTarget / s.provincesWithTarget)})`
    : 'chưa tỉnh nào có chỉ tiêu';
  $('week').textContent = count(s.thisWeek);
}

function syncControls(view) {
  $('region').value = view.region || '';
  $('cluster').value = view.cluster || '';
  $('sort').value = metric(view.sort).sort;
  $('national').setAttribute('aria-current', !view.region && !view.cluster && !view.province ? 'page' : 'false');
}

function fillControls() {
  $('sort').innerHTML = METRICS.map((m) => `<option value="${m.sort}">${m.name}</option>`).join('');
  for (const [id, kind] of [['region', 'REGION'], ['cluster', 'EMULATION_CLUSTER']]) {
    $(id).insertAdjacentHTML('beforeend', groupings[kind]
      .map((g) => `<option value="${escape(g.code)}">${escape(g.name)}</option>`).join(''));
  }
  $('region').addEventListener('change', (e) => { location.hash = hashOf({ region: e.target.value, sort: current.sort }); });
  $('cluster').addEventListener('change', (e) => { location.hash = hashOf({ cluster: e.target.value, sort: current.sort }); });
  $('sort').addEventListener('change', (e) => {
    location.hash = hashOf({ region: current.region, cluster: current.cluster, sort: e.target.value });
  });
  $('national').addEventListener('click', (e) => { e.preventDefault(); location.hash = hashOf({ sort: current.sort }); });
}

/**
 * Full screen, large type, and the views in turn: the national table a screenful at a time, each region and cluster,
 * the climbers, this week.
 */
function conference(on, fullscreen) {
  document.body.classList.toggle('conference', on);
  $('conference').setAttribute('aria-pressed', String(on));
  clearInterval(conferenceTimer);
  if (!on) {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    if (route().conference) history.replaceState(null, '', hashOf(route()));
    show(route());
    return;
  }
  if (fullscreen && document.documentElement.requestFullscreen) {
    document.documentElement.requestFullscreen().catch(() => {});
  }
  const pages = Math.ceil((current.province || !shownRows.length ? 63 : shownRows.length) / conferencePage());
  const views = [...Array(pages).keys()].map((page) => ({ sort: 'submissions', page }))
    .concat(groupings.REGION.map((g) => ({ region: g.code, sort: 'submissions' })))
    .concat(groupings.EMULATION_CLUSTER.map((g) => ({ cluster: g.code, sort: 'submissions' })))
    .concat([{ sort: 'movementSinceLastWeek', page: 0 }, { sort: 'thisWeek', page: 0 }]);
  let next = 0;
  const step = () => { show(views[next]); next = (next + 1) % views.length; };
  step();
  conferenceTimer = setInterval(step, CONFERENCE_SECONDS * 1000);
}

async function start() {
  try {
    const response = await fetch(`${API}/groupings`);
    for (const g of response.ok ? await response.json() : []) groupings[g.kind]?.push(g);
  } catch (e) {
    // the standings still show; only the region and cluster lists stay empty
  }
  fillControls();
  follow({ stream: `${API}/programmes/${PROGRAMME}/summary/stream`, poll: `${API}/programmes/${PROGRAMME}/summary`,
    event: 'summary', onData: summary, onState: () => {} });
  $('conference').addEventListener('click', () => conference(!document.body.classList.contains('conference'), true));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && document.body.classList.contains('conference')) conference(false);
  });
  document.addEventListener('fullscreenchange', () => {
    if (!document.fullscreenElement && document.body.classList.contains('conference')) conference(false);
  });
  window.addEventListener('hashchange', () => {
    const view = route();
    const on = document.body.classList.contains('conference');
    if (view.conference !== on) {
      conference(view.conference, false);
    } else if (!on) {
      show(view);
      content.focus();
    }
  });
  if (route().conference) conference(true, false);
  else show(route());
}

start();
