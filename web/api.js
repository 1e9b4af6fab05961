// Calls to the API served by the same process: relative URLs, so the page works under any host.
// The token (localStorage) goes with every request as the API expects, `Authorization: Bearer`,
// because a server may be configured to require it for reads too (KHCL_API_READ_AUTH).

const TOKEN_KEY = 'khcl.token';

export const getToken = () => localStorage.getItem(TOKEN_KEY) ?? '';
export function setToken(value) {
  if (value) localStorage.setItem(TOKEN_KEY, value);
  else localStorage.removeItem(TOKEN_KEY);
}

// The API's error codes, said to a Vietnamese reader; its English message follows for details.
const MESSAGES = {
  'auth.required': 'Cần mã truy cập hợp lệ.',
  'request.invalid': 'Giá trị không hợp lệ.',
  'not.found': 'Không tìm thấy.',
  'file.too_large': 'Tệp quá lớn.',
  'rate.limited': 'Quá nhiều yêu cầu, vui lòng thử lại sau.',
  'request.unsupported_media_type': 'Định dạng yêu cầu không được hỗ trợ.',
  'document.no_layout': 'Văn bản chưa đọc xong tệp, chưa có gì để trích xuất lại.',
};
// A 401 has one code for "no or a wrong token" and "the server accepts no token at all"; only the
// API's message tells them apart, and the second is for whoever runs the server, not a typo.
const NO_TOKENS = /no API tokens are configured/;


export class ApiError extends Error {
  constructor(status, code, detail) {
    const said =
      code === 'auth.required' && NO_TOKENS.test(detail ?? '')
        ? 'Máy chủ chưa cấu hình mã truy cập nào (KHCL_API_TOKENS), nên không ai ghi được; hãy báo người quản trị.'
        : (MESSAGES[code] ?? 'Lỗi máy chủ.');
    super(`${said}${detail ? ` (${detail})` : ''}`);
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

function headers() {
  const token = getToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

async function check(res) {
  if (res.ok) return res;
  let body;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  throw new ApiError(res.status, body?.error?.code ?? 'internal', body?.error?.message ?? `HTTP ${res.status}`);
}

export async function getJson(path, params) {
  const url = params && String(params) ? `${path}?${params}` : path;
  const res = await check(await fetch(url, { headers: headers() }));
  return res.json();
}

/** POST with no body (the route takes its subject from the path), answered with JSON. */
export async function post(path) {
  const res = await check(await fetch(path, { method: 'POST', headers: headers() }));
  return res.json();
}

export async function upload(files) {
  const body = new FormData();
  for (const f of files) body.append('file', f, f.name);
  const res = await check(await fetch('documents', { method: 'POST', body, headers: headers() }));
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
  const res = await check(await fetch(params && String(params) ? `${path}?${params}` : path, { headers: headers() }));
  const name = dispositionName(res.headers.get('content-disposition') ?? '') ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
