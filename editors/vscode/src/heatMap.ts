/**
 * The heat map as editor decorations: each line that ran coloured by how its instructions
 * specialized (logic/heat.ts) and how hot it was, and each instruction that failed to
 * specialize underlined, with a hover giving the reason. Shown while `adder.heatMap.enabled`
 * is on; a document edited since its run keeps its line colours but loses the expression
 * underlines (their byte ranges no longer hold).
 */
import * as vscode from 'vscode';
import { buildHeatMap, heatColor, HeatKind, LEVELS, lineHoverMarkdown, solidColor } from './logic/heat';
import { ByteIndex } from './logic/offsets';
import { Session } from './session';

const KINDS: HeatKind[] = ['specialized', 'partial', 'failed'];

export class HeatMap implements vscode.Disposable {
  private readonly lineTypes = new Map<string, vscode.TextEditorDecorationType>();
  private readonly failedType: vscode.TextEditorDecorationType;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly session: Session) {
    for (const kind of KINDS) {
      for (let level = 1; level <= LEVELS; level++) {
        this.lineTypes.set(
          `${kind}:${level}`,
          vscode.window.createTextEditorDecorationType({
            isWholeLine: true,
            backgroundColor: heatColor(kind, level),
            overviewRulerColor: solidColor(kind),
            overviewRulerLane: vscode.OverviewRulerLane.Left,
          }),
        );
      }
    }
    this.failedType = vscode.window.createTextEditorDecorationType({
      textDecoration: `underline wavy ${solidColor('failed')}`,
      borderRadius: '2px',
    });
    this.disposables.push(
      session.onDidChange(() => this.refresh()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('adder.heatMap.enabled')) {
          this.refresh();
        }
      }),
    );
  }

  get enabled(): boolean {
    return vscode.workspace.getConfiguration('adder').get<boolean>('heatMap.enabled', true);
  }

  refresh(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      this.decorate(editor);
    }
  }

  private clear(editor: vscode.TextEditor): void {
    for (const t of this.lineTypes.values()) {
      editor.setDecorations(t, []);
    }
    editor.setDecorations(this.failedType, []);
  }

  private decorate(editor: vscode.TextEditor): void {
    const run = this.session.runs.get(editor.document.uri.toString());
    if (!this.enabled || !run?.quickening) {
      this.clear(editor);
      return;
    }
    const map = buildHeatMap(run.quickening);
    const byType = new Map<string, vscode.DecorationOptions[]>();
    for (const key of this.lineTypes.keys()) {
      byType.set(key, []);
    }
    const lineCount = editor.document.lineCount;
    for (const h of map.lines) {
      if (h.line >= lineCount) {
        continue;
      }
      const hover = new vscode.MarkdownString(lineHoverMarkdown(h));
      // The range spans the line's text so hovering anywhere on it explains the colour.
      const end = editor.document.lineAt(h.line).range.end;
      byType.get(`${h.kind}:${h.level}`)?.push({ range: new vscode.Range(h.line, 0, h.line, end.character), hoverMessage: hover });
    }
    for (const [key, options] of byType) {
      const t = this.lineTypes.get(key);
      if (t) {
        editor.setDecorations(t, options);
      }
    }
    const failed: vscode.DecorationOptions[] = [];
    if (editor.document.version === run.version) {
      const index = new ByteIndex(run.text);
      for (const f of map.failed) {
        const s = index.position(f.start);
        const e = index.position(f.end);
        failed.push({
          range: new vscode.Range(s.line, s.character, e.line, e.character),
          hoverMessage: new vscode.MarkdownString('**Adder:** ').appendText(f.message),
        });
      }
    }
    editor.setDecorations(this.failedType, failed);
  }

  dispose(): void {
    for (const t of this.lineTypes.values()) {
      t.dispose();
    }
    this.failedType.dispose();
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}
