import type { StreamSliceSetup } from '../shared/worker-protocol.js';
import type { KernelArrays, KernelSettings } from './kernel.js';

/** What train.ts hands each JavaScript-kernel worker; the arrays are views of SharedArrayBuffers (shared, not copied). */
export interface FastTextWorkerSetup extends StreamSliceSetup {
  arrays: KernelArrays;
  settings: KernelSettings;
  seed: number;
}
