import fs from 'node:fs';
import http from 'node:http';
import { ErrorCode } from '@cppcc/kit';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_ERROR_CODES, LimitCode } from './engines/limits.js';
import {
  localizeBody,
  localizeError,
  localizeResponse,
  preferredLanguage,
  ZH_MESSAGES,
} from './localize.js';

const request = (acceptLanguage?: string) =>
  ({
    headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {},
  }) as http.IncomingMessage;

describe('Chinese error messages', () => {
  it('has a Chinese message for every code the kit and the gateway answer with', () => {
    const codes = [
      ...Object.values(ErrorCode),
      ...Object.values(LimitCode),
      ...DOCUMENT_ERROR_CODES,
      'OPERATION_RESOLUTION_FAILURE',
      'PERSISTED_QUERY_HASH_MISMATCH',
      'PERSISTED_QUERY_NOT_FOUND',
      'OPERATION_NOT_SUPPORTED',
    ];
    expect(codes.filter((c) => !ZH_MESSAGES[c])).toEqual([]);
    for (const message of Object.values(ZH_MESSAGES)) expect(message).toMatch(/[\u4e00-\u9fff]/);
    // docs/errors.md tells clients what to do with each: none left out.
    const documented = fs.readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const listed = new Set([...documented.matchAll(/^\|\s*`([A-Z_]+)`\s*\|/gm)].map((m) => m[1]));
    expect(Object.keys(ZH_MESSAGES).filter((c) => !listed.has(c))).toEqual([]);
  });

  it('answers in Chinese only when the client prefers it', () => {
    expect(preferredLanguage(request('zh-CN,zh;q=0.9,en;q=0.8'))).toBe('zh');
    expect(preferredLanguage(request('zh'))).toBe('zh');
    expect(preferredLanguage(request('en-US,en;q=0.9,zh;q=0.5'))).toBe('en');
    expect(preferredLanguage(request('fr'))).toBe('en');
    expect(preferredLanguage(request())).toBe('en');
  });

  it('names the field and the rule, keeps the code and the English message', () => {
    const error = localizeError({
      message: 'input.title: must be at least 5 characters',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.title', rule: 'minLength' },
    });
    expect(error).toEqual({
      message: '输入有误：input.title 长度不足',
      extensions: {
        code: 'BAD_USER_INPUT',
        field: 'input.title',
        rule: 'minLength',
        messageEn: 'input.title: must be at least 5 characters',
      },
    });
    const unknown = { message: 'a plugin of its own', extensions: { code: 'SOMETHING_ELSE' } };
    expect(localizeError(unknown)).toBe(unknown);
    expect(localizeBody('not json')).toBe('not json');
    expect(
      JSON.parse(
        localizeBody(
          JSON.stringify({
            data: { a: 1 },
            errors: [{ message: 'x', path: ['a'], extensions: { code: 'NOT_FOUND' } }],
          }),
        ),
      ),
    ).toEqual({
      data: { a: 1 },
      errors: [
        {
          message: '记录不存在，或您无权查看',
          path: ['a'],
          extensions: { code: 'NOT_FOUND', messageEn: 'x' },
        },
      ],
    });
  });

  it('rewrites a response written with writeHead and chunks, with a right Content-Length, and leaves streams alone', async () => {
    const server = http.createServer((req, res) => {
      localizeResponse(req, res);
      if (req.url === '/stream') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: {"errors":[{"message":"x","extensions":{"code":"NOT_FOUND"}}]}\n\n');
        return res.end();
      }
      const body = JSON.stringify({
        errors: [{ message: 'token expired', extensions: { code: 'UNAUTHENTICATED' } }],
      });
      res.writeHead(401, {
        'content-type': 'application/graphql-response+json',
        'content-length': Buffer.byteLength(body),
      });
      res.write(body.slice(0, 10));
      res.end(body.slice(10));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const zh = await fetch(`${base}/`, { headers: { 'accept-language': 'zh-CN' } });
      expect(zh.status).toBe(401);
      expect(zh.headers.get('content-language')).toBe('zh-CN');
      expect(zh.headers.get('vary')).toContain('Accept-Language');
      const text = await zh.text();
      expect(Number(zh.headers.get('content-length'))).toBe(Buffer.byteLength(text));
      expect(JSON.parse(text).errors[0]).toEqual({
        message: '未登录，或登录凭证无效、已过期',
        extensions: { code: 'UNAUTHENTICATED', messageEn: 'token expired' },
      });
      const en = await fetch(`${base}/`);
      expect((await en.json()).errors[0].message).toBe('token expired');
      const stream = await fetch(`${base}/stream`, { headers: { 'accept-language': 'zh' } });
      expect(await stream.text()).toContain('"message":"x"');
    } finally {
      server.close();
    }
  });
});
