// Owns the one Tray instance (kept referenced for the life of the app, or it
// would be garbage-collected and vanish) and keeps it in step with the core:
// icon, tooltip, macOS title and context menu, rebuilt on every snapshot
// change (Linux needs setContextMenu again to show a changed menu) and when a
// countdown it shows ticks over (one timer, no polling).

import type {
  Menu as ElectronMenu,
  MenuItemConstructorOptions,
  Tray as ElectronTray,
  Rectangle,
} from 'electron';
import type { Settings } from '../shared/api';
import type { Snapshot } from '../shared/model';
import type { Clock, TimerHandle } from '../core';
import { trayIconPath, trayIconState } from './tray-icon';
import { buildTrayMenu, type MenuAction, type TrayMenuItem } from './tray-menu';
import { nextTrayTextChange, trayTitle, trayTooltip } from './tray-text';

export interface TrayClass {
  new (image: string): ElectronTray;
}

export interface TrayDeps {
  readonly Tray: TrayClass;
  readonly Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): ElectronMenu };
  readonly clock: Clock;
  readonly platform: NodeJS.Platform;
  readonly iconDir: string;
  readonly snapshot: () => Snapshot;
  readonly settings: () => Settings;
  readonly onAction: (action: MenuAction) => void;
  /** A left click on the icon (macOS, Windows; Linux trays may never send it). */
  readonly onClick: () => void;
}

/** Turns the pure menu description into Electron's template, wiring each action. */
export function toElectronTemplate(
  items: readonly TrayMenuItem[],
  onAction: (action: MenuAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: item.label, enabled: false };
      case 'action':
        return { label: item.label, enabled: item.enabled, click: () => onAction(item.action) };
      case 'checkbox':
        return {
          type: 'checkbox',
          label: item.label,
          checked: item.checked,
          click: () => onAction(item.action),
        };
      case 'submenu':
        return { label: item.label, submenu: toElectronTemplate(item.items, onAction) };
    }
  });
}

export class TrayController {
  private readonly tray: ElectronTray;
  private iconFile = '';
  private tooltip = '';
  private title = '';
  private textTimer: TimerHandle | null = null;

  constructor(private readonly deps: TrayDeps) {
    this.iconFile = this.currentIconFile();
    this.tray = new deps.Tray(this.iconFile);
    this.tray.on('click', () => deps.onClick());
    this.refresh();
  }

  bounds(): Rectangle | null {
    return this.tray.isDestroyed() ? null : this.tray.getBounds();
  }

  /** Recomputes everything the tray shows from the latest snapshot and settings. */
  refresh(): void {
    if (this.tray.isDestroyed()) return;
    const snapshot = this.deps.snapshot();
    const settings = this.deps.settings();
    const now = this.deps.clock.now();

    const iconFile = this.currentIconFile();
    if (iconFile !== this.iconFile) {
      this.iconFile = iconFile;
      this.tray.setImage(iconFile);
    }
    const tooltip = trayTooltip(snapshot, now);
    if (tooltip !== this.tooltip) {
      this.tooltip = tooltip;
      this.tray.setToolTip(tooltip);
    }
    if (this.deps.platform === 'darwin') {
      const title = trayTitle(snapshot, settings, now);
      if (title !== this.title) {
        this.title = title;
        this.tray.setTitle(title);
      }
    }
    const template = toElectronTemplate(
      buildTrayMenu({ snapshot, settings, now }),
      this.deps.onAction,
    );
    this.tray.setContextMenu(this.deps.Menu.buildFromTemplate(template));

    this.textTimer?.cancel();
    this.textTimer = null;
    const next = nextTrayTextChange(snapshot, now);
    if (next !== null) {
      this.textTimer = this.deps.clock.setTimer(
        Math.max(0, next - now),
        () => {
          this.textTimer = null;
          this.refresh();
        },
        { background: true },
      );
    }
  }

  destroy(): void {
    this.textTimer?.cancel();
    this.textTimer = null;
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }

  private currentIconFile(): string {
    const state = trayIconState(this.deps.snapshot(), this.deps.settings());
    return trayIconPath(this.deps.iconDir, state, this.deps.platform);
  }
}
