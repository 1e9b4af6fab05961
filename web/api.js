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
};

export class ApiError extends Error {
  constructor(status, code, detail) {
    super(`${MESSAGES[code] ?? 'Lỗi máy chủ.'}${detail ? ` (${detail})` : ''}`);
    this.status = status;
    this.code = code;
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

export async function upload(files) {
  const body = new FormData();
  for (const f of files) body.append('file', f, f.name);
  const res = await check(await fetch('documents', { method: 'POST', body, headers: headers() }));
  return res.json();
}

// Exports are fetched rather than linked so that a refused filter shows a message instead of
// saving an error as a file, and so the token can go along. The whole file is held in memory
// once; exports are capped by the API (KHCL export limit), which keeps that bounded.
export async function download(path, params) {
  const res = await check(await fetch(`${path}?${params}`, { headers: headers() }));
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'khcl-export';
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
