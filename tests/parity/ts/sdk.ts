// The TypeScript reference SDK layer of the Rememberizer conformance kit.
//
// It implements the Python facade's behaviours on the client generated from the same spec
// (openapi-typescript types + openapi-fetch): a captcha asked for on every attempt, one cookie
// jar scoped to the API host, Bearer from the access cookie, proactive refresh before expiry,
// single-flight refresh with one replay, the same retries, client-side argument checks,
// response checks and the same typed outcomes. Read it as the reference an SDK in another
// language follows; runner.ts performs the conformance kit's steps with it. Paths, credentials,
// captcha actions, idempotency and success statuses come from generated/typescript/operations.ts.
//
// `Options` turns behaviours off: tests/parity/test_reduced_runner.py proves that a runner
// without them fails the scenarios that cover them.

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { openAsBlob } from "node:fs";
import { basename } from "node:path";

import createClient from "openapi-fetch";
import { CookieJar } from "tough-cookie";

import { OPERATIONS, type OperationId, type OperationInfo } from "../../../generated/typescript/operations.ts";
import type { components, paths } from "../../../generated/typescript/schema.ts";


export type ErrorKind =
  | "captcha_required" | "captcha_rejected" | "invalid_request" | "connection" | "timeout"
  | "bad_request" | "authentication" | "session_expired" | "permission_denied" | "not_found"
  | "rate_limited" | "server_error" | "response_validation"
  | "oauth_state" | "access_denied" | "oauth_token";

export class SdkError extends Error {
  constructor(readonly kind: ErrorKind, message: string, readonly status?: number) {
    super(message);
  }
}

export type CaptchaProvider = string | ((action: string) => Promise<string>) | null;

export interface Options {
  /** Refuse arguments the spec does not allow before sending anything. */
  validateRequests: boolean;
  /** Refuse a success response whose body the spec does not allow. */
  validateResponses: boolean;
  /** One refresh for any number of concurrent calls that found the token stale. */
  singleFlight: boolean;
}

export const FULL: Options = { validateRequests: true, validateResponses: true, singleFlight: true };
export const REDUCED: Options = { validateRequests: false, validateResponses: false, singleFlight: false };

interface Session {
  /** A cookie session (signin) is refreshed at /auth/custom-refresh/, an app's (OAuth2) at the token endpoint. */
  kind: "cookie" | "oauth";
  access: string;
  refresh: string;
  user: string | null;
  /** When the access token expires, by this client's clock (received + exp - iat). */
  expiresAt: number | null;
}

// The spec's row for a request (generated/typescript/operations.ts): a path template's
// parameter matches one segment.
function operationFor(method: string, path: string): OperationInfo | undefined {
  return Object.values<OperationInfo>(OPERATIONS).find(
    (op) => op.method === method && new RegExp(`^${op.path.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(path),
  );
}

// Refresh ahead of a call when the access token has this little time left (as the facade).
const PROACTIVE_WINDOW = 30;

type Shape = Record<string, "integer" | "string" | "boolean" | "id">;
// The required fields of the response bodies this layer returns, from the spec's schemas.
// "id": an integer or a string, as the record writes ids both ways (spec: Account.id oneOf).
const ACCOUNT: Shape = { id: "id", email: "string", name: "string" };
const PROFILE: Shape = { ...ACCOUNT, embed_quota: "integer", current_usage: "integer", email_verified: "boolean" };

function conforms(data: unknown, shape: Shape): boolean {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return false;
  const record = data as Record<string, unknown>;
  return Object.entries(shape).every(([key, type]) =>
    type === "id"
      ? Number.isInteger(record[key]) || typeof record[key] === "string"
      : type === "integer" ? Number.isInteger(record[key]) : typeof record[key] === type,
  );
}

function checkEmail(email: string): void {
  const at = email.lastIndexOf("@");
  if (email.length < 3 || at <= 0 || at === email.length - 1 || /\s/.test(email)) {
    throw new SdkError("invalid_request", "email is not an email address");
  }
}

const REFRESH_PATH = OPERATIONS.refresh.path;
const LOGOUT_PATH = OPERATIONS.logout.path;
const SESSION_COOKIES = new Set(["access_token", "refresh_token"]);
// As the Python facade (rememberizer/_retry.py): a 503 may come after the server acted, so only
// 429 is retried on every operation.
const RETRY_ANY = new Set([429]);
const RETRY_IDEMPOTENT = new Set([408, 502, 503, 504]);
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
const backoff = (attempt: number) => Math.min(0.5 * 2 ** attempt, 8) * (1 - 0.25 * Math.random());

export class Rememberizer {
  readonly base: URL;
  private readonly jar = new CookieJar();
  private session: Session | null = null;
  private refreshing: Promise<Session | null> | null = null;
  private logoutToken: string | null = null;
  /** Seconds added to the wall clock: a test moves the SDK's clock with it. */
  clockOffset = 0;
  readonly api;

  constructor(
    baseUrl: string,
    private readonly captcha: CaptchaProvider,
    private readonly maxRetries = 2,
    private readonly options: Options = FULL,
    /** A knowledge API key: sent as `x-api-key`, only to the API, only where the spec allows it. */
    private readonly apiKey: string | null = null,
    /** The Rememberizer app whose sessions this client refreshes (see `useOAuth`). */
    private readonly oauth: OAuthApp | null = null,
  ) {
    this.base = new URL(baseUrl.replace(/\/$/, ""));
    this.api = createClient<paths>({ baseUrl: this.base.href, fetch: (request) => this.send(request) });
  }

  get signedIn(): boolean {
    return this.session !== null;
  }

  private now(): number {
    return Date.now() / 1000 + this.clockOffset;
  }

  /** A GET through this client's own fetch: credentials go only to the API origin. */
  async rawGet(url: string): Promise<Response> {
    return this.send(new Request(url));
  }

  // The one place credentials are attached, like the Python facade's httpx2.Auth flow.
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
    let session = this.session;
    const operation = operationFor(request.method, path);
    // An operation the spec gives no security sends no credentials.
    const open = operation !== undefined && operation.security.length === 0;
    if (session === null && this.apiKey !== null && !open) {
      // A JWT-only operation with only a key is refused here, before anything is sent.
      if (!operation?.security.some((schemes) => schemes.includes("apiKeyAuth"))) throw new SdkError("authentication", `${path} needs a signed-in session`);
      const keyed = this.withCookies(request, null, false);
      keyed.headers.set("x-api-key", this.apiKey);
      return this.remember(await fetch(keyed));
    }
    if (open || session === null) {
      return this.remember(await fetch(this.withCookies(request, null, false)));
    }
    if (session.expiresAt !== null && session.expiresAt - this.now() <= PROACTIVE_WINDOW) {
      session = (await this.refreshFor(session)) ?? session;
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
    const { sub, exp, iat } = claims(found.access_token);
    const lifetime = typeof exp === "number" && typeof iat === "number" && exp >= iat ? exp - iat : null;
    return {
      kind: "cookie",
      access: found.access_token,
      refresh: found.refresh_token,
      user: sub == null ? null : String(sub),
      expiresAt: lifetime === null ? null : this.now() + lifetime,
    };
  }

  // Single flight: whoever finds the stale token still current starts the refresh; everyone
  // else waits for the same promise. A token already replaced is not refreshed again.
  private refreshFor(stale: Session): Promise<Session | null> {
    const current = this.session;
    if (current === null || current.user !== stale.user) return Promise.resolve(null);
    if (current.access !== stale.access) return Promise.resolve(current);
    if (!this.options.singleFlight) return this.doRefresh(current);
    this.refreshing ??= this.doRefresh(current).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(current: Session): Promise<Session | null> {
    const fresh = current.kind === "oauth" ? await this.oauthRefresh(current) : await this.cookieRefresh(current);
    if (this.session !== current) return null; // a logout or a signin happened meanwhile
    this.session = fresh;
    return fresh;
  }

  /** Sign in with the tokens an app's exchange gave: Bearer on every call, refreshed by the app. */
  useOAuth(tokens: OAuthTokens): void {
    if (this.oauth === null) throw new SdkError("invalid_request", "an OAuth session needs the app that refreshes it");
    this.session = this.oauthSession(tokens, null);
  }

  private oauthSession(tokens: OAuthTokens, old: Session | null): Session {
    const { sub } = claims(tokens.access_token);
    return {
      kind: "oauth",
      access: tokens.access_token,
      // RFC 6749 §6: without a new refresh token, the old one stays valid.
      refresh: tokens.refresh_token ?? old?.refresh ?? "",
      user: sub == null ? null : String(sub),
      // Without expires_in (Rememberizer's sample app reads only the two tokens), the JWT's exp.
      expiresAt: this.now() + (tokens.expires_in ?? (typeof claims(tokens.access_token).exp === "number"
        ? Number(claims(tokens.access_token).exp) - Date.now() / 1000
        : 300)),
    };
  }

  private async oauthRefresh(current: Session): Promise<Session> {
    try {
      if (this.oauth === null) throw new SdkError("authentication", "no app to refresh this session with", 401);
      return this.oauthSession(await this.oauth.refresh(current.refresh), current);
    } catch (error) {
      if (error instanceof SdkError && error.kind === "session_expired" && this.session === current) this.session = null;
      throw error;
    }
  }

  private async cookieRefresh(current: Session): Promise<Session> {
    const { response } = await this.attempt(() => this.api.POST(REFRESH_PATH));
    if (response.status === 401) {
      if (this.session === current) this.session = null;
      throw new SdkError("session_expired", "the refresh was refused", 401);
    }
    const documented: readonly number[] = OPERATIONS.refresh.success;
    if (!documented.includes(response.status)) {
      throw new SdkError(statusKind(response.status, null), "refresh failed", response.status);
    }
    const fresh = this.sessionFrom(response);
    if (fresh === null) throw new SdkError("response_validation", "refresh set no cookies", response.status);
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

  // One operation with the facade's retry rules; the captcha is asked on every attempt. What
  // the operation is (its captcha action, whether it may be replayed) is the spec's, from the
  // generated table.
  private async call<T extends { response: Response; error?: unknown }>(
    id: OperationId,
    op: (captcha: string) => Promise<T>,
  ): Promise<T> {
    const { captchaAction, idempotent }: OperationInfo = OPERATIONS[id];
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
      // The tolerant reader: any 2xx is success, not only the status the spec lists.
      if (status >= 200 && status < 300) return result;
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

  private checked<T>(data: T, shape: Shape): T {
    if (this.options.validateResponses && !conforms(data, shape)) {
      throw new SdkError("response_validation", "the body does not match the spec", 200);
    }
    return data;
  }

  async signup(email: string, password: string, name: string): Promise<unknown> {
    if (this.options.validateRequests) checkEmail(email);
    const { data, response } = await this.call("signup", (captcha) =>
      this.api.POST(OPERATIONS.signup.path, { body: { email, password, name, captcha } }),
    );
    const session = this.sessionFrom(response);
    if (session) this.session = session;
    return data;
  }

  async signin(login: string, password: string): Promise<void> {
    const { response } = await this.call("signin", (captcha) =>
      this.api.POST(OPERATIONS.signin.path, { body: { login, password, captcha } }),
    );
    const session = this.sessionFrom(response);
    if (session === null) throw new SdkError("response_validation", "signin set no cookies", 204);
    this.session = session;
  }

  async verifyEmail(code: string): Promise<unknown> {
    const { data } = await this.call("verify_email", () =>
      this.api.POST(OPERATIONS.verify_email.path, { body: { verification_code: code } }),
    );
    return data;
  }

  /** Memorize text: the docs show 201 with no body and 200 {data, message, code}; both are success. */
  async memorize(name: string, content: string): Promise<unknown> {
    const { data } = await this.call("memorize_document", () =>
      this.api.POST(OPERATIONS.memorize_document.path, { body: { name, content } } as any),
    );
    return data ?? {};
  }

  async accountGet(): Promise<unknown> {
    return this.checked((await this.call("get_account", () => this.api.GET(OPERATIONS.get_account.path))).data, ACCOUNT);
  }

  async accountMe(): Promise<unknown> {
    return this.checked((await this.call("get_me", () => this.api.GET(OPERATIONS.get_me.path))).data, PROFILE);
  }

  /** Every document, following the pages to the last one. */
  async documentsListAll(pageSize: number): Promise<Array<{ id: number | string; pk?: number; name: string }>> {
    const found: Array<{ id: number; name: string }> = [];
    for (let page = 1; ; page++) {
      const { data } = await this.call("list_documents", () =>
        this.api.GET(OPERATIONS.list_documents.path, { params: { query: { page, page_size: pageSize } } }),
      );
      const results = (data as any)?.results;
      if (this.options.validateResponses && !Array.isArray(results)) {
        throw new SdkError("response_validation", "the page has no results", 200);
      }
      found.push(...results);
      if (!(data as any).next) return found;
    }
  }

  async documentsSearch(q: string, n?: number, from?: string, to?: string): Promise<any> {
    const query: Record<string, unknown> = { q };
    if (n !== undefined) query.n = n;
    if (from !== undefined) query.from = from;
    if (to !== undefined) query.to = to;
    const { data } = await this.call("search_documents", () => this.api.GET(OPERATIONS.search_documents.path, { params: { query } as any }));
    return data;
  }

  /** A document's whole text, paging through its chunks by `end_chunk` until the last. */
  async documentsRead(id: number): Promise<string> {
    let text = "";
    for (let start = 0; ; ) {
      const { data } = await this.call("get_document_contents", () =>
        this.api.GET(OPERATIONS.get_document_contents.path, {
          params: { path: { document_id: id }, query: { start_chunk: start } } as any,
        }),
      );
      const { content, end_chunk } = data as { content: string; end_chunk: number };
      if (end_chunk <= start) return text;
      text += content;
      start = end_chunk;
    }
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
      await this.call("logout", () => this.api.POST(LOGOUT_PATH));
    } catch {
      // a local sign-out always succeeds
    } finally {
      this.logoutToken = null;
    }
  }
}


/** A vector store's client: its key goes as `x-api-key`, only to the API origin. */
export class VectorStore {
  private readonly base: URL;
  private readonly api;

  constructor(
    baseUrl: string,
    readonly id: string,
    private readonly key: string,
    private readonly maxRetries = 2,
  ) {
    this.base = new URL(baseUrl.replace(/\/$/, ""));
    this.api = createClient<paths>({
      baseUrl: this.base.href,
      fetch: (request) => {
        const headers = new Headers(request.headers);
        headers.delete("x-api-key");
        if (new URL(request.url).origin === this.base.origin) headers.set("x-api-key", this.key);
        return fetch(new Request(request, { headers }));
      },
    });
  }

  private static outcome<T extends { response: Response; data?: unknown; error?: unknown }>(result: T): unknown {
    const status = result.response.status;
    // The tolerant reader: any 2xx is success; unknown fields and enum values are kept as sent.
    if (status < 200 || status >= 300) {
      throw new SdkError(statusKind(status, result.error), `HTTP ${status}`, status);
    }
    return result.data;
  }

  async create(name: string, text: string): Promise<unknown> {
    const result = await this.api.POST(OPERATIONS.create_vector_store_document.path, {
      params: { path: { vector_store_id: this.id } },
      body: { name, text },
    } as any);
    return VectorStore.outcome(result);
  }

  async search(q: string, n?: number): Promise<any> {
    const query: Record<string, unknown> = { q };
    if (n !== undefined) query.n = n;
    const result = await this.api.GET(OPERATIONS.search_vector_store_documents.path, {
      params: { path: { vector_store_id: this.id }, query },
    } as any);
    return VectorStore.outcome(result);
  }

  /**
   * Upload files in one multipart request, each streamed from disk (a file-backed Blob) as it
   * is sent. A 207 is not an error: the result names the files not stored and why. Those files
   * are sent again, alone, up to `maxRetries` times, as the Python facade does.
   */
  async upload(paths: string[]): Promise<UploadResult> {
    const result: UploadResult = { documents: [], errors: [] };
    let pending = paths.map((path) => ({ path, name: basename(path) }));
    for (let attempt = 0; ; attempt++) {
      const form = new FormData();
      for (const file of pending) form.append("files", await openAsBlob(file.path), file.name);
      const outcome = await this.api.POST(OPERATIONS.upload_vector_store_documents.path, {
        params: { path: { vector_store_id: this.id } },
        body: form,
      } as any);
      const status = outcome.response.status;
      const documented: readonly number[] = OPERATIONS.upload_vector_store_documents.success;
      if (!documented.includes(status)) throw new SdkError(statusKind(status, outcome.error), `HTTP ${status}`, status);
      const answer = outcome.data as unknown;
      if (!isUploadResult(answer)) throw new SdkError("response_validation", "the upload's answer does not match the spec", status);
      result.documents.push(...answer.documents);
      // The files the answer names as not stored, matched by name (each pending file once).
      const failed = new Set<number>();
      for (const error of answer.errors) {
        const index = pending.findIndex((file, i) => file.name === error.file && !failed.has(i));
        if (index >= 0) failed.add(index);
      }
      pending = pending.filter((_, i) => failed.has(i));
      if (!pending.length || attempt >= this.maxRetries) {
        result.errors.push(...answer.errors);
        return result;
      }
      await sleep(backoff(attempt));
    }
  }
}

type UploadedDocument = components["schemas"]["VectorStoreUploadedDocument"];
type UploadError = components["schemas"]["VectorStoreUploadError"];

/** What an upload stored, and what it did not (each file's name and the server's reason). */
export interface UploadResult {
  documents: UploadedDocument[];
  errors: UploadError[];
}

function isUploadResult(data: unknown): data is UploadResult {
  const body = data as UploadResult | null;
  return (
    typeof body === "object" && body !== null &&
    Array.isArray(body.documents) && Array.isArray(body.errors) &&
    body.documents.every((d) => Number.isInteger(d?.id) && typeof d?.name === "string") &&
    body.errors.every((e) => typeof e?.file === "string" && typeof e?.error === "string")
  );
}


export type OAuthTokens = components["schemas"]["OAuthTokens"];
const AUTHORIZE_PATH = OPERATIONS.oauth2_authorize.path;
const TOKEN_PATH = OPERATIONS.oauth2_token.path;

/** Equal strings, compared in constant time (the digests have one length whatever the input). */
function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * A Rememberizer app (an OAuth2 confidential client): the authorization URL with a random
 * state and a PKCE (S256) challenge, the state check, and the code and refresh-token grants.
 * The client secret goes in the form body of the token endpoint's requests, and nowhere else:
 * those requests go through a client of their own, which attaches no Bearer and no cookie.
 */
export class OAuthApp {
  private readonly base: URL;
  private readonly api;
  /** Each started sign-in's PKCE verifier, by its state. */
  private readonly verifiers = new Map<string, string>();

  constructor(
    baseUrl: string,
    readonly clientId: string,
    private readonly clientSecret: string,
    readonly redirectUri: string,
    readonly scopes: string[] = ["offline_access"],
  ) {
    this.base = new URL(baseUrl.replace(/\/$/, ""));
    this.api = createClient<paths>({ baseUrl: this.base.href });
  }

  /** The URL to send the user to, and its state (random when not given). */
  authorizationUrl(state?: string): { url: string; state: string } {
    const chosen = state ?? randomBytes(32).toString("base64url");
    const verifier = randomBytes(64).toString("base64url");
    this.verifiers.set(chosen, verifier);
    const query = new URLSearchParams({
      client_id: this.clientId,
      response_type: "code",
      redirect_uri: this.redirectUri,
      scope: this.scopes.join(" "),
      state: chosen,
      code_challenge: createHash("sha256").update(verifier).digest("base64url"),
      code_challenge_method: "S256",
    });
    return { url: `${this.base.href}${AUTHORIZE_PATH}?${query}`, state: chosen };
  }

  /** The callback's code for tokens; the state is checked first, and a mismatch sends nothing. */
  async exchange(callbackUrl: string, expectedState: string): Promise<OAuthTokens> {
    const params = new URL(callbackUrl).searchParams;
    if (!expectedState || !sameSecret(params.get("state") ?? "", expectedState)) {
      throw new SdkError("oauth_state", "the callback's state does not match this sign-in's; nothing was sent");
    }
    const verifier = this.verifiers.get(expectedState);
    this.verifiers.delete(expectedState);
    const error = params.get("error");
    if (error !== null) throw new SdkError("access_denied", `the authorization was refused: ${error}`);
    const code = params.get("code");
    if (!code) throw new SdkError("access_denied", "the callback carries no code");
    const form: Record<string, string> = { grant_type: "authorization_code", code, redirect_uri: this.redirectUri };
    if (verifier !== undefined) form.code_verifier = verifier;
    return this.token(form);
  }

  /** New tokens for a refresh token; a refused one is `session_expired`. */
  async refresh(refreshToken: string): Promise<OAuthTokens> {
    if (!refreshToken) throw new SdkError("session_expired", "the app's session has no refresh token", 401);
    return this.token({ grant_type: "refresh_token", refresh_token: refreshToken });
  }

  private async token(form: Record<string, string>): Promise<OAuthTokens> {
    const body = { ...form, client_id: this.clientId, client_secret: this.clientSecret };
    let outcome;
    try {
      outcome = await this.api.POST(TOKEN_PATH, {
        body: body as components["schemas"]["OAuthTokenRequest"],
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      });
    } catch (error) {
      throw new SdkError(error instanceof SyntaxError ? "response_validation" : "connection", "oauth2_token failed");
    }
    const status = outcome.response.status;
    if (status < 200 || status >= 300) {
      const refused = (outcome.error ?? {}) as { error?: string };
      const expired = form.grant_type === "refresh_token" && refused.error === "invalid_grant";
      throw new SdkError(expired ? "session_expired" : "oauth_token", `HTTP ${status}: ${refused.error ?? "refused"}`, status);
    }
    const tokens = outcome.data as OAuthTokens | undefined;
    // The tolerant reader: only access_token is needed; a missing token_type is Bearer.
    if (typeof tokens?.access_token !== "string" || !tokens.access_token
      || String(tokens.token_type ?? "bearer").toLowerCase() !== "bearer") {
      throw new SdkError("response_validation", "the token endpoint answered without a Bearer access_token", 200);
    }
    return tokens;
  }
}
