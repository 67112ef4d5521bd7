/**
 * A new version of the app, offered and never forced.
 *
 * register.ts (the hosted build only) reports a new service worker that is
 * installed and waiting; UpdateNotice.svelte shows the offer. Pressing
 * "Update" activates the new version at once, unless training is running:
 * then it waits until training pauses, and the notice says so. Nothing here
 * touches `navigator.serviceWorker`, so the file:// build, which shows the
 * notice component but registers nothing, carries no service-worker code.
 */

/**
 * - `none`: nothing to offer (or the user said "Not now");
 * - `ready`: a new version waits for the user;
 * - `after-pause`: the user accepted while training ran; it loads at the next pause;
 * - `updating`: the new version is being activated; the page reloads next.
 */
export type UpdateStage = 'none' | 'ready' | 'after-pause' | 'updating';

export class UpdateOffer {
  stage = $state<UpdateStage>('none');
  /** Activates the waiting version and reloads the page (set by whoever found it). */
  private activate: (() => void) | undefined;

  /** A new version is installed and waiting; `activate` switches to it and reloads. */
  offer(activate: () => void): void {
    this.activate = activate;
    if (this.stage === 'none') this.stage = 'ready';
  }

  /** The user pressed "Update": now, or when training pauses if it is `running`. */
  accept(running: boolean): void {
    if (!this.activate || (this.stage !== 'ready' && this.stage !== 'after-pause')) return;
    if (running) this.stage = 'after-pause';
    else this.go();
  }

  /** Training is not running (any more): an update the user accepted goes ahead. */
  idle(): void {
    if (this.stage === 'after-pause') this.go();
  }

  /** "Not now": hidden until the next version; the waiting one still takes over once every tab is closed. */
  dismiss(): void {
    if (this.stage === 'ready' || this.stage === 'after-pause') this.stage = 'none';
  }

  private go(): void {
    this.stage = 'updating';
    this.activate?.();
  }
}

/** The page's one offer (register.ts fills it; the notice shows it). */
export const appUpdate = new UpdateOffer();
