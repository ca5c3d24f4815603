// A province's page: its figures, ranks and runs at national rank 1, and a chart of its daily and weekly counts,
// drawn by uPlot (a WebJar, loaded only here). The chart takes the daily standings of /history and today's live row;
// the history is already day by day, so series() only swaps its last point for the live row.

import { count, decimal, percent, day, movement, escape } from './format.js';

const CHART_HEIGHT = 280;
/** The days the chart shows, today's included; the runs at rank 1 still count every day of the programme. */
const CHART_DAYS = 90;
let uplot = null;

/** uPlot and its stylesheet, loaded once. */
function loadUplot() {
  if (!uplot) {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = '/webjars/uplot/dist/uPlot.min.css';
    document.head.append(css);
    uplot = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/webjars/uplot/dist/uPlot.iife.min.js';
      script.onload = () => resolve(window.uPlot);
      script.onerror = reject;
      document.head.append(script);
    });
  }
  return uplot;
}

/** Today in Asia/Ho_Chi_Minh, for as long as the service has not said which day it counts as today. */
const browserToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

/** The points of the chart: one per day, and today (the service's, not the browser's) from the live row. */
function series(history, row, today) {
  const points = (history?.points || []).filter((p) => p.date !== today)
    .map((p) => ({ date: p.date, today: p.today, thisWeek: p.thisWeek }));
  if (row) points.push({ date: today, today: row.today, thisWeek: row.thisWeek });
  return points;
}

function run(r) {
  if (!r) return null;
  return `${count(r.days)} ngày (${r.from === r.to ? day(r.from) : `${day(r.from)} – ${day(r.to)}`})`;
}

export function open(container, code, { programme, groupingName, today }) {
  let history = null;
  let row = null;
  let chart = null;
  let stopped = false;
  container.innerHTML = '<p><a href="#" class="back">← Bảng xếp hạng</a></p>'
    + '<h2 id="view-title">Đang tải…</h2><div id="province-figures"></div>'
    + '<h3>Số sáng kiến nộp theo ngày và theo tuần</h3>'
    + '<div id="chart" class="chart" role="img" aria-label="Biểu đồ số sáng kiến nộp trong ngày và trong tuần"></div>'
    + '<details><summary>Bảng số liệu của biểu đồ</summary><div id="chart-table"></div></details>';

  const draw = async () => {
    const points = series(history, row, today() || browserToday());
    const table = document.getElementById('chart-table');
    if (table) {
      table.innerHTML = '<table><thead><tr><th scope="col">Ngày</th><th scope="col" class="num">Trong ngày</th>'
        + '<th scope="col" class="num">Trong tuần</th></tr></thead><tbody>'
        + points.map((p) => `<tr><td>${day(p.date)}</td><td class="num">${count(p.today)}</td>`
          + `<td class="num">${count(p.thisWeek)}</td></tr>`).join('') + '</tbody></table>';
    }
    const element = document.getElementById('chart');
    if (!element || !points.length) return;
    const data = [points.map((p) => Date.parse(p.date + 'T00:00:00Z') / 1000), points.map((p) => p.today),
      points.map((p) => p.thisWeek)];
    const uPlot = await loadUplot();
    if (stopped) return;
    if (chart) {
      chart.setData(data);
    } else {
      const shortDay = (ts) => day(new Date(ts * 1000).toISOString().slice(0, 10)).slice(0, 5);
      chart = new uPlot({
        width: Math.max(280, element.clientWidth), height: CHART_HEIGHT,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        // whole days, half a day of room either side for the bars
        scales: { x: { time: true, range: (u, min, max) => [min - 43200, max + 43200] } },
        series: [
          { label: 'Ngày', value: (u, ts) => (ts == null ? '–' : shortDay(ts)) },
          { label: 'Trong ngày', stroke: '#0b4f9c', fill: 'rgba(11, 79, 156, 0.3)', width: 1,
            paths: uPlot.paths.bars({ size: [0.6, 48] }), points: { show: false },
            value: (u, v) => count(v) },
          { label: 'Trong tuần', stroke: '#a3361d', width: 2, value: (u, v) => count(v) },
        ],
        axes: [
          { values: (u, splits) => splits.map(shortDay), stroke: '#333', incrs: [86400, 7 * 86400, 28 * 86400] },
          { values: (u, splits) => splits.map((v) => count(v)), stroke: '#333', size: 60,
            incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000] },
        ],
      }, data, element);
      element.dataset.points = String(points.length);
    }
    element.dataset.points = String(points.length);
  };

  const figures = () => {
    const title = document.getElementById('view-title');
    const box = document.getElementById('province-figures');
    if (!title || !box) return;
    if (!row) {
      title.textContent = 'Không có tỉnh, thành phố này trong bảng xếp hạng';
      box.innerHTML = '';
      return;
    }
    title.textContent = row.name;
    const ranks = [`hạng ${row.rank} toàn quốc`];
    if (row.region) ranks.push(`hạng ${row.regionRank} khu vực ${escape(groupingName(row.region))}`);
    if (row.cluster) ranks.push(`hạng ${row.clusterRank} ${escape(groupingName(row.cluster))}`);
    const day1 = movement(row.movementSinceYesterday);
    const week = movement(row.movementSinceLastWeek);
    const card = (label, value, note) => `<div class="card"><dt>${label}</dt><dd>${value}`
      + `${note ? `<span class="note">${note}</span>` : ''}</dd></div>`;
    const longest = run(history?.longestRunAtRank1);
    const current = run(history?.currentRunAtRank1);
    box.innerHTML = `<p class="ranks">Xếp theo lượt nộp: ${ranks.join(' · ')}</p><dl class="cards">`
      + card('Lượt nộp sáng kiến', count(row.submissions))
      + card('Người đăng sáng kiến', count(row.submitters))
      + card('Được công nhận', count(row.recognized))
      + card('Chỉ tiêu giai đoạn', row.target == null ? 'chưa giao' : count(row.target),
        row.target == null ? '' : 'đạt ' + percent(row.targetPercent))
      + card('Trên 1.000 đoàn viên', decimal(row.perThousandMembers),
        row.memberCount == null ? '' : count(row.memberCount) + ' đoàn viên')
      + card('Nộp trong tuần này', count(row.thisWeek), 'hôm nay ' + count(row.today))
      + card('So với hôm qua', `<span class="${day1.cls}">${day1.text}</span>`, day1.label)
      + card('So với tuần trước', `<span class="${week.cls}">${week.text}</span>`, week.label)
      + '</dl>'
      + `<p class="runs">${longest ? `Dẫn đầu toàn quốc liên tục lâu nhất: ${longest}.` : 'Chưa dẫn đầu toàn quốc ngày nào.'}`
      + `${current ? ` Đang dẫn đầu: ${current}.` : ''}</p>`;
  };

  const first = new Date(Date.parse(`${today() || browserToday()}T00:00:00Z`) - (CHART_DAYS - 1) * 86400000)
    .toISOString().slice(0, 10);
  fetch(`/api/v1/standings/${encodeURIComponent(code)}/history?programme=${encodeURIComponent(programme)}`
    + `&from=${first}`)
    .then((response) => (response.ok ? response.json() : null))
    .then((body) => { history = body; figures(); draw(); })
    .catch(() => { /* the live figures still show; the chart has today alone */ });
  const resize = () => chart?.setSize({ width: Math.max(280, document.getElementById('chart')?.clientWidth || 0),
    height: CHART_HEIGHT });
  window.addEventListener('resize', resize);

  return {
    update(rows) {
      const found = rows.find((r) => r.code === code || r.provinceId === code) || null;
      const changed = JSON.stringify(found) !== JSON.stringify(row);
      row = found;
      if (changed) {
        figures();
        draw();
      }
    },
    stop() {
      stopped = true;
      window.removeEventListener('resize', resize);
      chart?.destroy();
    },
  };
}
