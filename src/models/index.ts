export {
  Sequential,
  type BatchLogs,
  type CompileOptions,
  type EarlyStoppingOptions,
  type EpochLogs,
  type FitCallbacks,
  type FitOptions,
  type History,
  type ModelInput,
  type SequentialConfig,
  type SequentialOptions,
} from './sequential.js';
export {
  binaryCrossentropy,
  categoricalCrossentropy,
  sparseCategoricalCrossentropy,
  lossByName,
  LOSS_NAMES,
  type LossFunction,
  type LossName,
  type LossOptions,
} from './losses.js';
export { binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy, accuracyForLoss } from './metrics.js';
export {
  adagrad,
  adam,
  sgd,
  optimizerFromConfig,
  optimizerToConfig,
  resolveOptimizer,
  type AdagradOptions,
  type AdamOptions,
  type Optimizer,
  type OptimizerConfig,
  type OptimizerName,
  type SgdOptions,
} from './optimizers.js';
export { exportTfjs, loadModel, saveModel, type SavedModelFile } from './save.js';
