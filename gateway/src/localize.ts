import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import Negotiator from 'negotiator';

/**
 * What each error code says in Chinese. Clients branch on `extensions.code`; people read the
 * message, and the committee's people read Chinese. A code missing here keeps its English
 * message (a plugin's own codes, say) — gateway/src/localize.test.ts fails on any code of the
 * kit or the gateway left out.
 */
export const ZH_MESSAGES: Record<string, string> = {
  BAD_REQUEST: '请求无法读取',
  BAD_USER_INPUT: '输入有误',
  NOT_FOUND: '记录不存在，或您无权查看',
  UNAUTHENTICATED: '未登录，或登录凭证无效、已过期',
  FORBIDDEN: '您无权执行此操作',
  GATEWAY_PROOF_REQUIRED: '请求须经网关转发',
  UNKNOWN_DISTRICT: '区县代码不存在',
  CROSS_DISTRICT: '不能查看或操作其他区县的数据',
  CONFLICT: '记录已被他人修改，请刷新后按最新版本重试',
  ILLEGAL_TRANSITION: '当前状态下不能执行此操作',
  PLUGIN_DISABLED: '本区县未启用该插件',
  RATE_LIMITED: '提交过于频繁，请稍后再试',
  CALLER_NOT_IN_REGISTRY: '登录身份不在名册中，或已停用',
  REGISTRY_UNAVAILABLE: '暂时无法核验登录身份，请稍后重试',
  DISTRICT_DIRECTORY_UNAVAILABLE: '区县目录暂不可用，请稍后重试',
  PROOF_UNVERIFIABLE: '暂时无法核验网关凭证，请稍后重试',
  WRITE_LIMIT_UNAVAILABLE: '写入限额服务暂不可用，请稍后重试',
  PAYLOAD_TOO_LARGE: '请求内容过大',
  REPLICA_NOT_READY: '本模块的数据副本仍在同步中，请稍后重试',
  PERSISTED_DOCUMENT_NOT_FOUND: '未找到该可信文档',
  PERSISTED_DOCUMENT_REQUIRED: '本接口只接受可信文档，请发送文档编号（documentId）',
  PERSISTED_QUERY_NOT_FOUND: '未找到该持久化查询，请连同查询文本重新发送',
  PERSISTED_QUERY_HASH_MISMATCH: '持久化查询的哈希与查询文本不符',
  CURSOR_EXPIRED: '续订位置已过期，请重新读取数据后不带 after 重新订阅',
  SUBSCRIBER_TOO_SLOW: '待接收的变更过多，请用最后收到的 cursor 重新订阅',
  INTERNAL_SERVER_ERROR: '服务器内部错误',
  SERVICE_UNAVAILABLE: '服务正在停止，请稍后重试',
  SUBGRAPH_UNAVAILABLE: '部分数据来源暂不可用，相关字段缺失',
  SUBGRAPH_TIMEOUT: '部分数据来源响应超时，相关字段缺失',
  GRAPHQL_PARSE_FAILED: '查询语法有误',
  GRAPHQL_VALIDATION_FAILED: '查询不符合接口定义',
  OPERATION_RESOLUTION_FAILURE: '未找到请求指定的操作',
  OPERATION_NOT_SUPPORTED: '本接口不支持此类操作',
  INTROSPECTION_DISABLED: '本服务器未开放接口自省',
  MAX_DEPTH_EXCEEDED: '查询嵌套层数超过上限',
  MAX_ALIASES_EXCEEDED: '查询别名数量超过上限',
  MAX_DIRECTIVES_EXCEEDED: '查询指令数量超过上限',
  MAX_TOKENS_EXCEEDED: '查询长度超过上限',
  MAX_COST_EXCEEDED: '查询代价超过上限，请减少字段或每页条数',
  MAX_ROOT_FIELDS_EXCEEDED: '一次请求的根字段数量超过上限',
};

/** The input rules most errors name (`extensions.rule`), said in Chinese after the field. */
export const ZH_RULES: Record<string, string> = {
  required: '不能为空',
  exists: '所指记录不存在',
  unique: '不能重复',
  order: '先后顺序不符',
  range: '超出允许范围',
  district: '不属于本区县',
  status: '当前状态不允许',
  past: '日期不符合要求',
  active: '须为在职、有效的记录',
  'within-district': '须在本区县范围内',
  unchanged: '与原值相同，无需修改',
  'same-district': '须属于同一区县',
  positive: '须为正数',
  min: '低于下限',
  max: '超过上限',
  member: '须为委员',
  duplicate: '已存在相同记录',
  date: '日期无效（须为 YYYY-MM-DD 的真实日期）',
  id: '不是有效的编号',
  'global-id': '不是本图给出的全局编号',
  cursor: '分页游标无效',
  'one-of': '不是允许的取值之一',
  minLength: '长度不足',
  maxLength: '长度超过上限',
  length: '长度不符合要求',
  format: '格式不正确',
};

/** `zh` when the client's Accept-Language prefers Chinese to English, else `en`. */
export function preferredLanguage(req: IncomingMessage): 'zh' | 'en' {
  const chosen = new Negotiator(req).language(['en', 'zh', 'zh-CN', 'zh-TW', 'zh-HK']);
  return chosen?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

interface WireError {
  message?: unknown;
  extensions?: { code?: unknown; field?: unknown; rule?: unknown; [key: string]: unknown };
}

/** One error in Chinese; the English message stays in `extensions.messageEn`. */
export function localizeError<T extends WireError>(error: T): T {
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : undefined;
  const zh = code ? ZH_MESSAGES[code] : undefined;
  if (!zh || typeof error.message !== 'string') return error;
  const field = typeof error.extensions?.field === 'string' ? error.extensions.field : undefined;
  const rule =
    typeof error.extensions?.rule === 'string' ? ZH_RULES[error.extensions.rule] : undefined;
  const message = field ? `${zh}：${field}${rule ? ` ${rule}` : ''}` : zh;
  return { ...error, message, extensions: { ...error.extensions, messageEn: error.message } };
}

/** A GraphQL response body with its errors in Chinese, or the body as it was if it is not one. */
export function localizeBody(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  const errors = (parsed as { errors?: unknown })?.errors;
  if (!Array.isArray(errors)) return body;
  return JSON.stringify({
    ...(parsed as object),
    errors: errors.map((e) => localizeError(e as WireError)),
  });
}

function isJson(type: unknown): boolean {
  return typeof type === 'string' && /application\/(graphql-response\+)?json/.test(type);
}

/**
 * Answers a client that prefers Chinese in Chinese: the JSON responses written to `res` (by
 * either engine, or by the gateway itself before an engine runs) have their error messages
 * replaced. Streams and other bodies pass untouched. The cost — holding the body until it
 * ends — falls only on clients that ask for Chinese.
 */
export function localizeResponse(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('vary', [res.getHeader('vary'), 'Accept-Language'].filter(Boolean).join(', '));
  if (preferredLanguage(req) !== 'zh') return;
  rewriteJsonResponse(res, localizeBody, () => res.setHeader('content-language', 'zh-CN'));
}

/**
 * Holds the JSON body written to `res` until it ends and writes `transform(body)` instead
 * (`onRewrite` runs just before, to set headers). Other bodies, and streams, pass untouched.
 */
export function rewriteJsonResponse(
  res: ServerResponse,
  transform: (body: string) => string,
  onRewrite?: () => void,
): void {
  const original = {
    write: res.write.bind(res),
    end: res.end.bind(res),
    writeHead: res.writeHead.bind(res),
  };
  const chunks: Buffer[] = [];
  let head: { status: number; reason?: string; headers?: OutgoingHttpHeaders } | undefined;
  let passing = false;
  const restore = () => {
    passing = true;
    res.write = original.write;
    res.end = original.end;
    res.writeHead = original.writeHead;
    if (head) writeHead(head.status, head.reason, head.headers);
  };
  const writeHead = (
    status: number,
    reason: string | undefined,
    headers: OutgoingHttpHeaders | undefined,
  ) =>
    reason === undefined
      ? original.writeHead(status, headers)
      : original.writeHead(status, reason, headers);
  const contentType = () => res.getHeader('content-type') ?? head?.headers?.['content-type'];
  const toBuffer = (chunk: unknown, encoding?: unknown) =>
    Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(
          chunk as string,
          typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8',
        );

  res.writeHead = ((status: number, reason?: unknown, headers?: unknown) => {
    head =
      typeof reason === 'string'
        ? { status, reason, headers: headers as OutgoingHttpHeaders }
        : { status, headers: reason as OutgoingHttpHeaders };
    return res;
  }) as typeof res.writeHead;
  res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    if (!isJson(contentType())) {
      restore();
      return res.write(chunk as string, encoding as BufferEncoding, callback as () => void);
    }
    chunks.push(toBuffer(chunk, encoding));
    if (typeof encoding === 'function') (encoding as () => void)();
    else if (typeof callback === 'function') (callback as () => void)();
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    if (passing || !isJson(contentType())) {
      if (!passing) restore();
      return res.end(chunk as string, encoding as BufferEncoding, callback as () => void);
    }
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function')
      chunks.push(toBuffer(chunk, encoding));
    const body = Buffer.from(transform(Buffer.concat(chunks).toString('utf8')));
    res.removeHeader('content-length');
    if (head?.headers)
      for (const key of Object.keys(head.headers))
        if (key.toLowerCase() === 'content-length') delete head.headers[key];
    onRewrite?.();
    if (head) head.headers = { ...head.headers, 'content-length': body.length };
    else res.setHeader('content-length', body.length);
    restore();
    const done =
      typeof chunk === 'function' ? chunk : typeof encoding === 'function' ? encoding : callback;
    return original.end(body, done as () => void);
  }) as typeof res.end;
}
