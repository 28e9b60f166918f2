import type { HierarchyNode } from '../../../preload/contract';
import type { Slice } from '../../app/store';
import { ApiCallError } from '../../app/api';
import type { Reload } from '../../app/reloads';

export interface TreeSlice {
  nodes: HierarchyNode[];
  selectedNodeId: string | null;
  collapsed: Record<string, boolean>;
  loadNodes(): Promise<void>;
  selectNode(id: string | null): Promise<void>;
  toggleNode(id: string): void;
  addNode(parentId: string | null, name: string): Promise<HierarchyNode | null>;
  renameNode(id: string, name: string): Promise<boolean>;
  moveNode(id: string, parentId: string | null): Promise<boolean>;
  deleteNode(id: string): Promise<boolean>;
}

const key = (workspaceId: string) => `steerco:selected-node:${workspaceId}`;

/** The node selected last time in this workspace, so a reload shows the same view. */
function rememberedNode(workspaceId: string | undefined): string | null {
  return workspaceId ? localStorage.getItem(key(workspaceId)) : null;
}

function rememberNode(workspaceId: string | undefined, id: string | null): void {
  if (!workspaceId) return;
  if (id) localStorage.setItem(key(workspaceId), id);
  else localStorage.removeItem(key(workspaceId));
}

export const createTreeSlice: Slice<TreeSlice> = (set, get) => {
  const attempt = async <T>(fn: () => Promise<T>): Promise<T | null> => {
    try {
      return await fn();
    } catch (e) {
      get().notify('error', e instanceof ApiCallError ? e.message : String(e));
      return null;
    }
  };
  return {
    nodes: [],
    selectedNodeId: null,
    collapsed: {},
    loadNodes: async () => {
      const nodes = await get().api.call('nodes:list', {});
      const sel = get().selectedNodeId ?? rememberedNode(get().workspace?.workspaceId);
      set({ nodes, selectedNodeId: sel && nodes.some((n) => n.id === sel) ? sel : null });
    },
    selectNode: async (id) => {
      set({ selectedNodeId: id });
      rememberNode(get().workspace?.workspaceId, id);
      await get().loadMeasures();
    },
    toggleNode: (id) => set((s) => ({ collapsed: { ...s.collapsed, [id]: !s.collapsed[id] } })),
    addNode: async (parentId, name) => {
      const n = await attempt(() => get().api.call('nodes:create', { parentId, name }));
      if (n) {
        await get().loadNodes();
        if (parentId) set((s) => ({ collapsed: { ...s.collapsed, [parentId]: false } }));
      }
      return n;
    },
    renameNode: async (id, name) => (await attempt(() => get().api.call('nodes:rename', { id, name }))) !== null,
    moveNode: async (id, parentId) => (await attempt(() => get().api.call('nodes:move', { id, parentId }))) !== null,
    deleteNode: async (id) => {
      const r = await attempt(() => get().api.call('nodes:delete', { id }));
      if (r) get().notify('info', `Deleted ${r.nodes} node${r.nodes === 1 ? '' : 's'} and ${r.measures} measure${r.measures === 1 ? '' : 's'} (Ctrl+Z to undo)`);
      return r !== null;
    },
  };
};

/** The tree shows nodes and how many measures each package holds: a measure's other columns do not matter to it. */
export const TREE_RELOADS: Reload[] = [{ tables: ['nodes', 'measures'], columns: { measures: ['node_id', 'deleted'] }, run: (s) => s.loadNodes() }];
