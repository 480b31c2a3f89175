// A minimal single-page app on another origin of the same site as the API
// (http://localhost:3000 calling http://localhost:8000). Every request sends the
// cookies (credentials: "include"); unsafe ones carry the CSRF token in X-CSRFToken.
// ?api=URL points it at another API base URL.
const api = new URLSearchParams(location.search).get("api") || "http://localhost:8000";
let csrfToken = null;

const $ = (id) => document.getElementById(id);
const show = (text) => { $("status").textContent = text; };

async function call(method, path, body) {
  const headers = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRFToken"] = csrfToken;
  const response = await fetch(api + path, {
    method,
    credentials: "include",
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, data: await response.json() };
}

// After a page reload the token is gone from memory: ask the API for it.
async function refresh() {
  csrfToken = (await call("GET", "/api/csrf/")).data.csrf_token;
  const me = await call("GET", "/api/user/");
  $("user").textContent = me.status === 200 ? `Logged in as ${me.data.username}` : "Not logged in";
}

function onSubmit(id, handler) {
  $(id).addEventListener("submit", (event) => {
    event.preventDefault();
    handler(Object.fromEntries(new FormData(event.target))).catch((error) => show(`error: ${error.message}`));
  });
}

onSubmit("register", async (fields) => {
  const { status, data } = await call("POST", "/api/register/", fields);
  show(status === 201 ? "register: 201" : `register: ${status} ${data.code}`);
});

onSubmit("login", async (fields) => {
  const { status, data } = await call("POST", "/api/login/", fields);
  if (status === 200) csrfToken = data.csrf_token;  // login rotated the token
  show(status === 200 ? "login: 200" : `login: ${status} ${data.code}`);
  await refresh();
});

$("logout").addEventListener("click", () => {
  call("POST", "/api/logout/")
    .then(({ status }) => { show(`logout: ${status}`); return refresh(); })
    .catch((error) => show(`error: ${error.message}`));
});

$("api").textContent = api;
refresh().catch((error) => show(`error: ${error.message}`));
