import { useEffect, useMemo, useRef, useState } from 'react';
import { LEVEL_LABELS, type HierarchyNode } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { ConfirmDialog, Modal, PromptDialog } from '../../components/Modal';
import { flattenTree, validParents } from './tree-model';
import { Splitter } from '../../components/Splitter';
import { TREE_WIDTH } from '../layout/slice';

type Dialog = { kind: 'add' | 'rename' | 'delete' | 'move'; node: HierarchyNode | null } | null;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const LEVEL_BADGES: Record<string, string> = { organization: 'ORG', portfolio: 'PFL', program: 'PGM', project: 'PRJ', package: 'PKG' };

const NEXT_LABEL: Record<string, string> = {
  organization: 'portfolio',
  portfolio: 'program',
  program: 'project',
  project: 'measure package',
};

/** The hierarchy Organization › … › Measure package; selecting a node filters the grid. */
export function HierarchyTree() {
  const nodes = useApp((s) => s.nodes);
  const collapsed = useApp((s) => s.collapsed);
  const selectedId = useApp((s) => s.selectedNodeId);
  const selectNode = useApp((s) => s.selectNode);
  const toggleNode = useApp((s) => s.toggleNode);
  const addNode = useApp((s) => s.addNode);
  const renameNode = useApp((s) => s.renameNode);
  const moveNode = useApp((s) => s.moveNode);
  const deleteNode = useApp((s) => s.deleteNode);
  const [dialog, setDialog] = useState<Dialog>(null);
  const treeWidth = useApp((s) => s.treeWidth);
  const treeCollapsed = useApp((s) => s.treeCollapsed);
  const setTreeWidth = useApp((s) => s.setTreeWidth);
  const setTreeCollapsed = useApp((s) => s.setTreeCollapsed);
  const [moveTarget, setMoveTarget] = useState('');
  const [dragId, setDragId] = useState<string | null>(null);
  const items = useMemo(() => flattenTree(nodes, collapsed), [nodes, collapsed]);
  const selected = nodes.find((n) => n.id === selectedId) ?? null;
  const allTotal = nodes.filter((n) => n.parentId === null).reduce((a, n) => a + (items.find((i) => i.node.id === n.id)?.total ?? 0), 0);
  const canAddChild = !selected || selected.level !== 'package';
  const close = () => setDialog(null);

  const treeRef = useRef<HTMLUListElement>(null);
  // The selected row has the keyboard focus while the tree has it (a roving focus): the next
  // arrow moves on from there, not from the row the focus was left on.
  useEffect(() => {
    const tree = treeRef.current;
    if (!tree?.contains(document.activeElement)) return;
    tree.querySelector<HTMLElement>('[role=treeitem][aria-selected=true]')?.focus();
  }, [selectedId, items]);
  const onRootKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' && items[0]) void selectNode(items[0].node.id);
    else if (e.key === 'Enter' || e.key === ' ') void selectNode(null);
    else return;
    e.preventDefault();
  };
  const onKeyDown = (e: React.KeyboardEvent, idx: number) => {
    const item = items[idx]!;
    if (e.target !== e.currentTarget) return;
    if (e.key === 'ArrowDown' && items[idx + 1]) void selectNode(items[idx + 1]!.node.id);
    else if (e.key === 'ArrowUp') void selectNode(items[idx - 1]?.node.id ?? null);
    else if (e.key === 'Enter' || e.key === ' ') void selectNode(item.node.id);
    else if (e.key === 'ArrowRight' && collapsed[item.node.id]) toggleNode(item.node.id);
    else if (e.key === 'ArrowLeft' && item.hasChildren && !collapsed[item.node.id]) toggleNode(item.node.id);
    else if (e.key === 'F2') setDialog({ kind: 'rename', node: item.node });
    else if (e.key === 'Delete') setDialog({ kind: 'delete', node: item.node });
    else return;
    e.preventDefault();
  };

  if (treeCollapsed)
    return (
      <aside className="tree tree-collapsed" aria-label="Hierarchy">
        <button className="icon" aria-label="Show the tree panel" title="Show the tree of the program" aria-expanded={false} onClick={() => setTreeCollapsed(false)}>
          »
        </button>
        <span className="tree-collapsed-label" aria-hidden="true">
          {selected?.name ?? 'All measures'}
        </span>
      </aside>
    );
  return (
    <aside className="tree" aria-label="Hierarchy" style={{ width: treeWidth }}>
      <div className="tree-toolbar">
        <button
          className="tree-add"
          disabled={!canAddChild}
          title={selected ? `Add a ${NEXT_LABEL[selected.level]} under ${selected.name}` : 'Add an organization'}
          onClick={() => setDialog({ kind: 'add', node: selected })}
        >
          + Add {selected ? (NEXT_LABEL[selected.level] ?? '') : 'organization'}
        </button>
        <button className="icon" aria-label="Rename" title={selected ? `Rename ${selected.name} (F2)` : 'Rename'} disabled={!selected} onClick={() => setDialog({ kind: 'rename', node: selected })}>
          ✎
        </button>
        <button
          className="icon"
          aria-label="Move…"
          title={selected ? `Move ${selected.name} under another parent` : 'Move…'}
          disabled={!selected || selected.level === 'organization'}
          onClick={() => setDialog({ kind: 'move', node: selected })}
        >
          ⇄
        </button>
        <button className="icon" aria-label="Delete" title={selected ? `Delete ${selected.name} (Del)` : 'Delete'} disabled={!selected} onClick={() => setDialog({ kind: 'delete', node: selected })}>
          ✕
        </button>
        <button className="icon tree-hide" aria-label="Hide the tree panel" title="Hide the tree (more room for the grid)" aria-expanded={true} onClick={() => setTreeCollapsed(true)}>
          «
        </button>
      </div>
      <Splitter label="Resize the hierarchy" width={treeWidth} min={TREE_WIDTH.min} max={TREE_WIDTH.max} edge="right" onResize={setTreeWidth} />
      <ul role="tree" aria-label="Program hierarchy" ref={treeRef}>
        <li
          role="treeitem"
          aria-selected={selectedId === null}
          className={`tree-row ${selectedId === null ? 'selected' : ''}`}
          tabIndex={selectedId === null || !items.some((i) => i.node.id === selectedId) ? 0 : -1}
          onClick={() => void selectNode(null)}
          onKeyDown={onRootKeyDown}
        >
          <span className="tree-name">All measures</span>
          <span className="count">{allTotal}</span>
        </li>
        {items.map((item, idx) => (
          <li
            key={item.node.id}
            role="treeitem"
            aria-level={item.depth + 1}
            aria-expanded={item.hasChildren ? !collapsed[item.node.id] : undefined}
            aria-selected={selectedId === item.node.id}
            data-level={item.node.level}
            className={`tree-row ${selectedId === item.node.id ? 'selected' : ''}`}
            style={{ paddingLeft: 8 + item.depth * 14 }}
            tabIndex={selectedId === item.node.id ? 0 : -1}
            draggable={item.node.level !== 'organization'}
            onDragStart={() => setDragId(item.node.id)}
            onDragOver={(e) => {
              const dragged = nodes.find((n) => n.id === dragId);
              if (dragged && validParents(nodes, dragged.level).some((p) => p.id === item.node.id)) e.preventDefault();
            }}
            onDrop={() => {
              if (dragId) void moveNode(dragId, item.node.id);
              setDragId(null);
            }}
            onClick={() => void selectNode(item.node.id)}
            onKeyDown={(e) => onKeyDown(e, idx)}
          >
            <button
              className="twisty"
              aria-label={collapsed[item.node.id] ? 'Expand' : 'Collapse'}
              style={{ visibility: item.hasChildren ? 'visible' : 'hidden' }}
              onClick={(e) => {
                e.stopPropagation();
                toggleNode(item.node.id);
              }}
            >
              {collapsed[item.node.id] ? '▸' : '▾'}
            </button>
            <span className={`lvl lvl-${item.node.level}`} title={LEVEL_LABELS[item.node.level]}>
              {LEVEL_BADGES[item.node.level]}
            </span>
            <span className="tree-name">{item.node.name}</span>
            <span className="count" title={`${item.total} measure${item.total === 1 ? '' : 's'}`}>
              {item.total}
            </span>
          </li>
        ))}
      </ul>
      {dialog?.kind === 'add' && (
        <PromptDialog
          title={dialog.node ? `Add ${NEXT_LABEL[dialog.node.level]} under ${dialog.node.name}` : 'Add organization'}
          label="Name"
          submitLabel="Add"
          onClose={close}
          onSubmit={(name) => void addNode(dialog.node?.id ?? null, name).then((n) => n && (close(), void selectNode(n.id)))}
        />
      )}
      {dialog?.kind === 'rename' && dialog.node && (
        <PromptDialog title={`Rename ${dialog.node.name}`} label="Name" initial={dialog.node.name} submitLabel="Rename" onClose={close} onSubmit={(name) => void renameNode(dialog.node!.id, name).then((ok) => ok && close())} />
      )}
      {dialog?.kind === 'delete' && dialog.node && (
        <ConfirmDialog
          title={`Delete ${dialog.node.name}?`}
          message={`This deletes the ${LEVEL_LABELS[dialog.node.level].toLowerCase()} with everything under it (${plural(items.find((i) => i.node.id === dialog.node!.id)?.total ?? 0, 'measure')}). You can undo it with Ctrl+Z.`}
          confirmLabel="Delete"
          onClose={close}
          onConfirm={() => void deleteNode(dialog.node!.id).then((ok) => ok && (close(), void selectNode(null)))}
        />
      )}
      {dialog?.kind === 'move' && dialog.node && (
        <Modal
          title={`Move ${dialog.node.name}`}
          onClose={close}
          actions={
            <>
              <button onClick={close}>Cancel</button>
              <button className="primary" disabled={!moveTarget} onClick={() => void moveNode(dialog.node!.id, moveTarget).then((ok) => ok && close())}>
                Move
              </button>
            </>
          }
        >
          <label>
            New parent
            <select value={moveTarget} onChange={(e) => setMoveTarget(e.target.value)}>
              <option value="">Choose…</option>
              {validParents(nodes, dialog.node.level)
                .filter((p) => p.id !== dialog.node!.parentId)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
            </select>
          </label>
        </Modal>
      )}
    </aside>
  );
}
