/** Fan-out for one process: nobody else to tell, and control events go straight to this node's listeners. */
import type { ControlEvent, DocChannel, Fanout } from './types';

const QUIET_CHANNEL: DocChannel = {
  resume() {},
  publish() {},
  publishAwareness() {},
  close() {},
};

export class LocalFanout implements Fanout {
  readonly nodeId = 'local';
  private readonly listeners: ((event: ControlEvent) => void)[] = [];

  async open(): Promise<DocChannel> {
    return QUIET_CHANNEL;
  }

  async control(event: ControlEvent): Promise<void> {
    for (const listener of this.listeners) listener(event);
  }

  onControl(listener: (event: ControlEvent) => void): void {
    this.listeners.push(listener);
  }

  health() {
    return { ok: true };
  }

  async close(): Promise<void> {}
}
