/**
 * The rule editor: one CodeMirror view with the iptables mode, completion, inline diagnostics
 * and history. Framework-free; the Svelte component only mounts it and wires it to the workspace.
 */
import { autocompletion, closeBrackets, completionKeymap } from '@codemirror/autocomplete';
import {
	defaultKeymap,
	history,
	historyKeymap,
	isolateHistory,
	redo,
	undo
} from '@codemirror/commands';
import { syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState, type Extension } from '@codemirror/state';
import {
	EditorView,
	drawSelection,
	highlightActiveLine,
	highlightActiveLineGutter,
	keymap,
	lineNumbers,
	tooltips
} from '@codemirror/view';
import type { Diagnostic } from '../engine/index';
import { ruleCompletionSource, type CompletionData } from './completion-source';
import { iptablesHighlight, iptablesLanguage } from './iptables-language';
import { lintDiagnostics } from './lint';
import { editorTheme } from './theme';

export interface RuleEditorOptions {
	text: string;
	/** Every change of the text, typed, undone or rewritten. */
	onchange(text: string): void;
	/** A file dropped onto the editor. */
	ondropfile(file: File): void;
	completion: CompletionData;
	/** Attributes of the editable element, e.g. `data-hook`, `aria-label`. */
	attributes: Record<string, string>;
}

export class RuleEditor {
	readonly view: EditorView;
	private current: string;
	private readonly extensions: Extension[];

	constructor(
		parent: HTMLElement,
		private readonly options: RuleEditorOptions
	) {
		this.current = options.text;
		this.extensions = [
			lineNumbers(),
			highlightActiveLineGutter(),
			lintGutter(),
			history(),
			drawSelection(),
			highlightActiveLine(),
			highlightSelectionMatches(),
			closeBrackets(),
			// In the page's body: the editor is a layout boundary (`contain`), which would clip them.
			tooltips({ parent: document.body }),
			iptablesLanguage,
			syntaxHighlighting(iptablesHighlight),
			autocompletion({ override: [ruleCompletionSource(options.completion)], icons: false }),
			keymap.of([
				...completionKeymap,
				...defaultKeymap,
				...historyKeymap,
				...searchKeymap,
				...lintKeymap
			]),
			EditorView.contentAttributes.of({ spellcheck: 'false', ...options.attributes }),
			EditorView.updateListener.of((u) => {
				if (!u.docChanged) return;
				// One string per change: the workspace keeps rules as text (measured in the e2e test).
				this.current = u.state.doc.toString();
				this.options.onchange(this.current);
			}),
			EditorView.domEventHandlers({
				dragover: (e) => {
					if (!e.dataTransfer?.types.includes('Files')) return false;
					e.preventDefault();
					return true;
				},
				drop: (e) => {
					const file = e.dataTransfer?.files[0];
					if (!file) return false;
					// Not CodeMirror's default (insert the file's text at the drop point): open it.
					e.preventDefault();
					this.options.ondropfile(file);
					return true;
				}
			}),
			editorTheme
		];
		this.view = new EditorView({ parent, state: this.freshState(options.text) });
	}

	/** The text the editor holds (kept from the last change, not rebuilt on each call). */
	get text(): string {
		return this.current;
	}

	/** A document replaced from outside (an example, a file, a link): new text, new history. */
	replace(text: string): void {
		if (text === this.current) return;
		this.current = text;
		this.view.setState(this.freshState(text));
	}

	/** Rewrites the whole text as one undoable step (view switch, Format, a rules file opened). */
	rewrite(text: string): void {
		if (text === this.current) return;
		this.view.dispatch({
			changes: { from: 0, to: this.view.state.doc.length, insert: text },
			userEvent: 'input.rewrite',
			// Its own undo step, never joined to the typing just before or after it.
			annotations: isolateHistory.of('full')
		});
	}

	/** Shows the engine's diagnostics about `source`, unless the editor has other text by now. */
	showDiagnostics(source: string, diagnostics: readonly Diagnostic[]): boolean {
		const doc = this.view.state.doc;
		const lint = lintDiagnostics(doc, source, diagnostics, () => this.current);
		if (lint) this.view.dispatch(setDiagnostics(this.view.state, lint));
		return lint !== null;
	}

	/** Puts the cursor at the start of a line (1-based, clamped) and scrolls it to the middle. */
	reveal(line: number): void {
		const doc = this.view.state.doc;
		const at = doc.line(Math.max(1, Math.min(Math.trunc(line) || 1, doc.lines))).from;
		this.view.dispatch({
			selection: { anchor: at },
			effects: EditorView.scrollIntoView(at, { y: 'center' })
		});
		this.view.focus();
	}

	undo(): boolean {
		return undo(this.view);
	}

	redo(): boolean {
		return redo(this.view);
	}

	destroy(): void {
		this.view.destroy();
	}

	private freshState(text: string): EditorState {
		return EditorState.create({ doc: text, extensions: this.extensions });
	}
}
