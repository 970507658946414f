/**
 * The server secret: JOURNEYBOARD_SECRET, or DATA_DIR/secret.key made once
 * (mode 0600) and reused, so links sent before a restart keep working.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config';
import { SECRET_FILE, loadSecret } from '../../../server/secret';
import { serverHarness } from '../../fixtures/harness';
import { createMapWithLinks, memoryLogger, tempDir, tokenOf } from '../../fixtures/server';

const { start, stop, raw } = serverHarness();
const roleOf = async (url: string, id: string, token: string) => {
  const res = await fetch(`${url}/api/access?map=${id}&token=${encodeURIComponent(token)}`);
  return { status: res.status, body: (await res.json()) as { role?: string; error?: string } };
};

describe('secret.key', () => {
  it('is generated once with mode 0600 and reused after a restart: a link from before still works', async () => {
    const s1 = await start();
    const file = path.join(s1.config.DATA_DIR, SECRET_FILE);
    const stat = fs.statSync(file);
    if (process.platform !== 'win32') expect(stat.mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/^[0-9a-f]{64}$/);
    // No temp file left next to it.
    expect(fs.readdirSync(s1.config.DATA_DIR).filter((f) => f.includes(SECRET_FILE))).toEqual([SECRET_FILE]);
    const { id, links } = await createMapWithLinks(s1.url);
    await stop(s1);

    const s2 = await start({ DATA_DIR: s1.config.DATA_DIR });
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    expect(await roleOf(s2.url, id, tokenOf(links.view))).toEqual({ status: 200, body: { mapId: id, role: 'viewer' } });
    const socket = await raw(s2.url, id, `?token=${tokenOf(links.edit)}`);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
  });

  it('is the text of JOURNEYBOARD_SECRET when set (no file), and a different secret revokes every link', async () => {
    const secret = 'correct horse battery staple, but longer';
    const s1 = await start({ JOURNEYBOARD_SECRET: secret });
    expect(fs.existsSync(path.join(s1.config.DATA_DIR, SECRET_FILE))).toBe(false);
    const { id, links } = await createMapWithLinks(s1.url);
    await stop(s1);

    const same = await start({ DATA_DIR: s1.config.DATA_DIR, JOURNEYBOARD_SECRET: secret });
    expect((await roleOf(same.url, id, tokenOf(links.comment))).body.role).toBe('commenter');
    await stop(same);

    // The file holds exactly the key text, so moving it into the environment keeps every link.
    const generated = await start({ DATA_DIR: s1.config.DATA_DIR });
    const fileText = fs.readFileSync(path.join(s1.config.DATA_DIR, SECRET_FILE), 'utf8');
    expect(await roleOf(generated.url, id, tokenOf(links.view))).toEqual({ status: 401, body: { error: 'invalid link' } });
    const fromFile = await createMapWithLinks(generated.url);
    await stop(generated);
    const moved = await start({ DATA_DIR: s1.config.DATA_DIR, JOURNEYBOARD_SECRET: fileText });
    expect((await roleOf(moved.url, fromFile.id, tokenOf(fromFile.links.view))).body).toEqual({ mapId: fromFile.id, role: 'viewer' });
    expect((await roleOf(moved.url, id, tokenOf(links.view))).status).toBe(401);
  });

  it('refuses to start on a secret.key that holds no secret, instead of silently revoking every link', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, SECRET_FILE), 'short\n', { mode: 0o600 });
    expect(() => loadSecret({ DATA_DIR: dir }, memoryLogger())).toThrow(/no valid secret/);
  });

  it('warns (without the secret) when secret.key is readable by others', () => {
    if (process.platform === 'win32') return;
    const dir = tempDir();
    const text = 'a'.repeat(64);
    fs.writeFileSync(path.join(dir, SECRET_FILE), text);
    fs.chmodSync(path.join(dir, SECRET_FILE), 0o644);
    const log = memoryLogger();
    expect(loadSecret({ DATA_DIR: dir }, log).toString()).toBe(text);
    expect(log.records.some((r) => r.level === 'warn' && /readable by other users/.test(r.msg))).toBe(true);
    expect(JSON.stringify(log.records)).not.toContain(text);
  });
});

describe('configuration', () => {
  it('refuses a JOURNEYBOARD_SECRET under 32 characters and a password under 8, without printing either', () => {
    const attempt = () => loadConfig({ JOURNEYBOARD_SECRET: 'tooShortSecret', JOURNEYBOARD_PASSWORD: 'pw123' });
    expect(attempt).toThrow(ConfigError);
    let message = '';
    try {
      attempt();
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('JOURNEYBOARD_SECRET=');
    expect(message).toContain('JOURNEYBOARD_PASSWORD=');
    expect(message).not.toContain('tooShortSecret');
    expect(message).not.toContain('pw123');
    expect(loadConfig({ JOURNEYBOARD_SECRET: 'x'.repeat(32), JOURNEYBOARD_PASSWORD: '12345678' })).toMatchObject({
      JOURNEYBOARD_SECRET: 'x'.repeat(32),
      JOURNEYBOARD_PASSWORD: '12345678',
    });
    // Unset (or empty) means: generate the secret, no password.
    expect(loadConfig({ JOURNEYBOARD_SECRET: '', JOURNEYBOARD_PASSWORD: '' })).not.toHaveProperty('JOURNEYBOARD_PASSWORD');
  });
});
