import { z } from 'zod';
import { method } from './define.js';
import type { WorkspaceInfo } from './types.js';
import { filePath, overwrite } from './paths.js';
import {
  ATTESTATION_KEYS,
  LIFECYCLE_ACTIONS,
  type Evidence,
  type GateConfig,
  type GateReadiness,
  type GateRequest,
  type GateStatus,
  type MethodFile,
} from './gates-types.js';

export * from './gates-types.js';

const id = z.string().min(1, 'an id is required').max(200);
const level = z.number().int().min(0).max(5);
const comment = z.string().trim().max(10_000).optional();
const path = filePath();

export const evidenceInputSchema = z
  .object({
    kind: z.enum(['file', 'link', 'note']),
    name: z.string().trim().max(500).optional(),
    /** Base64; the workspace's size limit is checked by the api with a clear message. */
    content: z.string().max(60_000_000).optional(),
    mime: z.string().max(200).optional(),
    url: z.string().trim().max(4000).optional(),
    note: z.string().trim().max(20_000).optional(),
  })
  .strict();

/** Stage gates (Degree of Implementation), approvals, evidence, lifecycle decisions, methods. */
export const gatesContract = {
  /** The gate ladder and settings of the workspace, with the catalogs the configuration screen offers. */
  'gates:config': method<GateConfig>()(z.object({}).strict()),
  /** Changes one level: name, criteria keys, approver roles, risk weight, self-approval. */
  'gates:updateLevel': method<GateConfig>()(
    z
      .object({
        level,
        name: z.string().trim().min(1, 'a gate needs a name').max(100).optional(),
        criteria: z.array(z.string().min(1).max(200)).max(50).optional(),
        approverRoles: z.array(z.string().min(1).max(200)).min(1, 'a gate needs at least one approver role').max(10).optional(),
        riskWeightPct: z.number().int().min(0).max(100).optional(),
        selfApproval: z.boolean().optional(),
        ownCopy: z.boolean().optional(),
      })
      .strict(),
  ),
  'gates:updateSettings': method<GateConfig>()(
    z.object({ resetOnEdit: z.boolean().optional(), evidenceMaxBytes: z.number().int().min(1024, 'at least 1 KB').max(41_943_040, 'at most 40 MB (files travel base64 over the browser-mode host)').optional() }).strict(),
  ),
  /** Criteria of the next level met / missed, the open request, history, evidence, lifecycle. */
  'gates:status': method<GateStatus>()(z.object({ measureId: id }).strict()),
  /** "Ready for next gate" for every live measure (the grid column). */
  /** Readiness for the next gate of every live measure, or only of `ids`. */
  'gates:readiness': method<GateReadiness[]>()(z.object({ ids: z.array(id).max(20_000).optional() }).strict()),
  /** Requests the next level; refused with the list of what is missing. */
  'gates:request': method<GateRequest>()(
    z.object({ measureId: id, toLevel: level, comment, evidence: z.array(evidenceInputSchema).max(20).optional() }).strict(),
  ),
  /** Approves or rejects as the acting person, for the approver roles they hold. */
  'gates:decide': method<GateRequest>()(z.object({ requestId: id, decision: z.enum(['approve', 'reject']), comment }).strict()),
  'gates:withdraw': method<GateRequest>()(z.object({ requestId: id, comment }).strict()),
  /** Pending requests, oldest first, with who they wait for; `mine` = only those the acting person can decide. */
  'gates:inbox': method<GateRequest[]>()(z.object({ mine: z.boolean().optional() }).strict()),
  /** Records a confirmation criterion (e.g. business case validated by the controller). */
  'gates:attest': method<GateStatus>()(z.object({ measureId: id, key: z.enum(ATTESTATION_KEYS), note: comment, withdraw: z.boolean().optional() }).strict()),
  'gates:addEvidence': method<Evidence>()(z.object({ measureId: id, requestId: id.optional(), evidence: evidenceInputSchema }).strict()),
  /** The content of a file evidence (base64) to download or open. */
  'gates:evidenceFile': method<{ name: string; mime: string; size: number; sha256: string; content: string }>()(z.object({ id }).strict()),
  /**
   * Put on hold (reason, review date), resume, cancel (reason), close (controller, evidence).
   * Closing from the level below the top (DI4) passes the top gate (DI5 Closed): it needs the
   * controller's value confirmation (`confirmValue` records it); closing without reaching the
   * top must say so (`withoutValueConfirmation`) and keeps the level.
   */
  'gates:lifecycle': method<GateStatus>()(
    z
      .object({
        measureId: id,
        action: z.enum(LIFECYCLE_ACTIONS),
        reason: z.string().trim().max(10_000).optional(),
        reviewDate: z.string().trim().max(20).optional(),
        evidence: z.array(evidenceInputSchema).max(20).optional(),
        confirmValue: z.boolean().optional(),
        withoutValueConfirmation: z.boolean().optional(),
      })
      .strict(),
  ),
  /** The workspace's method (gates, settings, roles, custom fields); written to `path` when given. */
  'method:export': method<{ method: MethodFile; path: string | null }>()(z.object({ path: path.optional(), overwrite }).strict()),
  /** Creates and opens a new, empty workspace set up with a saved method. */
  'method:newWorkspace': method<WorkspaceInfo>()(z.object({ path, methodPath: path, name: z.string().trim().min(1).max(500).optional() }).strict()),
} as const;
