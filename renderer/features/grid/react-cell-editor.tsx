import type { ComponentType } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import type { ICellEditorComp, ICellEditorParams } from 'ag-grid-community';

/** What an editor may tell the grid while it decides to commit. */
export interface EditorCallbacks {
  getValidationErrors?: () => string[] | null;
}

/** The props of a cell editor written in React: the grid's parameters, the value, and how to change it. */
export type CellEditorProps<P = object> = ICellEditorParams & P & {
  value: unknown;
  onValueChange: (value: unknown) => void;
  /** Registers what the grid asks the editor (its validation); called on every render. */
  registerEditor: (callbacks: EditorCallbacks) => void;
};

/**
 * A plain grid cell editor (ag-grid's own component interface) that draws a React component:
 * the grid itself is plain DOM (VanillaGrid), so its editors are plain components too, while
 * what they show stays React. The component renders once the editor is in the page (so it can
 * focus), and again on every value change.
 */
export function reactCellEditor<P extends object>(Component: ComponentType<CellEditorProps<P>>): new () => ICellEditorComp {
  return class ReactCellEditor implements ICellEditorComp {
    private readonly el = document.createElement('div');
    private root: Root | null = null;
    private params!: ICellEditorParams & P;
    private value: unknown;
    private callbacks: EditorCallbacks = {};

    init(params: ICellEditorParams & P): void {
      this.params = params;
      this.value = params.value;
      this.el.className = 'react-cell-editor';
    }
    getGui(): HTMLElement {
      return this.el;
    }
    afterGuiAttached(): void {
      this.root = createRoot(this.el);
      flushSync(() => this.render());
    }
    private render(): void {
      this.root?.render(
        <Component
          {...this.params}
          value={this.value}
          onValueChange={(v: unknown) => {
            this.value = v;
            this.render();
          }}
          registerEditor={(c: EditorCallbacks) => {
            this.callbacks = c;
          }}
        />,
      );
    }
    getValue(): unknown {
      return this.value;
    }
    getValidationErrors(): string[] | null {
      return this.callbacks.getValidationErrors?.() ?? null;
    }
    destroy(): void {
      const root = this.root;
      this.root = null;
      // Not inside whatever render or commit ends the edit.
      if (root) queueMicrotask(() => root.unmount());
    }
  };
}
