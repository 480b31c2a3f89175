// The session flow through the TypeScript SDK that openapi-typescript and openapi-fetch
// generate from openapi.yaml. Node's fetch has no cookie jar, so a middleware carries
// Set-Cookie back as Cookie and adds X-CSRFToken on unsafe requests: what an SDK user
// outside a browser must add by hand. Usage: node flow.mjs http://127.0.0.1:8000
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./generated/schema.js";

type Problem = components["schemas"]["ProblemFields"] & { code: string };

const jar = new Map<string, string>();
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const sessionCookies: Middleware = {
  onRequest({ request }) {
    if (jar.size > 0) {
      request.headers.set("Cookie", [...jar].map(([name, value]) => `${name}=${value}`).join("; "));
    }
    const token = jar.get("csrftoken");
    if (token !== undefined && UNSAFE.has(request.method)) {
      request.headers.set("X-CSRFToken", token);
    }
    return request;
  },
  onResponse({ response }) {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      if (value === "" || value === '""' || /max-age=0/i.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  },
};

const baseUrl = process.argv[2];
if (!baseUrl) throw new Error("usage: node flow.mjs BASE_URL");
const client = createClient<paths>({ baseUrl });
client.use(sessionCookies);

const steps: Record<string, unknown>[] = [];
const username = `ts${Date.now()}`;
const password = "correct-horse-battery-staple";

const registered = await client.POST("/api/register/", {
  body: { username, email: `${username}@example.com`, password, password2: password },
});
steps.push({ step: "register", status: registered.response.status, user: registered.data });

const mismatch = await client.POST("/api/register/", {
  body: { username: `${username}x`, email: `x${username}@example.com`, password, password2: "different" },
});
const invalid = mismatch.error;
steps.push({
  step: "register-400",
  status: mismatch.response.status,
  code: invalid?.code,
  pointers: invalid && "errors" in invalid ? invalid.errors.map((e) => e.pointer) : [],
});

const loggedIn = await client.POST("/api/login/", { body: { username, password } });
steps.push({ step: "login", status: loggedIn.response.status, message: loggedIn.data?.message });

const me = await client.GET("/api/user/");
steps.push({ step: "user", status: me.response.status, username: me.data?.username });

const loggedOut = await client.POST("/api/logout/");
steps.push({ step: "logout", status: loggedOut.response.status, message: loggedOut.data?.message });

const after = await client.GET("/api/user/");
const problem: Problem | undefined = after.error;
steps.push({ step: "user-401", status: after.response.status, code: problem?.code, detail: problem?.detail });

console.log(JSON.stringify(steps));
