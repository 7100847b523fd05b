// The TypeScript reference runner of the conformance kit: it performs each SDK step the kit
// asks with the reference SDK layer in sdk.ts, and judges nothing (see the README's runner
// protocol: one JSON line in on stdin per step, one JSON line out on stdout).
//
//   python -m rememberizer.testing conformance --runner "npx tsx runner.ts [--reduced]"
//
// --reduced runs a deliberately weaker SDK (no client-side validation, no response
// validation, no single flight), which must fail the scenarios covering those behaviours.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

import { type CaptchaProvider, FULL, OAuthApp, REDUCED, Rememberizer, SdkError, type Options, VectorStore } from "./sdk.ts";

type Args = Record<string, any>;

class Unsupported extends Error {}

const options: Options = process.argv.includes("--reduced") ? REDUCED : FULL;
const files = mkdtempSync(join(tmpdir(), "conformance-"));
let baseUrl = "";
let retries = 2;
let captcha: CaptchaProvider = null;
let client: Rememberizer | null = null;
let store: VectorStore | null = null;
let app: OAuthApp | null = null;

function the<T>(value: T | null, what: string): T {
  if (value === null) throw new Unsupported(`no ${what} step before`);
  return value;
}

const names = (data: any): string[] => (data.matched_chunks ?? []).map((hit: any) => hit.document.name);

const steps: Record<string, (a: Args) => Promise<unknown>> = {
  new_client: async (a) => {
    baseUrl = a.base_url;
    retries = a.max_retries;
    const root = baseUrl.replace(/\/api\/v1\/?$/, "");
    // The captcha provider: a token from the fake server's /_testing/captcha.
    const provider = async (action: string) => {
      const response = await fetch(`${root}/_testing/captcha`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ action }),
      });
      return (await response.json()).token as string;
    };
    captcha = a.captcha === "none" ? null : a.captcha === "provider" ? provider : a.captcha;
    client = new Rememberizer(baseUrl, captcha, retries, options);
    store = null;
    app = null;
  },
  signup: (a) => the(client, "new_client").signup(a.email, a.password, a.name),
  signin: (a) => the(client, "new_client").signin(a.login, a.password),
  verify_email: (a) => the(client, "new_client").verifyEmail(a.code),
  account_get: () => the(client, "new_client").accountGet(),
  account_me: () => the(client, "new_client").accountMe(),
  refresh: () => the(client, "new_client").refresh(),
  logout: () => the(client, "new_client").logout(),
  session: async () => ({ signed_in: the(client, "new_client").signedIn }),
  advance_sdk_clock: async (a) => {
    the(client, "new_client").clockOffset += a.seconds;
  },
  documents_list_all: async (a) => {
    const found = await the(client, "new_client").documentsListAll(a.page_size ?? 10);
    return { count: found.length, documents: found.map((d) => d.name) };
  },
  documents_search: async (a) => ({ documents: names(await the(client, "new_client").documentsSearch(a.q, a.n, a.from, a.to)) }),
  documents_read: async (a) => {
    const documents = await the(client, "new_client").documentsListAll(100);
    const document = documents.find((d) => d.name === a.document);
    if (!document) throw new Unsupported(`no document named ${a.document}`);
    // The id the contents call takes: `pk` where the list gives it, else `id`.
    const id = Number.isInteger(document.pk) ? Number(document.pk) : Number(document.id);
    return { text: await the(client, "new_client").documentsRead(id) };
  },
  memorize: (a) => the(client, "new_client").memorize(a.name, a.content),
  vector_store: async (a) => {
    store = new VectorStore(baseUrl, String(a.id), a.key, retries);
  },
  vector_store_add: (a) => the(store, "vector_store").create(a.name, a.text),
  vector_store_search: async (a) => ({ documents: names(await the(store, "vector_store").search(a.q, a.n)) }),
  vector_store_upload: async (a) => {
    const paths = a.files.map((file: { name: string; text: string }) => {
      const path = join(files, file.name);
      writeFileSync(path, file.text, "utf8");
      return path;
    });
    const result = await the(store, "vector_store").upload(paths);
    return { documents: result.documents.map((d) => d.name), errors: result.errors.map((e) => e.file) };
  },
  oauth_app: async (a) => {
    app = new OAuthApp(baseUrl, a.client_id, a.client_secret, a.redirect_uri, a.scopes);
  },
  oauth_authorize: async () => the(app, "oauth_app").authorizationUrl(),
  oauth_exchange: async (a) => {
    const tokens = await the(app, "oauth_app").exchange(a.callback, a.state);
    // The session the exchange starts replaces the client, as use_api_key does.
    client = new Rememberizer(baseUrl, captcha, retries, options, null, app);
    client.useOAuth(tokens);
  },
  use_api_key: async (a) => {
    client = new Rememberizer(baseUrl, captcha, retries, options, a.key);
  },
  get_other_origin: (a) => the(client, "new_client").rawGet(a.url),
  concurrent: async (a) => {
    const results = await Promise.allSettled(Array.from({ length: a.count }, () => steps[a.call]({})));
    return results.map((r) => (r.status === "fulfilled" ? null : errorType(r.reason)));
  },
};

function errorType(error: unknown): string {
  if (error instanceof SdkError) return error.kind;
  if (error instanceof Unsupported) return "unsupported";
  return "runner_error";
}

async function answer(message: Args): Promise<unknown> {
  const { step, ...args } = message;
  if (step === "hello") return { ok: { language: "typescript" } };
  if (!(step in steps)) return { error: { type: "unsupported", message: `unknown step ${step}` } };
  try {
    return { ok: (await steps[step](args)) ?? null };
  } catch (error) {
    if (!(error instanceof SdkError) && !(error instanceof Unsupported)) throw error;
    return { error: { type: errorType(error), message: error.message } };
  }
}

try {
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim()) process.stdout.write(`${JSON.stringify(await answer(JSON.parse(line)))}\n`);
  }
} finally {
  rmSync(files, { recursive: true, force: true });
}
