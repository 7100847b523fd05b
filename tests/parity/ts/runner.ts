// The TypeScript reference runner of spec/conformance.
//
// It implements the Python facade's behaviours on the client generated from the same spec
// (openapi-typescript types + openapi-fetch): a captcha asked for on every attempt, one cookie
// jar scoped to the API host, Bearer from the access cookie, single-flight refresh with one
// replay, the same retries and the same typed outcomes. It uses nothing from the Python side
// but the fake server's HTTP interface (see spec/conformance/README.md).
//
//   npx tsx runner.ts --base-url http://127.0.0.1:PORT/api/v1 [--scenarios DIR] [--only NAME]

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import createClient from "openapi-fetch";
import { CookieJar } from "tough-cookie";
import { parse } from "yaml";

import type { paths } from "../../../generated/typescript/schema.ts";

// -- the SDK layer ----------------------------------------------------------------------------

export type ErrorKind =
  | "captcha_required" | "captcha_rejected" | "invalid_request" | "connection" | "timeout"
  | "bad_request" | "authentication" | "session_expired" | "permission_denied" | "not_found"
  | "rate_limited" | "server_error" | "response_validation";

export class SdkError extends Error {
  constructor(readonly kind: ErrorKind, message: string, readonly status?: number) {
    super(message);
  }
}

type CaptchaProvider = string | ((action: string) => Promise<string>) | null;

interface Session {
  access: string;
  refresh: string;
  user: string | null;
}

const REFRESH_PATH = "/auth/custom-refresh/";
const LOGOUT_PATH = "/auth/custom-logout/";
const PUBLIC_PATHS = new Set(["/auth/signup/", "/auth/signin/"]);
const SESSION_COOKIES = new Set(["access_token", "refresh_token"]);
const RETRY_ANY = new Set([429, 503]);
const RETRY_IDEMPOTENT = new Set([408, 502, 504]);
const RETRY_AFTER_CAP = 60;

function claims(jwt: string): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8"));
  } catch {
    return {};
  }
}

function statusKind(status: number, body: unknown): ErrorKind {
  if (status === 400) {
    return body && typeof body === "object" && "captcha" in body ? "captcha_rejected" : "bad_request";
  }
  if (status === 401) return "authentication";
  if (status === 403) return "permission_denied";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  return status >= 500 ? "server_error" : "bad_request";
}

function retryAfter(headers: Headers): number | null {
  const value = headers.get("retry-after");
  if (value === null) return null;
  const seconds = Number(value);
  if (!Number.isNaN(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, (date - Date.now()) / 1000);
}

const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

export class Rememberizer {
  readonly base: URL;
  private readonly jar = new CookieJar();
  private session: Session | null = null;
  private refreshing: Promise<Session | null> | null = null;
  private logoutToken: string | null = null;
  readonly api;

  constructor(baseUrl: string, private readonly captcha: CaptchaProvider, private readonly maxRetries = 2) {
    this.base = new URL(baseUrl.replace(/\/$/, ""));
    this.api = createClient<paths>({ baseUrl: this.base.href, fetch: (request) => this.send(request) });
  }

  get signedIn(): boolean {
    return this.session !== null;
  }

  // The one place credentials are attached, like the Python facade's httpx.Auth flow.
  private async send(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const prefix = this.base.pathname;
    if (url.origin !== this.base.origin || !url.pathname.startsWith(prefix + "/")) {
      return fetch(this.withCookies(request, null, false));
    }
    const path = url.pathname.slice(prefix.length);
    if (path === REFRESH_PATH || path === LOGOUT_PATH) {
      const token = path === LOGOUT_PATH ? this.logoutToken ?? this.session?.refresh : this.session?.refresh;
      return this.remember(await fetch(this.withCookies(request, token ?? null, false)));
    }
    const session = this.session;
    if (PUBLIC_PATHS.has(path) || session === null) {
      return this.remember(await fetch(this.withCookies(request, null, false)));
    }
    const replay = request.clone();
    const response = this.remember(await fetch(this.withCookies(request, null, true, session)));
    if (response.status !== 401) return response;
    const fresh = await this.refreshFor(session);
    if (fresh === null || fresh.access === session.access) return response;
    return this.remember(await fetch(this.withCookies(replay, null, true, fresh)));
  }

  private withCookies(request: Request, refresh: string | null, bearer: boolean, session?: Session): Request {
    const headers = new Headers(request.headers);
    headers.delete("authorization");
    const jarCookies = this.jar
      .getCookiesSync(request.url)
      .filter((cookie) => !SESSION_COOKIES.has(cookie.key))
      .map((cookie) => cookie.cookieString());
    if (refresh) jarCookies.push(`refresh_token=${refresh}`);
    if (jarCookies.length) headers.set("cookie", jarCookies.join("; "));
    else headers.delete("cookie");
    if (bearer && session) headers.set("authorization", `Bearer ${session.access}`);
    return new Request(request, { headers });
  }

  private remember(response: Response): Response {
    for (const header of response.headers.getSetCookie()) {
      this.jar.setCookieSync(header, response.url || this.base.href, { ignoreError: true });
    }
    return response;
  }

  private sessionFrom(response: Response): Session | null {
    const found: Record<string, string> = {};
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";");
      const [name, ...value] = pair.split("=");
      const cleared = attributes.some((a) => a.trim().toLowerCase() === "max-age=0");
      if (SESSION_COOKIES.has(name.trim()) && !cleared) found[name.trim()] = value.join("=");
    }
    if (!found.access_token || !found.refresh_token) return null;
    const sub = claims(found.access_token).sub;
    return { access: found.access_token, refresh: found.refresh_token, user: sub == null ? null : String(sub) };
  }

  // Single flight: whoever finds the stale token still current starts the refresh; everyone
  // else waits for the same promise. A token already replaced is not refreshed again.
  private refreshFor(stale: Session): Promise<Session | null> {
    const current = this.session;
    if (current === null || current.user !== stale.user) return Promise.resolve(null);
    if (current.access !== stale.access) return Promise.resolve(current);
    this.refreshing ??= this.doRefresh(current).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(current: Session): Promise<Session | null> {
    const { response } = await this.attempt(() => this.api.POST(REFRESH_PATH));
    if (response.status === 401) {
      if (this.session === current) this.session = null;
      throw new SdkError("session_expired", "the refresh was refused", 401);
    }
    if (response.status !== 204) throw new SdkError(statusKind(response.status, null), "refresh failed", response.status);
    const fresh = this.sessionFrom(response);
    if (fresh === null) throw new SdkError("response_validation", "refresh set no cookies", 204);
    if (this.session !== current) return null; // a logout or a signin happened meanwhile
    this.session = fresh;
    return fresh;
  }

  private async attempt<T extends { response: Response }>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof SdkError) throw error;
      if (error instanceof SyntaxError) throw new SdkError("response_validation", "the body is not JSON");
      throw new SdkError("connection", `cannot reach the API: ${String(error)}`);
    }
  }

  // One operation with the facade's retry rules; the captcha is asked on every attempt.
  private async call<T extends { response: Response; error?: unknown }>(
    success: number,
    idempotent: boolean,
    captchaAction: string | null,
    op: (captcha: string) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const captcha = captchaAction ? await this.captchaFor(captchaAction) : "";
      let result: T;
      try {
        result = await this.attempt(() => op(captcha));
      } catch (error) {
        if (error instanceof SdkError && error.kind === "connection" && idempotent && attempt < this.maxRetries) {
          await sleep(Math.min(0.5 * 2 ** attempt, 8) * (1 - 0.25 * Math.random()));
          continue;
        }
        throw error;
      }
      const status = result.response.status;
      if (status === success) return result;
      const wait = retryAfter(result.response.headers);
      const retriable = RETRY_ANY.has(status) || (idempotent && RETRY_IDEMPOTENT.has(status));
      if (retriable && attempt < this.maxRetries && (wait === null || wait <= RETRY_AFTER_CAP)) {
        await sleep(wait ?? Math.min(0.5 * 2 ** attempt, 8) * (1 - 0.25 * Math.random()));
        continue;
      }
      throw new SdkError(statusKind(status, result.error), `HTTP ${status}`, status);
    }
  }

  private async captchaFor(action: string): Promise<string> {
    if (this.captcha === null) throw new SdkError("captcha_required", `${action} needs a captcha`);
    const token = typeof this.captcha === "string" ? this.captcha : await this.captcha(action);
    if (!token) throw new SdkError("captcha_rejected", "the captcha provider returned nothing");
    return token;
  }

  async signup(email: string, password: string, name: string): Promise<unknown> {
    const { data, response } = await this.call(201, false, "signup", (captcha) =>
      this.api.POST("/auth/signup/", { body: { email, password, name, captcha } }),
    );
    const session = this.sessionFrom(response);
    if (session) this.session = session;
    return data;
  }

  async signin(login: string, password: string): Promise<void> {
    const { response } = await this.call(204, false, "signin", (captcha) =>
      this.api.POST("/auth/signin/", { body: { login, password, captcha } }),
    );
    const session = this.sessionFrom(response);
    if (session === null) throw new SdkError("response_validation", "signin set no cookies", 204);
    this.session = session;
  }

  async verifyEmail(code: string): Promise<unknown> {
    const { data } = await this.call(200, false, null, () =>
      this.api.POST("/auth/verify-email/", { body: { verification_code: code } }),
    );
    return data;
  }

  async accountGet(): Promise<unknown> {
    return (await this.call(200, true, null, () => this.api.GET("/account/"))).data;
  }

  async accountMe(): Promise<unknown> {
    return (await this.call(200, true, null, () => this.api.GET("/me/"))).data;
  }

  async refresh(): Promise<void> {
    const current = this.session;
    if (current === null) throw new SdkError("session_expired", "not signed in", 401);
    await this.refreshFor(current);
  }

  async logout(): Promise<void> {
    // Local first: nothing can use the session after this line, and a refresh still in
    // flight loses. The server is told after, best effort.
    const old = this.session;
    this.session = null;
    this.logoutToken = old?.refresh ?? null;
    try {
      await this.call(204, false, null, () => this.api.POST(LOGOUT_PATH));
    } catch {
      // a local sign-out always succeeds
    } finally {
      this.logoutToken = null;
    }
  }
}

// -- the scenario runner ----------------------------------------------------------------------

type Step = Record<string, any>;
interface Scenario {
  name: string;
  client?: { captcha?: string; max_retries?: number };
  steps: Step[];
}

class Mismatch extends Error {}

async function control(root: string, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${root}/_testing${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`control ${method} ${path}: HTTP ${response.status}`);
  return response.status === 204 ? null : response.json();
}

async function runScenario(baseUrl: string, scenario: Scenario): Promise<string | null> {
  const root = baseUrl.replace(/\/api\/v1\/?$/, "");
  await control(root, "POST", "/reset");
  const captchaCalls: Record<string, number> = {};
  const setting = scenario.client?.captcha ?? "provider";
  const captcha: CaptchaProvider =
    setting === "none"
      ? null
      : setting === "provider"
        ? async (action) => {
            captchaCalls[action] = (captchaCalls[action] ?? 0) + 1;
            return (await control(root, "POST", "/captcha", { action })).token;
          }
        : setting;
  const client = new Rememberizer(baseUrl, captcha, scenario.client?.max_retries ?? 2);
  const calls: Record<string, (args: Step) => Promise<unknown>> = {
    signup: (a) => client.signup(a.email, a.password, a.name),
    signin: (a) => client.signin(a.login, a.password),
    verify_email: async (a) => {
      let code: string = a.code;
      if (code.startsWith("from_outbox:")) {
        const email = code.slice("from_outbox:".length);
        const { messages } = await control(root, "GET", `/outbox?email=${encodeURIComponent(email)}`);
        code = messages[messages.length - 1].verification_code;
      }
      return client.verifyEmail(code);
    },
    account_get: () => client.accountGet(),
    account_me: () => client.accountMe(),
    refresh: () => client.refresh(),
    logout: () => client.logout(),
  };
  for (const [index, step] of scenario.steps.entries()) {
    const [name, args] = Object.entries(step)[0];
    try {
      if (name in calls) {
        const expected = args?.expect_error ?? null;
        let got: string | null = null;
        try {
          await calls[name](args ?? {});
        } catch (error) {
          if (!(error instanceof SdkError)) throw error;
          got = error.kind;
        }
        if (got !== expected) throw new Mismatch(`expected ${expected ?? "success"}, got ${got ?? "success"}`);
      } else if (name === "advance_clock") {
        await control(root, "POST", "/clock", { advance: args.seconds });
      } else if (name === "mark_requests") {
        await control(root, "DELETE", "/requests");
      } else if (name === "inject_fault") {
        await control(root, "POST", "/faults", args);
      } else if (name === "concurrent") {
        const results = await Promise.allSettled(Array.from({ length: args.count }, () => calls[args.call]({})));
        const failed = results.filter((r) => r.status === "rejected");
        if (failed.length) throw new Mismatch(`${failed.length} of ${args.count} concurrent calls failed`);
      } else if (name === "expect_requests") {
        const { requests } = await control(root, "GET", "/requests");
        for (const matcher of args) checkRequests(requests, matcher);
      } else if (name === "expect_session") {
        if (client.signedIn !== args.signed_in) throw new Mismatch(`signed_in is ${client.signedIn}`);
      } else if (name === "expect_captcha_calls") {
        for (const [action, count] of Object.entries(args)) {
          if ((captchaCalls[action] ?? 0) !== count) {
            throw new Mismatch(`captcha for ${action} asked ${captchaCalls[action] ?? 0} times, not ${count}`);
          }
        }
      } else {
        throw new Mismatch(`unknown step ${name}`);
      }
    } catch (error) {
      return `step ${index + 1} (${name}): ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return null;
}

function checkRequests(requests: any[], matcher: Record<string, any>): void {
  const matched = requests.filter(
    (r) =>
      (matcher.method === undefined || r.method === matcher.method) &&
      (matcher.path === undefined || r.path === matcher.path) &&
      (matcher.status === undefined || r.status === matcher.status),
  );
  const what = JSON.stringify(matcher);
  if (matcher.count !== undefined && matched.length !== matcher.count) {
    throw new Mismatch(`${what}: ${matched.length} requests matched`);
  }
  for (const r of matched) {
    if (matcher.bearer !== undefined && r.bearer !== matcher.bearer) throw new Mismatch(`${what}: bearer was ${r.bearer}`);
    if (matcher.cookies !== undefined && JSON.stringify([...r.cookies].sort()) !== JSON.stringify([...matcher.cookies].sort())) {
      throw new Mismatch(`${what}: cookies were ${JSON.stringify(r.cookies)}`);
    }
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const baseUrl = option("--base-url") ?? process.env.REMEMBERIZER_BASE_URL;
  if (!baseUrl) {
    console.error("runner: --base-url (or REMEMBERIZER_BASE_URL) is required");
    return 2;
  }
  const dir = option("--scenarios") ?? join(import.meta.dirname, "..", "..", "..", "spec", "conformance");
  const only = option("--only");
  let failed = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
    const scenario = parse(readFileSync(join(dir, file), "utf8")) as Scenario;
    if (only && scenario.name !== only) continue;
    const failure = await runScenario(baseUrl, scenario);
    if (failure) failed++;
    const line = { scenario: scenario.name, language: "typescript", result: failure ? "fail" : "pass", detail: failure ?? "" };
    console.log(JSON.stringify(line));
  }
  return failed ? 1 : 0;
}

process.exitCode = await main();
