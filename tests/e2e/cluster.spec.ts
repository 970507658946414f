import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect, test } from './fixtures';
import { createMap, freePort, kill9, spawnServer, tempDir } from '../fixtures/server';
import { clusterServices, needServices, type ClusterServices } from '../fixtures/services';
import { addCard, cardByText, person } from './helpers';

// Two nodes of a cluster (STORE=postgres, this machine's PostgreSQL and
// Redis, a schema and key prefix of the test's own), each serving the built
// app; this test owns them, apart from the suite's web server.
let nodes: ChildProcess[] = [];
let services: ClusterServices | null = null;
test.afterEach(async () => {
  for (const node of nodes.splice(0)) await kill9(node);
  await services?.cleanup();
  services = null;
});

test('two browsers on two nodes: a card edit, a comment and a cursor cross over', async ({ browser }) => {
  // In CI a service that is down fails the test; elsewhere it is skipped and says why.
  await needServices({ skip: (note) => test.skip(true, note) }, 'postgres', 'redis');
  services = await clusterServices();
  const { DATABASE_URL, REDIS_URL, REDIS_PREFIX } = services;
  const dist = path.resolve('dist');
  const [portA, portB] = [await freePort(), await freePort()];
  const cluster = { STORE: 'postgres', DATABASE_URL, REDIS_URL, REDIS_PREFIX };
  nodes = await Promise.all([portA, portB].map((port) => spawnServer(port, tempDir(), dist, cluster)));
  const nodeA = `http://127.0.0.1:${portA}`;
  const nodeB = `http://127.0.0.1:${portB}`;
  const mapId = await createMap(nodeA, { template: 'blank', locale: 'en' });

  const anna = await person(browser, mapId, 'Anna', nodeA);
  const bo = await person(browser, mapId, 'Bo', nodeB);
  // (Who is already there when someone joins on another node shows only at their next change or 15 s renewal:
  // tests/unit/server/cluster-presence.test.ts. So presence is checked below, after Anna moves.)

  // A card Anna adds on node A shows in Bo's browser on node B.
  await addCard(anna, 0, 0, '跨节点的卡片 from node A');
  await expect(cardByText(bo, '跨节点的卡片 from node A')).toBeVisible();

  // A comment Bo writes on node B shows in Anna's Comments tab on node A.
  await bo.getByTestId('panel-tab-comments').click();
  const composer = bo.getByTestId('map-new-thread').getByTestId('comment-composer');
  await composer.click();
  await composer.fill('Written on node B');
  await composer.press('Enter');
  await expect(composer).toHaveValue('');
  await anna.getByTestId('panel-tab-comments').click();
  const thread = anna.getByTestId('open-threads').getByTestId('thread');
  await expect(thread).toHaveCount(1);
  await expect(thread.getByTestId('comment')).toContainText('Bo');
  await expect(thread.getByTestId('comment-text')).toHaveText('Written on node B');

  // Anna's pointer on node A shows on Bo's screen on node B, with her name.
  const canvas = (await anna.getByTestId('canvas').boundingBox())!;
  await anna.mouse.move(canvas.x + 300, canvas.y + 300);
  await anna.mouse.move(canvas.x + 320, canvas.y + 310, { steps: 3 });
  await expect(bo.getByTestId('remote-cursor')).toContainText('Anna');
  await expect(bo.getByTestId('peer-avatar')).toHaveAttribute('aria-label', 'Anna');
});
