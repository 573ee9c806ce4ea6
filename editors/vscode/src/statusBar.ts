/**
 * The status-bar item: the live VM's state (idle / running / interrupted) and the session's
 * specialization rate; clicking it interrupts a running program, else shows the tree.
 */
import * as vscode from 'vscode';
import { percent } from './logic/format';
import { Session } from './session';

const ICON: Record<string, string> = {
  starting: '$(loading~spin)',
  idle: '$(zap)',
  running: '$(sync~spin)',
  interrupted: '$(debug-pause)',
  stopped: '$(error)',
};

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly sub: vscode.Disposable;

  constructor(private readonly session: Session) {
    this.item = vscode.window.createStatusBarItem('adder.status', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'Adder live VM';
    this.sub = session.onDidChange(() => this.update());
    this.update();
    this.item.show();
  }

  update(): void {
    const s = this.session.state;
    const { specialized, specializable } = this.session.rate();
    const rate = specializable > 0 ? ` · ${percent((100 * specialized) / specializable)} specialized` : '';
    this.item.text = `${ICON[s] ?? ''} Adder: ${s}${rate}`;
    this.item.tooltip =
      `Adder live VM: ${s}` +
      (specializable > 0 ? `\n${specialized} of ${specializable} specializable instructions specialized in this session's runs` : '') +
      (s === 'running' ? '\nClick to interrupt' : '');
    this.item.command = s === 'running' ? 'adder.interrupt' : 'adder.hotFunctions.focus';
    this.item.backgroundColor = s === 'stopped' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.sub.dispose();
    this.item.dispose();
  }
}
