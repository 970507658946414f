// Development: the Journeyboard server (restarting on change) plus the Vite
// dev server with hot reload, which proxies /api and /ws to it.
import { spawn } from 'node:child_process';

const apiPort = process.env.JOURNEYBOARD_DEV_API_PORT ?? '8080';
const env = { ...process.env, PORT: apiPort, HOST: '127.0.0.1', JOURNEYBOARD_DEV_API_PORT: apiPort };
const children = [
  spawn('npx', ['tsx', 'watch', 'server/index.ts'], { stdio: 'inherit', env }),
  spawn('npx', ['vite'], { stdio: 'inherit', env }),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
children.forEach((c) =>
  c.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  }),
);
