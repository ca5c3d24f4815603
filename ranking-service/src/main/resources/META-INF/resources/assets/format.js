// Figures as Vietnamese readers write them (31.035; 446,2 %), and the names of what the standings rank by.

const counts = new Intl.NumberFormat('vi-VN');
const decimals = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const times = new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', second: '2-digit',
  timeZone: 'Asia/Ho_Chi_Minh' });
const days = new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });

export const count = (n) => (n == null ? '–' : counts.format(n));
export const decimal = (n) => (n == null ? '–' : decimals.format(n));
export const percent = (n) => (n == null ? '–' : decimals.format(n) + '\u00a0%');
export const time = (date) => times.format(date);
/** A date of the API (2022-04-15) as 15/04/2022. */
export const day = (iso) => (iso ? days.format(new Date(iso + 'T00:00:00Z')) : '–');

/** Places gained or lost, with a word for screen readers. */
export function movement(places) {
  if (places == null) return { text: '–', label: 'chưa có hạng để so sánh', cls: '' };
  if (places > 0) return { text: '▲\u00a0' + places, label: 'tăng ' + places + ' bậc', cls: 'up' };
  if (places < 0) return { text: '▼\u00a0' + -places, label: 'giảm ' + -places + ' bậc', cls: 'down' };
  return { text: '0', label: 'giữ nguyên', cls: '' };
}

/** What the standings can be ranked by: the API's sort, its name, and the column it shows in. */
export const METRICS = [
  { sort: 'submissions', name: 'Lượt nộp sáng kiến', column: 'submissions' },
  { sort: 'submitters', name: 'Người đăng sáng kiến', column: 'submitters' },
  { sort: 'targetPercent', name: '% chỉ tiêu giai đoạn', column: 'targetPercent' },
  { sort: 'perThousandMembers', name: 'Trên 1.000 đoàn viên', column: 'perThousandMembers' },
  { sort: 'thisWeek', name: 'Nộp trong tuần này', column: 'thisWeek' },
  { sort: 'movementSinceLastWeek', name: 'Tăng hạng nhiều nhất (tuần)', column: 'movementSinceLastWeek' },
];

export const metric = (sort) => METRICS.find((m) => m.sort === sort) || METRICS[0];

/** Text made safe to put in HTML. */
export const escape = (text) => String(text ?? '').replace(/[&<>"']/g,
  (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
