// Calls to the API served by the same process: relative URLs, so the page works under any host.
// The token (localStorage) goes with every request as the API expects, `Authorization: Bearer`,
// because a server may be configured to require it for reads too (KHCL_API_READ_AUTH).

const TOKEN_KEY = 'khcl.token';

export const getToken = () => localStorage.getItem(TOKEN_KEY) ?? '';
export function setToken(value) {
  if (value) localStorage.setItem(TOKEN_KEY, value);
  else localStorage.removeItem(TOKEN_KEY);
}

// The page is in Vietnamese: it asks the API for Vietnamese messages (Accept-Language), which say
// what went wrong with the values (src/messages.ts on the server); the code stays the same. These
// are for answers that carry no message (a proxy's error page, a network failure).
const MESSAGES = {
  'auth.required': 'Cần mã truy cập hợp lệ.',
  'request.invalid': 'Giá trị không hợp lệ.',
  'not.found': 'Không tìm thấy.',
  'file.too_large': 'Tệp quá lớn.',
  'rate.limited': 'Quá nhiều yêu cầu, vui lòng thử lại sau.',
  'request.unsupported_media_type': 'Định dạng yêu cầu không được hỗ trợ.',
  'document.no_layout': 'Văn bản chưa đọc xong tệp, chưa có gì để trích xuất lại.',
};

/** "mã truy cập không đúng" → "Mã truy cập không đúng." */
const sentence = (text) => {
  const t = text.trim();
  return t ? `${t[0].toUpperCase()}${t.slice(1)}${/[.!?…]$/.test(t) ? '' : '.'}` : t;
};

export class ApiError extends Error {
  constructor(status, code, detail) {
    super(detail ? sentence(detail) : (MESSAGES[code] ?? `Lỗi máy chủ (HTTP ${status}).`));
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

function headers() {
  const token = getToken();
  return { 'accept-language': 'vi', ...(token ? { authorization: `Bearer ${token}` } : {}) };
}

async function check(res) {
  if (res.ok) return res;
  let body;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  throw new ApiError(res.status, body?.error?.code ?? 'internal', body?.error?.message);
}

/** fetch, with a failure to reach the server said in the page's words. */
async function call(url, init = {}) {
  let res;
  try {
    res = await fetch(url, { ...init, headers: headers() });
  } catch {
    throw new ApiError(0, 'internal', 'không kết nối được máy chủ; kiểm tra mạng rồi thử lại');
  }
  return check(res);
}

export async function getJson(path, params) {
  const res = await call(params && String(params) ? `${path}?${params}` : path);
  return res.json();
}

/** POST with no body (the route takes its subject from the path), answered with JSON. */
export async function post(path) {
  const res = await call(path, { method: 'POST' });
  return res.json();
}

/** Upload files; the answer lists each file (207 when some were refused: still an answer to show). */
export async function upload(files) {
  const body = new FormData();
  for (const f of files) body.append('file', f, f.name);
  const res = await call('documents', { method: 'POST', body });
  return res.json();
}

/** The name a Content-Disposition gives: the UTF-8 `filename*` (Vietnamese names), else `filename`. */
function dispositionName(header) {
  const utf8 = /filename\*=UTF-8''([^;\s]+)/i.exec(header)?.[1];
  if (utf8) {
    try {
      return decodeURIComponent(utf8);
    } catch {
      // a malformed escape: fall back to the ASCII name
    }
  }
  return /filename="([^"]+)"/.exec(header)?.[1];
}

// Exports and originals are fetched rather than followed as plain links so that a refusal shows a
// message instead of saving an error as a file, and so the token can go along. The whole file is
// held in memory once; exports are capped by the API (KHCL export limit) and originals by the
// upload limit, which keeps that bounded.
export async function download(path, params, fallbackName = 'khcl-export') {
  const res = await call(params && String(params) ? `${path}?${params}` : path);
  const name = dispositionName(res.headers.get('content-disposition') ?? '') ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
