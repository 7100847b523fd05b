// The TypeScript reference runner of spec/conformance: it drives the reference SDK layer in
// sdk.ts through every scenario and prints one JSON line each (see the README's runner protocol).
// It uses nothing from the Python side but the fake server's HTTP interface.
//
//   npx tsx runner.ts --base-url http://127.0.0.1:PORT/api/v1 [--scenarios DIR] [--only NAME]
//       [--reduced]
//
// --reduced runs a deliberately weaker SDK (no client-side validation, no response
// validation, no single flight), which must fail the scenarios covering those behaviours.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";

import { type CaptchaProvider, FULL, OAuthApp, REDUCED, Rememberizer, SdkError, type Options, VectorStore } from "./sdk.ts";

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

// The redirect URI oauth_register registers when the step names none.
const REDIRECT_URI = "https://app.example/callback";

async function runScenario(baseUrl: string, scenario: Scenario, options: Options): Promise<string | null> {
  const files = mkdtempSync(join(tmpdir(), "conformance-"));
  try {
    return await runSteps(baseUrl, scenario, options, files);
  } finally {
    rmSync(files, { recursive: true, force: true });
  }
}

async function runSteps(baseUrl: string, scenario: Scenario, options: Options, files: string): Promise<string | null> {
  const root = baseUrl.replace(/\/api\/v1\/?$/, "");
  await control(root, "POST", "/reset", {});
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
  let store: VectorStore | null = null;
  const theStore = () => {
    if (store === null) throw new Mismatch("no create_vector_store step before");
    return store;
  };
  const retries = scenario.client?.max_retries ?? 2;
  let client = new Rememberizer(baseUrl, captcha, retries, options);
  // oauth_register's app and its sign-in: the URL, its state and the callback it came back on.
  const oauth = { app: null as OAuthApp | null, secret: "", url: "", state: "", callback: "" };
  const theApp = () => {
    if (oauth.app === null) throw new Mismatch("no oauth_register step before");
    return oauth.app;
  };
  const calls: Record<string, (args: Step) => Promise<unknown>> = {
    signup: (a) => client.signup(a.email, a.password, a.name),
    signin: (a) => client.signin(a.login, a.password),
    verify_email: async (a) => {
      let code: string = a.code;
      if (code.startsWith("from_outbox:")) {
        const email = code.slice("from_outbox:".length);
        const { messages } = await control(root, "GET", `/outbox?kind=verify_email&email=${encodeURIComponent(email)}`);
        code = messages[messages.length - 1].verification_code;
      }
      return client.verifyEmail(code);
    },
    documents_list_all: async (a) => {
      const found = await client.documentsListAll(a.page_size ?? 10);
      if (a.expect_count !== undefined && found.length !== a.expect_count) {
        throw new Mismatch(`${found.length} documents, not ${a.expect_count}`);
      }
    },
    documents_search: async (a) => {
      const data = await client.documentsSearch(a.q, a.n, a.from, a.to);
      const names = [...new Set((data.matched_chunks ?? []).map((hit: any) => hit.document.name))].sort();
      if (a.expect_documents && JSON.stringify(names) !== JSON.stringify([...a.expect_documents].sort())) {
        throw new Mismatch(`found ${JSON.stringify(names)}`);
      }
    },
    documents_read: async (a) => {
      const documents = await client.documentsListAll(100);
      const document = documents.find((d) => d.name === a.document);
      if (!document) throw new Mismatch(`no document named ${a.document}`);
      // The id the contents call takes: `pk` where the list gives it, else `id`.
      const text = await client.documentsRead(Number.isInteger(document.pk) ? Number(document.pk) : Number(document.id));
      if (a.expect_ending && !text.trimEnd().endsWith(a.expect_ending)) throw new Mismatch(`the text ends ${JSON.stringify(text.slice(-40))}`);
    },
    memorize: (a) => client.memorize(a.name, a.content),
    vector_store_add: (a) => theStore().create(a.name, a.text),
    vector_store_search: async (a) => {
      const data = await theStore().search(a.q, a.n);
      const names = [...new Set((data.matched_chunks ?? []).map((hit: any) => hit.document.name))].sort();
      if (a.expect_documents && JSON.stringify(names) !== JSON.stringify([...a.expect_documents].sort())) {
        throw new Mismatch(`found ${JSON.stringify(names)}`);
      }
    },
    vector_store_upload: async (a) => {
      const paths = a.files.map((file: { name: string; text: string }) => {
        const path = join(files, file.name);
        writeFileSync(path, file.text, "utf8");
        return path;
      });
      const result = await theStore().upload(paths);
      const stored = result.documents.map((d) => d.name).sort();
      const failed = result.errors.map((e) => e.file).sort();
      if (a.expect_documents && JSON.stringify(stored) !== JSON.stringify([...a.expect_documents].sort())) {
        throw new Mismatch(`stored ${JSON.stringify(stored)}`);
      }
      if (a.expect_errors && JSON.stringify(failed) !== JSON.stringify([...a.expect_errors].sort())) {
        throw new Mismatch(`not stored ${JSON.stringify(failed)}`);
      }
    },
    oauth_exchange: async (a) => {
      if (!oauth.callback) throw new Mismatch("no oauth_consent step before");
      const expected = a.wrong_state ? `${oauth.state}-not-this-one` : oauth.state;
      const tokens = await theApp().exchange(oauth.callback, expected);
      // The session the exchange starts replaces the client, as use_api_key does.
      client = new Rememberizer(baseUrl, captcha, retries, options, null, theApp());
      client.useOAuth(tokens);
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
        const started = performance.now();
        try {
          await calls[name](args ?? {});
        } catch (error) {
          if (!(error instanceof SdkError)) throw error;
          got = error.kind;
        }
        const took = (performance.now() - started) / 1000;
        if (got !== expected) throw new Mismatch(`expected ${expected ?? "success"}, got ${got ?? "success"}`);
        if (took < (args?.min_seconds ?? 0)) throw new Mismatch(`took ${took.toFixed(2)} s, less than ${args.min_seconds} s`);
      } else if (name === "advance_clock") {
        await control(root, "POST", "/clock", { advance: args.seconds });
        if (args.sdk) client.clockOffset += args.seconds;
      } else if (name === "seed_documents") {
        for (let i = 1; i <= args.count; i++) {
          const named = args.count === 1 && args.name ? args.name : `${args.name ?? "document"} ${i}`;
          const text = "word ".repeat(args.words ?? 0) + (args.text ?? `document number ${i}`);
          await control(root, "POST", "/documents", {
            email: args.email, name: named, integration_type: args.integration_type ?? "google_drive",
            time: args.time ?? "2025-01-01T00:00:00Z", text,
          });
        }
      } else if (name === "create_vector_store") {
        const created = await control(root, "POST", "/vector-stores", args.name ? { name: args.name } : {});
        store = new VectorStore(baseUrl, String(created.id), created.key, retries);
      } else if (name === "inject_file_faults") {
        await control(root, "POST", "/vector-stores/faults", args);
      } else if (name === "oauth_register") {
        const body = { name: args.name ?? "Conformance app", redirect_uris: [args.redirect_uri ?? REDIRECT_URI] };
        const registered = await control(root, "POST", "/oauth-apps", body);
        oauth.secret = registered.client_secret;
        oauth.app = new OAuthApp(baseUrl, registered.client_id, registered.client_secret, registered.redirect_uris[0], args.scopes);
      } else if (name === "oauth_authorize") {
        ({ url: oauth.url, state: oauth.state } = theApp().authorizationUrl());
        if (oauth.url.includes(oauth.secret)) throw new Mismatch("the authorization URL carries the client secret");
      } else if (name === "oauth_consent") {
        const body = { url: oauth.url, email: args.email, decision: args.decision ?? "approve" };
        oauth.callback = (await control(root, "POST", "/oauth-consent", body)).location;
      } else if (name === "use_api_key") {
        const { api_key } = await control(root, "POST", "/api-keys", { email: args.email });
        client = new Rememberizer(baseUrl, captcha, retries, options, api_key);
      } else if (name === "get_other_origin") {
        const other = new URL(baseUrl);
        other.hostname = other.hostname === "localhost" ? "127.0.0.1" : "localhost";
        await client.rawGet(other.href.replace(/\/$/, "") + args.path);
      } else if (name === "expect_request_order") {
        const { requests } = await control(root, "GET", "/requests");
        const paths: string[] = requests.map((r: any) => r.path);
        const missing = args.find((p: string) => !paths.includes(p));
        if (missing) throw new Mismatch(`no request to ${missing}`);
        const firsts = args.map((p: string) => paths.indexOf(p));
        if (firsts.some((v: number, i: number) => i > 0 && v < firsts[i - 1])) throw new Mismatch(`requests came as ${JSON.stringify(paths)}`);
      } else if (name === "mark_requests") {
        await control(root, "DELETE", "/requests");
      } else if (name === "inject_fault") {
        // The store's id is known only once it exists: the path names it as {store}.
        const path = String(args.path).replace("{store}", () => theStore().id);
        await control(root, "POST", "/faults", { ...args, path });
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
    if (matcher.api_key !== undefined && r.api_key !== matcher.api_key) throw new Mismatch(`${what}: api_key was ${r.api_key}`);
    if (matcher.bearer !== undefined && r.bearer !== matcher.bearer) throw new Mismatch(`${what}: bearer was ${r.bearer}`);
    if (matcher.cookies !== undefined && JSON.stringify([...r.cookies].sort()) !== JSON.stringify([...matcher.cookies].sort())) {
      throw new Mismatch(`${what}: cookies were ${JSON.stringify(r.cookies)}`);
    }
    for (const key of ["fields", "files"]) {
      if (matcher[key] !== undefined && JSON.stringify([...(r[key] ?? [])].sort()) !== JSON.stringify([...matcher[key]].sort())) {
        throw new Mismatch(`${what}: ${key} were ${JSON.stringify(r[key])}`);
      }
    }
    for (const key of ["content_type", "client_secret"]) {
      if (matcher[key] !== undefined && r[key] !== matcher[key]) throw new Mismatch(`${what}: ${key} was ${JSON.stringify(r[key])}`);
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
  const options = args.includes("--reduced") ? REDUCED : FULL;
  let failed = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
    const scenario = parse(readFileSync(join(dir, file), "utf8")) as Scenario;
    if (only && scenario.name !== only) continue;
    const failure = await runScenario(baseUrl, scenario, options);
    if (failure) failed++;
    const line = { scenario: scenario.name, language: "typescript", result: failure ? "fail" : "pass", detail: failure ?? "" };
    console.log(JSON.stringify(line));
  }
  return failed ? 1 : 0;
}

process.exitCode = await main();
