// The shapes of OpenAI's chat completions API that exercise 05's fake speaks: what a request carries, what an answer
// and an error look like. Kept apart from the server so the protocol test can hold them against documented examples.

// POST /v1/chat/completions: the fields the fake reads (others, such as temperature, are accepted and ignored).
export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: {
    index: number;
    message: { role: 'assistant'; content: string; refusal: null };
    logprobs: null;
    finish_reason: 'stop';
  }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  system_fingerprint: string;
}

// OpenAI's error body, on every 4xx and 5xx.
export interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export type Refusal = 'in-flight' | 'budget';

// Longer prompts than this (in characters) are refused with 400 context_length_exceeded, as a real model's context
// limit would: the failure no retry can fix.
export const CONTEXT_LIMIT_CHARS = 2000;

// The request's prompt (the last user message), or why the request is not a valid chat completion request.
export function readChatRequest(
  body: unknown,
): { ok: true; request: ChatRequest; prompt: string } | { ok: false; param: string; message: string } {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return { ok: false, param: 'body', message: 'The request body must be a JSON object.' };
  const { model, messages, stream } = body as Record<string, unknown>;
  if (typeof model !== 'string' || model.trim() === '')
    return {
      ok: false,
      param: 'model',
      message: "You must provide a model parameter (a string such as 'gpt-4o-mini').",
    };
  if (!Array.isArray(messages) || messages.length === 0)
    return {
      ok: false,
      param: 'messages',
      message: "'messages' must be a non-empty array of {role, content} objects.",
    };
  const valid = messages.every(
    (m) =>
      m &&
      typeof m === 'object' &&
      typeof (m as Record<string, unknown>).role === 'string' &&
      typeof (m as Record<string, unknown>).content === 'string',
  );
  if (!valid)
    return {
      ok: false,
      param: 'messages',
      message: "Each message must be an object with a string 'role' and a string 'content'.",
    };
  if (stream === true)
    return {
      ok: false,
      param: 'stream',
      message: 'This local fake does not stream answers: leave out "stream" (or set it to false).',
    };
  const list = messages as { role: string; content: string }[];
  const prompt = [...list].reverse().find((m) => m.role === 'user')?.content;
  if (prompt === undefined)
    return { ok: false, param: 'messages', message: "'messages' must hold at least one message with role 'user'." };
  return { ok: true, request: { model, messages: list }, prompt };
}

function tokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export function chatCompletion(
  id: string,
  model: string,
  prompt: string,
  content: string,
  created: number,
): ChatCompletion {
  const prompt_tokens = tokens(prompt);
  const completion_tokens = tokens(content);
  return {
    id,
    object: 'chat.completion',
    created,
    model,
    choices: [
      { index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' },
    ],
    usage: { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens },
    system_fingerprint: 'fp_asyncio_lab',
  };
}

function errorBody(message: string, type: string, param: string | null, code: string | null): ErrorBody {
  return { error: { message, type, param, code } };
}

export function invalidApiKey(key: string): ErrorBody {
  const shown = key.length > 8 ? `${key.slice(0, 3)}...${key.slice(-4)}` : key || '(none)';
  return errorBody(
    `Incorrect API key provided: ${shown}. Send the key in the Authorization header: "Authorization: Bearer <key>".`,
    'invalid_request_error',
    null,
    'invalid_api_key',
  );
}

export function invalidRequest(param: string, message: string): ErrorBody {
  return errorBody(message, 'invalid_request_error', param, null);
}

export function notFound(method: string, path: string): ErrorBody {
  return errorBody(
    `Invalid URL (${method} ${path}): this fake serves POST /v1/chat/completions and GET /v1/models.`,
    'invalid_request_error',
    null,
    'unknown_url',
  );
}

export function contextLengthExceeded(model: string, length: number): ErrorBody {
  return errorBody(
    `This model's maximum context length is ${CONTEXT_LIMIT_CHARS} characters. However, your messages resulted in ${length} characters. Please reduce the length of the messages. (${model})`,
    'invalid_request_error',
    'messages',
    'context_length_exceeded',
  );
}

// 429, in the wording of OpenAI's rate-limit errors; `retryAfter` in seconds.
export function rateLimited(model: string, why: Refusal, limit: string, retryAfter: number): ErrorBody {
  const what = why === 'in-flight' ? `requests in flight: Limit ${limit}` : `requests per window: Limit ${limit}`;
  return errorBody(
    `Rate limit reached for ${model} on ${what}. Please try again in ${Math.round(retryAfter * 1000)}ms.`,
    'requests',
    null,
    'rate_limit_exceeded',
  );
}

// A transient server error: trying again later can succeed.
export function serverError(status: number): ErrorBody {
  if (status === 503)
    return errorBody('The server is overloaded or not ready yet. Please try again later.', 'server_error', null, null);
  if (status === 504)
    return errorBody(
      'Gateway timeout: the model took too long to answer. Please try again.',
      'server_error',
      null,
      null,
    );
  if (status === 502)
    return errorBody(
      'Bad gateway. The server got an invalid answer upstream; please try again later.',
      'server_error',
      null,
      null,
    );
  return errorBody(
    'The server had an error while processing your request. Sorry about that!',
    'server_error',
    null,
    null,
  );
}

// The headers that carry a 429's wait: OpenAI's own `retry-after-ms` for the fractional seconds this scaled-down API
// uses, and the standard `retry-after` in whole seconds (rounded up) for clients that read only that.
export function retryAfterHeaders(seconds: number): Record<string, string> {
  return {
    'retry-after-ms': String(Math.round(seconds * 1000)),
    'retry-after': String(Math.max(1, Math.ceil(seconds))),
  };
}
