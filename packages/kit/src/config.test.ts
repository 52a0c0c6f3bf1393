import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettings, REPO_ROOT, SettingsError, settingsTable } from './config.js';

const production = {
  NODE_ENV: 'production',
  GATEWAY_SECRET: 'g'.repeat(40),
  JWT_SECRET: 'j'.repeat(40),
  JWT_ISSUER: 'https://id.example.gov.cn',
  JWT_AUDIENCE: 'cppcc-graph',
};

describe('settings', () => {
  it('has working defaults for the embedded platform', () => {
    const s = readSettings({});
    expect(s).toMatchObject({
      production: false,
      host: '127.0.0.1',
      port: undefined,
      seed: { scale: 1 },
      migrateOnStart: true,
      explorer: true,
      introspection: true,
      metrics: true,
      tracesExporter: 'none',
    });
    expect(s.supergraphPath).toBe(path.join(REPO_ROOT, 'schema/supergraph.graphql'));
  });

  it('turns demo data, the explorer and introspection off in production', () => {
    const s = readSettings(production);
    expect(s).toMatchObject({
      production: true,
      seed: false,
      explorer: false,
      introspection: false,
    });
    // Migrating on start stays on unless a deployment turns it off (deploy/ does; `npm run migrate` runs once).
    expect(s.migrateOnStart).toBe(true);
    expect(readSettings({ ...production, MIGRATE_ON_START: 'false' }).migrateOnStart).toBe(false);
    expect(
      readSettings({
        ...production,
        JWT_SECRET: '',
        JWKS_URL: 'https://id.example.gov.cn/jwks',
        INTROSPECTION: 'on',
      }).introspection,
    ).toBe(true);
  });

  it('reads module ports and subgraph URLs by name', () => {
    const s = readSettings({
      PORT_MEMBERS: '5102',
      PORT_ECO_COMPENSATION: '0',
      SUBGRAPH_URL_INTER_CITY_EXCHANGE: 'http://plugins:4201/graphql',
      GATEWAY_ENGINE: 'hive',
      HOST: '0.0.0.0',
    });
    expect(s.modulePorts).toEqual({ members: 5102, 'eco-compensation': 0 });
    expect(s.subgraphUrls).toEqual({ INTER_CITY_EXCHANGE: 'http://plugins:4201/graphql' });
    expect(s.gatewayEngine).toBe('hive');
    expect(s.host).toBe('0.0.0.0');
  });

  it('names every bad variable and its rule, in one message', () => {
    let error: unknown;
    try {
      readSettings({
        PORT: 'abc',
        PORT_MEMBERS: '70000',
        GATEWAY_ENGINE: 'nginx',
        LOG_LEVEL: 'loud',
        SUBGRAPH_URL_MEMBERS: 'members:4102',
        TRUST_PROXY: 'maybe',
        DATABASE_URL: 'mysql://root:hunter2@db/x',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SettingsError);
    const { problems, message } = error as SettingsError;
    expect(problems).toEqual([
      'PORT="abc": must be a port number',
      'GATEWAY_ENGINE="nginx": must be one of hive, apollo',
      // A URL that may carry a password is named, never echoed.
      'DATABASE_URL: must start with postgres:// or postgresql://',
      'TRUST_PROXY="maybe": must be on or off (true or false)',
      'LOG_LEVEL="loud": must be one of fatal, error, warn, info, debug, trace, silent',
      'PORT_MEMBERS="70000": must be from 0 to 65535',
      'SUBGRAPH_URL_MEMBERS="members:4102": must start with http:// or https://',
    ]);
    expect(message).not.toContain('\n');
    expect(message).not.toContain('hunter2');
  });

  it('refuses production without real secrets, naming them', () => {
    expect(() =>
      readSettings({ NODE_ENV: 'production', GATEWAY_SECRET: 'short', PORT: 'x' }),
    ).toThrow(
      'PORT="x": must be a port number; GATEWAY_SECRET has 5 bytes; production needs at least 32; JWT_SECRET must be set in production (at least 32 random bytes); JWT_ISSUER must be set in production (tokens must name their issuer); JWT_AUDIENCE must be set in production (tokens must name this platform as audience)',
    );
  });

  it('treats an empty variable as unset', () => {
    expect(readSettings({ DATABASE_URL: '', PORT: '' })).toMatchObject({
      databaseUrl: undefined,
      port: undefined,
    });
  });

  it('is the table docs/operations.md shows (npx tsx scripts/settings-table.ts rewrites it)', () => {
    const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs/operations.md'), 'utf8');
    const between = /<!-- settings-table:start -->\n([\s\S]*?)\n<!-- settings-table:end -->/.exec(
      doc,
    );
    expect(between?.[1]).toBe(settingsTable());
  });
});
