/**
 * The "Adder" side-bar tree: the hot functions of a file's last run → their instructions
 * (logic/hotTree.ts). It follows the active editor when that file has run, else shows the
 * last file that ran; refreshed after each run; a click reveals the source.
 */
import * as vscode from 'vscode';
import { buildHotTree, FunctionNode, TreeNode } from './logic/hotTree';
import { ByteIndex } from './logic/offsets';
import { RunData, Session } from './session';

const STATE_ICON: Record<string, [string, string | undefined]> = {
  specialized: ['pass-filled', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  adaptive: ['debug-step-over', 'editorWarning.foreground'],
  warming: ['circle-outline', undefined],
  fused: ['combine', undefined],
  disabled: ['circle-slash', undefined],
  plain: ['circle-small', undefined],
};

function functionIcon(f: FunctionNode): vscode.ThemeIcon {
  if (f.failed > 0) {
    return new vscode.ThemeIcon('flame', new vscode.ThemeColor('testing.iconFailed'));
  }
  if (f.specializedPercent !== undefined && f.specializedPercent >= 99.5) {
    return new vscode.ThemeIcon('flame', new vscode.ThemeColor('testing.iconPassed'));
  }
  return new vscode.ThemeIcon('flame', new vscode.ThemeColor('editorWarning.foreground'));
}

export class HotFunctionsView implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private shown: RunData | undefined;
  private roots: TreeNode[] = [];
  readonly view: vscode.TreeView<TreeNode>;

  constructor(private readonly session: Session) {
    this.view = vscode.window.createTreeView('adder.hotFunctions', { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      session.onDidChange(() => this.refresh()),
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
    );
  }

  /** The run to show: the active editor's file if it ran, else the last file that ran. */
  private current(): RunData | undefined {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    return (active && this.session.runs.get(active)) || (this.session.lastUri ? this.session.runs.get(this.session.lastUri) : undefined);
  }

  refresh(): void {
    const run = this.current();
    this.shown = run;
    this.roots = run ? buildHotTree(run.profile, run.quickening) : [];
    this.view.description = run ? vscode.workspace.asRelativePath(vscode.Uri.parse(run.uri)) : undefined;
    this.changed.fire(undefined);
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) {
      return this.roots;
    }
    return node.kind === 'function' ? node.children : [];
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const run = this.shown;
    if (node.kind === 'function') {
      const item = new vscode.TreeItem(
        node.label,
        node.children.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
      );
      item.description = node.description;
      item.tooltip = node.tooltip;
      item.iconPath = functionIcon(node);
      item.contextValue = 'adderFunction';
      if (run) {
        item.command = {
          title: 'Go to function',
          command: 'adder.reveal',
          arguments: [run.uri, new vscode.Range(node.line, 0, node.line, 0)],
        };
      }
      return item;
    }
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.description = node.description;
    item.tooltip = node.tooltip;
    const [icon, color] = STATE_ICON[node.state] ?? STATE_ICON.plain;
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    if (run) {
      let range = new vscode.Range(node.line, 0, node.line, 0);
      if (node.end > node.start) {
        const index = new ByteIndex(run.text);
        const s = index.position(node.start);
        const e = index.position(node.end);
        range = new vscode.Range(s.line, s.character, e.line, e.character);
      }
      item.command = { title: 'Go to instruction', command: 'adder.reveal', arguments: [run.uri, range] };
    }
    return item;
  }

  dispose(): void {
    this.changed.dispose();
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}
