// The backend behind an interface: the app uses Tauri's invoke, tests use mockIPC or a fake.
import { invoke } from '@tauri-apps/api/core';
import type { PlanSummary } from './bindings/PlanSummary';
import type { Dashboard } from './bindings/Dashboard';
import type { ShownTable } from './bindings/ShownTable';
import type { ViewRequest } from './bindings/ViewRequest';
import type { IpcError } from './bindings/IpcError';
import type { ErrorCode } from './bindings/ErrorCode';

export interface Backend {
  planSummary(): Promise<PlanSummary>;
  dashboard(): Promise<Dashboard>;
  budgetView(request: ViewRequest): Promise<ShownTable>;
}

/** An IPC failure with the code the UI branches on. */
export class BackendError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function isIpcError(e: unknown): e is IpcError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (isIpcError(e)) throw new BackendError(e.code, e.message);
    throw new BackendError('internal', String(e));
  }
}

export const tauriBackend: Backend = {
  planSummary: () => call<PlanSummary>('plan_summary'),
  dashboard: () => call<Dashboard>('dashboard'),
  budgetView: (request) => call<ShownTable>('budget_view', { request }),
};
